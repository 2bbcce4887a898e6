package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.fields;
import static org.studyledger.center.intake.Api.items;
import static org.studyledger.center.intake.Api.madrs;
import static org.studyledger.center.intake.Api.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;

/**
 * Dosing sessions, withheld sessions, adverse events, discontinuation and follow-up completion:
 * POST /subjects/{id}/doses, /withheld-doses, /adverse-events, /discontinuation, /follow-up-completion.
 */
@CenterIngestTest
class DosingApiTest {
    @Autowired
    TestRestTemplate http;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private String enrol(String subjectId) {
        return api.post("/subjects", enrolment(subjectId)).created("SubjectEnrolled", 0, GENESIS);
    }

    private static String path(String subjectId, String what) {
        return "/subjects/" + subjectId + "/" + what;
    }

    /** 56 mg in 2 devices on 2026-01-06, normal pressures, full monitoring: no flags. */
    private static Map<String, Object> dose() {
        return fields("administered_at", "2026-01-06T10:00:00+01:00", "dose_mg", 56, "devices", 2,
                "bp_before", "128/82", "bp_after", fields("systolic", 150, "diastolic", 95), "monitoring_minutes", 120);
    }

    private static Map<String, Object> adverseEvent() {
        return fields("term", "Dissociation", "onset_date", "2026-01-09", "severity", "moderate", "serious", false,
                "relatedness", "probable");
    }

    @Test
    void aSubjectsTreatmentFromFirstDoseToDiscontinuation() {
        String h = enrol("PAV-031");
        String doseId = UUID.randomUUID().toString();
        var first = api.post(path("PAV-031", "doses"), with(dose(), "dose_id", doseId));
        h = first.created("DoseAdministered", 1, h);
        assertThat(first.body().has("scores")).isFalse();

        // CADSS at dosing session 1: 1+1+1+1+1 = 5, above the threshold of 4.
        int[] cadss = new int[23];
        for (int i = 0; i < 5; i++) {
            cadss[i] = 1;
        }
        var dissociation = api.post(path("PAV-031", "assessments"), fields("instrument", "CADSS", "dose_session", 1,
                "administered_at", "2026-01-06T11:00:00+01:00", "rater", "rater-017", "items", items("CADSS", cadss)));
        h = dissociation.created("AssessmentRecorded", 2, h);
        assertThat(dissociation.score("CADSS_TOTAL")).isEqualByComparingTo("5");
        assertThat(dissociation.category("CADSS_ABOVE_4")).isEqualTo("Y");

        // Pre-dose 145/92 is above 140/90 (override given), +41 systolic is a notable rise, 90 min is short.
        h = api.post(path("PAV-031", "doses"), fields("administered_at", "2026-01-09T10:00:00+01:00", "dose_mg", 84,
                        "devices", 3, "bp_before", fields("systolic", 145, "diastolic", 92), "bp_after", "186/100",
                        "monitoring_minutes", 90, "override_reason", "investigator judged the benefit to outweigh the risk"))
                .created("DoseAdministered", 3, h);
        h = api.post(path("PAV-031", "withheld-doses"), fields("decided_at", "2026-01-13T09:00:00+01:00",
                        "reason", "pre-dose blood pressure 165/100", "bp_before", "165/100"))
                .created("DoseWithheld", 4, h);
        String aeId = UUID.randomUUID().toString();
        h = api.post(path("PAV-031", "adverse-events"), with(adverseEvent(), "adverse_event_id", aeId))
                .created("AdverseEventReported", 5, h);
        // Study day 8 (day 1 = first dose on 2026-01-06) is inside W1's window (8 ± 3).
        String madrsId = UUID.randomUUID().toString();
        h = api.post(path("PAV-031", "assessments"), fields("assessment_id", madrsId, "instrument", "MADRS",
                        "visit", "W1", "administered_at", "2026-01-13T10:00:00+01:00", "rater", "rater-017",
                        "items", madrs(3, 3, 2, 2, 3, 2, 2, 2, 1, 0)))
                .created("AssessmentRecorded", 6, h);
        h = api.post(path("PAV-031", "discontinuation"), fields("discontinuation_date", "2026-02-01",
                        "reason", "lack of efficacy", "consent_withdrawn", false))
                .created("SubjectDiscontinued", 7, h);

        // After a discontinuation: no new doses, assessments or status changes …
        api.post(path("PAV-031", "doses"), with(dose(), "administered_at", "2026-02-02T10:00:00+01:00"))
                .problem(409, "subject_id").says("subject_id", "discontinued on 2026-02-01");
        api.post(path("PAV-031", "withheld-doses"), fields("decided_at", "2026-02-02T10:00:00+01:00", "reason", "x"))
                .problem(409, "subject_id");
        api.post(path("PAV-031", "assessments"), fields("instrument", "MADRS", "visit", "M1",
                        "administered_at", "2026-02-03T10:00:00+01:00", "rater", "rater-017", "items", madrs(new int[10])))
                .problem(409, "subject_id");
        api.post(path("PAV-031", "follow-up-completion"), fields("completion_date", "2026-06-30"))
                .problem(409, "subject_id");
        api.post(path("PAV-031", "discontinuation"), fields("discontinuation_date", "2026-02-02", "reason", "again",
                "consent_withdrawn", false)).problem(409, "subject_id");
        // … but safety reporting and corrections of what was recorded go on.
        h = api.post(path("PAV-031", "adverse-events"), with(adverseEvent(), "term", "Headache", "onset_date", "2026-02-03",
                "severity", "MILD", "serious", "no", "relatedness", "UNLIKELY")).created("AdverseEventReported", 8, h);
        h = api.post(path("PAV-031", "assessments") + "/" + madrsId + "/corrections",
                        fields("items", madrs(3, 3, 2, 2, 3, 2, 2, 2, 1, 1), "reason", "item 10 misread"))
                .created("AssessmentCorrected", 9, h);

        JsonNode s = api.subject("PAV-031");
        assertThat(s.path("status").asText()).isEqualTo("DISCONTINUED");
        assertThat(s.path("status_date").asText()).isEqualTo("2026-02-01");
        assertThat(s.path("status_reason").asText()).isEqualTo("lack of efficacy");
        assertThat(s.path("first_dose_date").asText()).isEqualTo("2026-01-06");
        assertThat(s.path("chain_verified").asBoolean()).isTrue();
        assertThat(s.path("history")).hasSize(10);
        assertThat(s.path("history").get(9).path("hash").asText()).isEqualTo(h);

        JsonNode sessions = s.path("sessions");
        assertThat(sessions).hasSize(3);
        JsonNode s1 = sessions.get(0);
        assertThat(s1.path("dose_id").asText()).isEqualTo(doseId);
        assertThat(s1.path("session_number").asInt()).isEqualTo(1);
        assertThat(s1.path("outcome").asText()).isEqualTo("ADMINISTERED");
        assertThat(s1.path("at").asText()).isEqualTo("2026-01-06T09:00:00Z");
        assertThat(s1.path("dose_mg").asInt()).isEqualTo(56);
        assertThat(s1.path("devices").asInt()).isEqualTo(2);
        assertThat(s1.path("bp_before").path("systolic").asInt()).isEqualTo(128);
        assertThat(s1.path("bp_before").path("diastolic").asInt()).isEqualTo(82);
        assertThat(s1.path("bp_after").path("systolic").asInt()).isEqualTo(150);
        assertThat(s1.path("monitoring_minutes").asInt()).isEqualTo(120);
        assertThat(s1.path("flags")).isEmpty();
        JsonNode s2 = sessions.get(1);
        assertThat(s2.path("session_number").asInt()).isEqualTo(2);
        assertThat(s2.path("dose_mg").asInt()).isEqualTo(84);
        assertThat(s2.path("reason").asText()).startsWith("investigator judged");
        assertThat(texts(s2.path("flags")))
                .containsExactly("PRE_DOSE_BP_ABOVE_THRESHOLD", "NOTABLE_BP_RISE", "MONITORING_SHORT");
        JsonNode s3 = sessions.get(2);
        assertThat(s3.path("session_number").asInt()).isEqualTo(3);
        assertThat(s3.path("outcome").asText()).isEqualTo("WITHHELD");
        assertThat(s3.path("reason").asText()).isEqualTo("pre-dose blood pressure 165/100");
        assertThat(s3.path("bp_before").path("systolic").asInt()).isEqualTo(165);
        assertThat(s3.has("dose_mg")).isFalse();

        JsonNode aes = s.path("adverse_events");
        assertThat(aes).hasSize(2);
        assertThat(aes.get(0).path("adverse_event_id").asText()).isEqualTo(aeId);
        assertThat(aes.get(0).path("term").asText()).isEqualTo("Dissociation");
        assertThat(aes.get(0).path("severity").asText()).isEqualTo("MODERATE");
        assertThat(aes.get(0).path("serious").asBoolean()).isFalse();
        assertThat(aes.get(0).path("relatedness").asText()).isEqualTo("PROBABLE");
        assertThat(aes.get(1).path("severity").asText()).isEqualTo("MILD");

        JsonNode assessments = s.path("assessments");
        assertThat(assessments).hasSize(2);
        assertThat(assessments.get(0).path("dose_session").asInt()).isEqualTo(1);
        assertThat(assessments.get(0).path("study_day").asInt()).isEqualTo(1);
        assertThat(assessments.get(1).path("study_day").asInt()).isEqualTo(8);
        assertThat(assessments.get(1).path("out_of_window").asBoolean()).isFalse();
        assertThat(assessments.get(1).path("corrections").asInt()).isEqualTo(1);
        assertThat(assessments.get(1).path("scores").path("scores").path("MADRS_TOTAL").asInt()).isEqualTo(21);

        // A discontinued subject may still withdraw consent, which then stops all new data.
        h = api.post(path("PAV-031", "discontinuation"), fields("discontinuation_date", "2026-02-10",
                "reason", "withdrew consent", "consent_withdrawn", true)).created("SubjectDiscontinued", 10, h);
        api.post(path("PAV-031", "adverse-events"), adverseEvent())
                .problem(409, "subject_id").says("subject_id", "withdrew consent on 2026-02-10");
        JsonNode withdrawn = api.subject("PAV-031");
        assertThat(withdrawn.path("status").asText()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(withdrawn.path("status_date").asText()).isEqualTo("2026-02-10");
        assertThat(withdrawn.path("history")).hasSize(11);
        assertThat(withdrawn.path("history").get(10).path("hash").asText()).isEqualTo(h);
        assertThat(withdrawn.path("chain_verified").asBoolean()).isTrue();
    }

    @Test
    void aSubjectWhoCompletedFollowUpAcceptsNoNewData() {
        String h = enrol("PAV-032");
        h = api.post(path("PAV-032", "doses"), dose()).created("DoseAdministered", 1, h);
        api.post(path("PAV-032", "follow-up-completion"), fields("completion_date", "2026-07-06"))
                .created("FollowUpCompleted", 2, h);
        JsonNode s = api.subject("PAV-032");
        assertThat(s.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(s.path("status_date").asText()).isEqualTo("2026-07-06");
        assertThat(s.path("chain_verified").asBoolean()).isTrue();

        api.post(path("PAV-032", "doses"), with(dose(), "administered_at", "2026-07-07T10:00:00+02:00"))
                .problem(409, "subject_id").says("subject_id", "completed follow-up on 2026-07-06");
        api.post(path("PAV-032", "discontinuation"), fields("discontinuation_date", "2026-07-07", "reason", "moved",
                "consent_withdrawn", false)).problem(409, "subject_id");
        api.post(path("PAV-032", "follow-up-completion"), fields("completion_date", "2026-07-07"))
                .problem(409, "subject_id");
        assertThat(api.historySize("PAV-032")).isEqualTo(3);
    }

    @Test
    void aWithdrawalOfConsentStopsAllNewData() {
        String h = enrol("PAV-033");
        String madrsId = UUID.randomUUID().toString();
        h = api.post(path("PAV-033", "assessments"), fields("assessment_id", madrsId, "instrument", "MADRS",
                        "visit", "T0", "administered_at", "2026-01-05T09:00:00Z", "rater", "rater-017",
                        "items", madrs(new int[10])))
                .created("AssessmentRecorded", 1, h);
        api.post(path("PAV-033", "discontinuation"), fields("discontinuation_date", "2026-01-20",
                "reason", "withdrew consent", "consent_withdrawn", "yes")).created("SubjectDiscontinued", 2, h);
        assertThat(api.subject("PAV-033").path("status").asText()).isEqualTo("CONSENT_WITHDRAWN");

        api.post(path("PAV-033", "adverse-events"), adverseEvent())
                .problem(409, "subject_id").says("subject_id", "withdrew consent on 2026-01-20");
        api.post(path("PAV-033", "assessments") + "/" + madrsId + "/retraction", fields("reason", "x"))
                .problem(409, "subject_id");
        api.post(path("PAV-033", "assessments") + "/" + madrsId + "/corrections",
                fields("items", madrs(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), "reason", "x")).problem(409, "subject_id");
        assertThat(api.historySize("PAV-033")).isEqualTo(3);
    }

    @Test
    void doseRefusals() {
        String h = enrol("PAV-034");
        String doseId = UUID.randomUUID().toString();
        api.post(path("PAV-034", "doses"), with(dose(), "dose_id", doseId)).created("DoseAdministered", 1, h);
        String doses = path("PAV-034", "doses");
        Map<String, Object> next = with(dose(), "administered_at", "2026-01-09T10:00:00+01:00");

        api.post(doses, "{}")
                .problem(422, "administered_at", "dose_mg", "devices", "bp_before", "bp_after", "monitoring_minutes");
        api.post(doses, with(next, "dose_id", "x", "administered_at", "yesterday", "dose_mg", "fifty-six",
                        "bp_before", "128-82", "bp_after", fields("systolic", "high"), "monitoring_minutes", 12.5,
                        "site", "room 2"))
                .problem(422, "dose_id", "administered_at", "dose_mg", "bp_before", "bp_after", "monitoring_minutes", "site")
                .says("bp_before", "128/82", "'128-82'")
                .says("site", "unknown field");
        api.post(doses, with(next, "bp_before", "82/128", "bp_after", "350/90"))
                .problem(422, "bp_before", "bp_after")
                .says("bp_before", "diastolic must be below systolic")
                .says("bp_after", "systolic must be 50–300 mmHg");
        api.post(doses, with(next, "dose_mg", 50))
                .problem(422, "dose_mg").says("dose_mg", "50 mg is not an allowed dose", "28, 56, 84");
        // A missing device count is the intake's to report; the dose is still judged alone beside it.
        api.post(doses, with(next, "dose_mg", 70, "devices", null))
                .problem(422, "dose_mg", "devices").says("devices", "is required").says("dose_mg", "70 mg is not an allowed dose");
        api.post(doses, with(next, "dose_mg", 84, "devices", 2, "bp_before", "150/85", "monitoring_minutes", -5))
                .problem(422, "devices", "override_reason", "monitoring_minutes")
                .says("devices", "84 mg takes 3 devices")
                .says("override_reason", "150/85", "above 140/90")
                .says("monitoring_minutes", "must not be negative");
        api.post(doses, with(next, "override_reason", "just in case"))
                .problem(422, "override_reason").says("override_reason", "only applies");
        api.post(doses, with(next, "administered_at", "2026-01-06T09:59:00+01:00"))
                .problem(422, "administered_at").says("administered_at", "after the previous dosing session");
        api.post(doses, with(next, "administered_at", "2099-01-06T10:00:00+01:00"))
                .problem(422, "administered_at").says("administered_at", "must not be in the future");
        api.post(doses, with(next, "dose_id", doseId))
                .problem(409, "dose_id").says("dose_id", doseId, "already recorded");
        api.post(path("PAV-097", "doses"), next).problem(404, "subject_id");
        // The body may repeat the subject of the path, never name another one.
        api.post(doses, with(next, "subject_id", "PAV-035"))
                .problem(422, "subject_id").says("subject_id", "'PAV-035'", "path names subject 'PAV-034'");
        assertThat(api.historySize("PAV-034")).isEqualTo(2);
        api.post(doses, with(next, "subject_id", "PAV-034")).created("DoseAdministered", 2, api.subject("PAV-034")
                .path("history").get(1).path("hash").asText());
    }

    @Test
    void withheldDoseRefusals() {
        String h = enrol("PAV-035");
        String doseId = UUID.randomUUID().toString();
        api.post(path("PAV-035", "doses"), with(dose(), "dose_id", doseId)).created("DoseAdministered", 1, h);
        String withheld = path("PAV-035", "withheld-doses");

        api.post(withheld, "{}").problem(422, "decided_at", "reason");
        api.post(withheld, fields("decided_at", "2026-01-09", "reason", "ill", "bp_before", "high", "dose_mg", 56))
                .problem(422, "decided_at", "bp_before", "dose_mg").says("decided_at", "with offset");
        api.post(withheld, fields("decided_at", "2026-01-06T08:00:00Z", "reason", " "))
                .problem(422, "decided_at", "reason").says("decided_at", "after the previous dosing session");
        api.post(withheld, fields("dose_id", doseId, "decided_at", "2026-01-09T09:00:00Z", "reason", "ill"))
                .problem(409, "dose_id");
        api.post(path("PAV-097", "withheld-doses"), fields("decided_at", "2026-01-09T09:00:00Z", "reason", "ill"))
                .problem(404, "subject_id");
        assertThat(api.historySize("PAV-035")).isEqualTo(2);
    }

    @Test
    void adverseEventRefusals() {
        String h = enrol("PAV-036");
        String aeId = UUID.randomUUID().toString();
        api.post(path("PAV-036", "adverse-events"), with(adverseEvent(), "adverse_event_id", aeId))
                .created("AdverseEventReported", 1, h);
        String aes = path("PAV-036", "adverse-events");

        api.post(aes, "{}").problem(422, "term", "onset_date", "severity", "serious", "relatedness");
        api.post(aes, fields("adverse_event_id", "1", "term", "Nausea", "onset_date", "09.01.2026", "severity", "fatal",
                        "serious", "maybe", "relatedness", "unknown"))
                .problem(422, "adverse_event_id", "onset_date", "severity", "serious", "relatedness")
                .says("severity", "MILD", "MODERATE", "SEVERE")
                .says("serious", "true or false")
                .says("relatedness", "NOT_RELATED", "DEFINITE");
        api.post(aes, with(adverseEvent(), "onset_date", "2099-01-01"))
                .problem(422, "onset_date").says("onset_date", "must not be in the future");
        api.post(aes, with(adverseEvent(), "onset_date", "2026-01-04"))
                .problem(422, "onset_date").says("onset_date", "before the subject's enrolment");
        api.post(aes, with(adverseEvent(), "adverse_event_id", aeId))
                .problem(409, "adverse_event_id").says("adverse_event_id", "already reported");
        api.post(path("PAV-097", "adverse-events"), adverseEvent()).problem(404, "subject_id");
        assertThat(api.historySize("PAV-036")).isEqualTo(2);
    }

    @Test
    void discontinuationAndFollowUpRefusals() {
        enrol("PAV-037");
        String discontinuation = path("PAV-037", "discontinuation");
        String followUp = path("PAV-037", "follow-up-completion");

        api.post(discontinuation, "{}").problem(422, "discontinuation_date", "reason", "consent_withdrawn");
        api.post(discontinuation, fields("discontinuation_date", "2026-02-30", "reason", "moved",
                "consent_withdrawn", "perhaps")).problem(422, "discontinuation_date", "consent_withdrawn");
        api.post(discontinuation, fields("discontinuation_date", "2099-02-01", "reason", "moved", "consent_withdrawn", false))
                .problem(422, "discontinuation_date").says("discontinuation_date", "must not be in the future");
        api.post(discontinuation, fields("discontinuation_date", "2026-01-04", "reason", "moved", "consent_withdrawn", false))
                .problem(422, "discontinuation_date").says("discontinuation_date", "before the subject's enrolment");

        api.post(followUp, "{}").problem(422, "completion_date").says("completion_date", "is required");
        api.post(followUp, fields("completion_date", "2099-07-01")).problem(422, "completion_date");
        api.post(followUp, fields("completion_date", "2025-12-31"))
                .problem(422, "completion_date").says("completion_date", "before the subject's enrolment");
        api.post(followUp, fields("completion_date", "2026-07-01", "visit", "M6"))
                .problem(422, "visit").says("visit", "unknown field");

        api.post(path("PAV-097", "discontinuation"), fields("discontinuation_date", "2026-02-01", "reason", "moved",
                "consent_withdrawn", false)).problem(404, "subject_id");
        api.post(path("PAV-097", "follow-up-completion"), fields("completion_date", "2026-07-01"))
                .problem(404, "subject_id");
        assertThat(api.historySize("PAV-037")).isEqualTo(1);
        assertThat(api.subject("PAV-037").path("status").asText()).isEqualTo("ENROLLED");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
