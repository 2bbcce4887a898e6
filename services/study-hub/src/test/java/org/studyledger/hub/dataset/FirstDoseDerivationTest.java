package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.protocol.Protocol;

/**
 * ADQS and ADSL against the first dose's instant, worked by hand. Zone Europe/Rome (UTC+1 in winter); when dosed, the
 * first dose is at 10:00 local time on 2026-01-12 (09:00 UTC), day 1; W1 is days 5..11 (target 8).
 */
class FirstDoseDerivationTest {
    private static final String FIRST_DOSE = "2026-01-12T09:00:00Z";
    private final AnalysisDerivation derivation =
            new AnalysisDerivation(Protocol.eskTrd(), new StudyDates(ZoneId.of("Europe/Rome")));
    private final SubjectRecord.Enrolment enrolment = new SubjectRecord.Enrolment("ESK-TRD", "PAV-001", "PAV",
            LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 4), "ESK-TRD/1", 1970, "F", 14, 3);
    private long sequence = 1;

    private SubjectRecord.Form madrs(String id, String visit, String at, int total) {
        return new SubjectRecord.Form(id, "MADRS", "1", visit, null, Instant.parse(at),
                Map.of("MADRS_TOTAL", BigDecimal.valueOf(total)), sequence++);
    }

    private SubjectRecord.Dose dose(String at) {
        return new SubjectRecord.Dose("dose-1", 1, true, Instant.parse(at), 56, 2, 128, 82, 141, 90, 120, null, null,
                List.of(), sequence++);
    }

    private AnalysisDerivation.Rows derive(List<SubjectRecord.Form> forms, List<SubjectRecord.Dose> doses) {
        return derivation.derive(new SubjectRecord(enrolment, null, forms, doses));
    }

    private static Map<String, AdqsRow> madrsByRef(AnalysisDerivation.Rows rows) {
        Map<String, AdqsRow> byRef = new LinkedHashMap<>();
        rows.adqs().stream().filter(r -> r.paramcd().equals("MADRSTOT")).forEach(r -> byRef.put(r.qsrefid(), r));
        return byRef;
    }

    @Test
    void aMadrsAt14OnTheDayOfA10OClockFirstDoseIsPostBaselineAndTheT0BeforeTheDoseIsTheBaseline() {
        AnalysisDerivation.Rows rows = derive(List.of(
                madrs("t0", "T0", "2026-01-12T07:00:00Z", 30),      // 08:00 Rome, before the dose
                madrs("pm", "T0", "2026-01-12T13:00:00Z", 24)),     // 14:00 Rome, four hours after it
                List.of(dose(FIRST_DOSE)));
        Map<String, AdqsRow> madrs = madrsByRef(rows);
        AdqsRow t0 = madrs.get("t0");
        assertThat(t0.ablfl()).isEqualTo("Y");
        assertThat(t0.anl01fl()).isEqualTo("Y");
        assertThat(t0.avisit()).isEqualTo("T0");
        assertThat(t0.ady()).isEqualTo(1);
        assertThat(t0.adtm()).isEqualTo(Instant.parse("2026-01-12T07:00:00Z"));
        assertThat(t0.chg()).isNull();

        AdqsRow pm = madrs.get("pm");
        assertThat(pm.ady()).isEqualTo(1);                          // the same day ...
        assertThat(pm.ablfl()).isNull();                            // ... but after the dose: not the baseline
        assertThat(pm.avisit()).isEqualTo(AnalysisVisits.UNSCHEDULED); // T0 is before the dose, W1 starts on day 5
        assertThat(pm.visit()).isEqualTo("T0");
        assertThat(pm.avisitn()).isNull();
        assertThat(pm.awtdiff()).isNull();
        assertThat(pm.anl01fl()).isNull();
        assertThat(pm.adtm()).isEqualTo(Instant.parse("2026-01-12T13:00:00Z"));
        assertThat(pm.base()).isEqualByComparingTo("30");
        assertThat(pm.chg()).isEqualByComparingTo("-6");              // 24 - 30
        assertThat(pm.pchg()).isEqualTo(new BigDecimal("-20.00"));    // -6 / 30
        assertThat(pm.crit1fl()).isEqualTo("N");
        assertThat(pm.crit2fl()).isEqualTo("N");

        AdslRow adsl = rows.adsl();
        assertThat(adsl.bmadrs()).isEqualByComparingTo("30");
        assertThat(adsl.trtsdtm()).isEqualTo(Instant.parse(FIRST_DOSE));
        assertThat(adsl.trtsdt()).isEqualTo(LocalDate.of(2026, 1, 12));
    }

    @Test
    void withOnlyAFormAfterTheDoseThereIsNoBaseline() {
        Map<String, AdqsRow> madrs = madrsByRef(derive(List.of(madrs("pm", "T0", "2026-01-12T13:00:00Z", 24)),
                List.of(dose(FIRST_DOSE))));
        assertThat(madrs.get("pm").ablfl()).isNull();
        assertThat(madrs.get("pm").base()).isNull();
        assertThat(madrs.get("pm").chg()).isNull();
        assertThat(madrs.get("pm").crit1fl()).isNull();
        assertThat(madrs.get("pm").crit2fl()).isEqualTo("N");        // remission needs no baseline
    }

    @Test
    void aSubjectNeverDosedHasTheT0FormAsBaselineAndNoPostBaselineRows() {
        AnalysisDerivation.Rows rows = derive(List.of(
                madrs("t0", "T0", "2026-01-09T09:00:00Z", 30),
                madrs("w1", "W1", "2026-01-20T09:00:00Z", 22),
                madrs("m1", "M1", "2026-02-10T09:00:00Z", 18)), List.of());
        Map<String, AdqsRow> madrs = madrsByRef(rows);
        assertThat(madrs.values()).extracting(AdqsRow::avisit).containsExactly("T0", "T0", "T0");
        assertThat(madrs.values()).extracting(AdqsRow::ady).containsOnlyNulls();
        assertThat(madrs.values()).extracting(AdqsRow::awtdiff).containsOnlyNulls();
        assertThat(madrs.values()).allSatisfy(r -> {
            assertThat(r.base()).isEqualByComparingTo("30");
            assertThat(r.chg()).isNull();
            assertThat(r.pchg()).isNull();
            assertThat(r.crit1()).isNull();
            assertThat(r.crit1fl()).isNull();
            assertThat(r.crit2()).isNull();
            assertThat(r.crit2fl()).isNull();
        });
        assertThat(madrs.get("t0").ablfl()).isEqualTo("Y");
        assertThat(madrs.get("t0").anl01fl()).isEqualTo("Y");
        assertThat(madrs.get("w1").ablfl()).as("W1 is not a baseline").isNull();
        assertThat(madrs.get("w1").anl01fl()).isNull();
        assertThat(madrs.get("m1").ablfl()).isNull();
        assertThat(madrs.get("w1").visit()).isEqualTo("W1");
        assertThat(rows.adsl().bmadrs()).isEqualByComparingTo("30");
        assertThat(rows.adsl().trtsdtm()).isNull();
        assertThat(rows.adsl().trtsdt()).isNull();
    }

    @Test
    void aSubjectNeverDosedWithoutAT0FormHasNoBaseline() {
        AnalysisDerivation.Rows rows = derive(List.of(madrs("w1", "W1", "2026-01-20T09:00:00Z", 22)), List.of());
        AdqsRow w1 = madrsByRef(rows).get("w1");
        assertThat(w1.ablfl()).isNull();
        assertThat(w1.base()).isNull();
        assertThat(w1.anl01fl()).isNull();
        assertThat(rows.adsl().bmadrs()).isNull();
    }

    @Test
    void aFirstDoseEnteredAfterTheFormsPlacesThemByItsTime() {
        // The forms were recorded first (lower sequences); the dose given on the 12th was entered afterwards.
        SubjectRecord.Form t0 = madrs("t0", "T0", "2026-01-12T07:00:00Z", 30);
        SubjectRecord.Form w1 = madrs("w1", "W1", "2026-01-19T09:00:00Z", 15);
        Map<String, AdqsRow> before = madrsByRef(derive(List.of(t0, w1), List.of()));
        assertThat(before.get("w1").avisit()).isEqualTo("T0");
        assertThat(before.get("w1").ady()).isNull();
        assertThat(before.get("w1").chg()).isNull();

        Map<String, AdqsRow> after = madrsByRef(derive(List.of(t0, w1), List.of(dose(FIRST_DOSE))));
        AdqsRow placed = after.get("w1");
        assertThat(placed.avisit()).isEqualTo("W1");
        assertThat(placed.ady()).isEqualTo(8);
        assertThat(placed.awtdiff()).isZero();
        assertThat(placed.anl01fl()).isEqualTo("Y");
        assertThat(placed.chg()).isEqualByComparingTo("-15");
        assertThat(placed.pchg()).isEqualTo(new BigDecimal("-50.00"));
        assertThat(placed.crit1fl()).isEqualTo("Y");
        assertThat(after.get("t0").ablfl()).isEqualTo("Y");
    }

    @Test
    void theEarliestDoseIsTheFirstWhicheverWasEnteredFirst() {
        SubjectRecord.Dose later = new SubjectRecord.Dose("dose-2", 2, true, Instant.parse("2026-01-15T09:00:00Z"), 56, 2,
                128, 82, 141, 90, 120, null, null, List.of(), sequence++);
        SubjectRecord.Dose earlier = new SubjectRecord.Dose("dose-1", 1, true, Instant.parse(FIRST_DOSE), 56, 2,
                128, 82, 141, 90, 120, null, null, List.of(), sequence++);
        assertThat(AnalysisDerivation.firstDoseAt(List.of(later, earlier))).isEqualTo(Instant.parse(FIRST_DOSE));
    }

    @Test
    void aBaselineOfZeroIsNeverAResponseAndHasNoPercentChange() {
        Map<String, AdqsRow> madrs = madrsByRef(derive(List.of(
                madrs("t0", "T0", "2026-01-12T07:00:00Z", 0),
                madrs("w1", "W1", "2026-01-19T09:00:00Z", 0)), List.of(dose(FIRST_DOSE))));
        AdqsRow w1 = madrs.get("w1");
        assertThat(w1.chg()).isEqualByComparingTo("0");
        assertThat(w1.pchg()).isNull();
        assertThat(w1.crit1fl()).isEqualTo("N");
        assertThat(w1.crit2fl()).isEqualTo("Y");
    }
}
