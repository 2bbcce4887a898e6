package org.studyledger.hub.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;

/**
 * Four scripted subjects covering every event type and every status (the study zone is Europe/Rome, UTC+1 in
 * winter):
 * <ul>
 *   <li>PAV-001 — T0 MADRS 30, RFQ-8 and AAQ-II; dose 1 on 2026-01-12 (56 mg, CADSS 6); dose 2 at 00:30 local time on
 *   2026-01-16 (84 mg, pre-dose BP above threshold with override, notable rise, short monitoring); dose 3 withheld;
 *   W1 MADRS 16 corrected to 15 (exactly −50 %); M1 MADRS 10, RFQ-8, an AAQ-II that is retracted; an adverse event;
 *   discontinued on 2026-02-20.</li>
 *   <li>MIL-001 — T0 MADRS 28, one 28 mg dose, W1 MADRS 20, follow-up completed.</li>
 *   <li>PAV-002 — enrolled only. PAV-003 — enrolled and dosed once (on treatment).</li>
 * </ul>
 */
public final class Cohort {
    public static final Duration PATIENCE = Duration.ofSeconds(90);
    public static final int EVENTS = 24;

    public final SubjectScript pav1 = new SubjectScript("PAV-001");
    public final SubjectScript mil1 = new SubjectScript("MIL-001");
    public final SubjectScript pav2 = new SubjectScript("PAV-002");
    public final SubjectScript pav3 = new SubjectScript("PAV-003");
    public final AssessmentId pav1W1;
    public final AssessmentId pav1M1Aaq;
    public final DoseId pav1Dose1;
    public final DoseId pav1Dose2;
    public final DoseId pav1Withheld;

    public Cohort() {
        pav1.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1970, Sex.F, 14, 3);
        pav1.assess("MADRS", "T0", "2026-01-12T07:30:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        pav1.assess("RFQ8", "T0", "2026-01-12T07:45:00.000Z", 1, 1, 3, 2, 6, 3, 7, 1, 6);
        pav1.assess("AAQ2", "T0", "2026-01-12T07:50:00.000Z", 1, 4, 4, 4, 4, 4, 4, 4);
        pav1Dose1 = pav1.dose(1, "2026-01-12T09:00:00.000Z", 56, new BloodPressure(128, 82), new BloodPressure(141, 90),
                120, null);
        pav1.atSession("CADSS", 1, "2026-01-12T09:40:00.000Z", 1, cadss(6));
        pav1Dose2 = pav1.dose(2, "2026-01-15T23:30:00.000Z", 84, new BloodPressure(150, 95), new BloodPressure(195, 100),
                90, "investigator judged the benefit to outweigh the risk");
        pav1Withheld = pav1.withhold(3, "2026-01-19T08:30:00.000Z", "pre-dose BP 170/105", new BloodPressure(170, 105));
        pav1W1 = pav1.assess("MADRS", "W1", "2026-01-19T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        pav1.correct(pav1W1, "2026-01-20T10:00:00.000Z", "transcription error: item 1 was 1 on the paper form",
                1, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        pav1.assess("MADRS", "M1", "2026-02-09T09:00:00.000Z", 29, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        pav1.assess("RFQ8", "M1", "2026-02-09T09:10:00.000Z", 29, 2, 3, 3, 5, 4, 6, 2, 5);
        pav1M1Aaq = pav1.assess("AAQ2", "M1", "2026-02-09T09:20:00.000Z", 29, 3, 3, 3, 3, 3, 3, 3);
        pav1.retract(pav1M1Aaq, "2026-02-10T08:00:00.000Z", "form belonged to another subject");
        pav1.adverseEvent("2026-01-12T11:00:00.000Z", "dissociation", LocalDate.of(2026, 1, 12),
                AdverseEventSeverity.MILD, false, Relatedness.PROBABLE);
        pav1.discontinue("2026-02-20T09:00:00.000Z", LocalDate.of(2026, 2, 20), "moved abroad", false);

        mil1.enrol("2026-01-07T08:00:00.000Z", LocalDate.of(2026, 1, 7), 1958, Sex.M, 30, 2);
        mil1.assess("MADRS", "T0", "2026-01-08T08:00:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2);
        mil1.dose(1, "2026-01-08T09:00:00.000Z", 28, new BloodPressure(120, 80), new BloodPressure(130, 85), 120, null);
        mil1.assess("MADRS", "W1", "2026-01-15T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        mil1.complete("2026-07-08T09:00:00.000Z", LocalDate.of(2026, 7, 8));

        pav2.enrol("2026-01-20T08:00:00.000Z", LocalDate.of(2026, 1, 20), 1985, Sex.U, 8, 2);

        pav3.enrol("2026-01-21T08:00:00.000Z", LocalDate.of(2026, 1, 21), 1990, Sex.F, 20, 4);
        pav3.dose(1, "2026-01-22T09:00:00.000Z", 56, new BloodPressure(118, 76), new BloodPressure(126, 80), 120, null);
    }

    public List<SubjectScript> subjects() {
        return List.of(pav1, mil1, pav2, pav3);
    }

    /** Feeds the subjects' events to the ledger, interleaved subject by subject. */
    public void feed(LedgerIntake intake, HubProperties hub) {
        subjects().forEach(s -> s.feed(intake, hub));
    }

    /** Waits until every projection has processed every ledger event (the admin status says so). */
    public static void awaitCaughtUp(TestRestTemplate http, int ledgerEvents) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = http.getForObject("/api/v1/admin/projections", Map.class);
            assertThat(((Number) status.get("head")).longValue()).isGreaterThanOrEqualTo(ledgerEvents);
            assertThat(status.get("caught_up")).as("projection status %s", status).isEqualTo(true);
        });
    }

    /** CADSS items summing to {@code total} (ones first). */
    public static int[] cadss(int total) {
        int[] items = new int[23];
        for (int i = 0; i < total; i++) {
            items[i] = 1;
        }
        return items;
    }
}
