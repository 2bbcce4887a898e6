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
 * The ADaM derivations with hand-computed expectations. The study zone is Europe/Rome; the first dose is on
 * 2026-01-12 (day 1), so 2026-01-11 is day -1, 2026-01-17 day 6, 2026-01-20 day 9, 2026-01-26 day 15.
 * Protocol windows: T0 day <= 1, W1 5..11 (target 8), M1 22..36 (target 29).
 */
class AdamDerivationTest {
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

    private SubjectRecord.Form cadss(int session, String at, int total) {
        return new SubjectRecord.Form("cadss-" + session, "CADSS", "1", null, session, Instant.parse(at),
                Map.of("CADSS_TOTAL", BigDecimal.valueOf(total)), sequence++);
    }

    private SubjectRecord.Dose dose(int session, String at, int sysBefore, int diaBefore, int sysAfter, int diaAfter) {
        return new SubjectRecord.Dose("dose-" + session, session, true, Instant.parse(at), 56, 2, sysBefore, diaBefore,
                sysAfter, diaAfter, 120, null, null, List.of(), sequence++);
    }

    private AnalysisDerivation.Rows derive(List<SubjectRecord.Form> forms, List<SubjectRecord.Dose> doses) {
        return derivation.derive(new SubjectRecord(enrolment, null, forms, doses));
    }

    private Map<String, AdqsRow> madrsByRef(List<SubjectRecord.Form> forms) {
        Map<String, AdqsRow> rows = new LinkedHashMap<>();
        derive(forms, List.of(dose(1, FIRST_DOSE, 128, 82, 141, 90))).adqs().stream()
                .filter(r -> r.paramcd().equals("MADRSTOT")).forEach(r -> rows.put(r.qsrefid(), r));
        return rows;
    }

    @Test
    void twoAssessmentsInOneWindowFlagTheOneClosestToTheTargetDay() {
        Map<String, AdqsRow> rows = madrsByRef(List.of(
                madrs("t0", "T0", "2026-01-12T07:00:00Z", 30),
                madrs("w1-day6", "W1", "2026-01-17T09:00:00Z", 20),    // |6 - 8| = 2
                madrs("w1-day9", "W1", "2026-01-20T09:00:00Z", 18)));  // |9 - 8| = 1: closest
        assertThat(rows.get("w1-day6").avisit()).isEqualTo("W1");
        assertThat(rows.get("w1-day6").awtdiff()).isEqualTo(2);
        assertThat(rows.get("w1-day6").anl01fl()).isNull();
        assertThat(rows.get("w1-day9").awtarget()).isEqualTo(8);
        assertThat(rows.get("w1-day9").awtdiff()).isEqualTo(1);
        assertThat(rows.get("w1-day9").anl01fl()).isEqualTo("Y");
        assertThat(rows.get("t0").anl01fl()).isEqualTo("Y");
        assertThat(rows.get("t0").ablfl()).isEqualTo("Y");
        // CHG/PCHG of both W1 values: 20 - 30 = -10, -33.33 %; 18 - 30 = -12, -40.00 %
        assertThat(rows.get("w1-day6").chg()).isEqualByComparingTo("-10");
        assertThat(rows.get("w1-day6").pchg()).isEqualTo(new BigDecimal("-33.33"));
        assertThat(rows.get("w1-day9").chg()).isEqualByComparingTo("-12");
        assertThat(rows.get("w1-day9").pchg()).isEqualTo(new BigDecimal("-40.00"));
    }

    @Test
    void equalDistancesGoToTheEarlierDateThenTheLowerSequence() {
        Map<String, AdqsRow> rows = madrsByRef(List.of(
                madrs("w1-day10", "W1", "2026-01-21T09:00:00Z", 19),   // recorded first, |10 - 8| = 2
                madrs("w1-day6", "W1", "2026-01-17T09:00:00Z", 20)));  // |6 - 8| = 2, earlier ADT: wins
        assertThat(rows.get("w1-day6").anl01fl()).isEqualTo("Y");
        assertThat(rows.get("w1-day10").anl01fl()).isNull();

        Map<String, AdqsRow> sameDay = madrsByRef(List.of(
                madrs("w1-a", "W1", "2026-01-18T15:00:00Z", 17),   // day 7, lower sequence: wins
                madrs("w1-b", "W1", "2026-01-18T08:00:00Z", 16))); // day 7, same ADT, higher sequence
        assertThat(sameDay.get("w1-a").anl01fl()).isEqualTo("Y");
        assertThat(sameDay.get("w1-b").anl01fl()).isNull();
    }

    @Test
    void aDayOutsideEveryWindowIsUnscheduledAndKeepsTheRecordedVisit() {
        Map<String, AdqsRow> rows = madrsByRef(List.of(
                madrs("t0", "T0", "2026-01-12T07:00:00Z", 30),
                madrs("late-w1", "W1", "2026-01-26T09:00:00Z", 12))); // day 15: between W1 (..11) and M1 (22..)
        AdqsRow late = rows.get("late-w1");
        assertThat(late.ady()).isEqualTo(15);
        assertThat(late.avisit()).isEqualTo(AnalysisVisits.UNSCHEDULED);
        assertThat(late.visit()).isEqualTo("W1");
        assertThat(late.avisitn()).isNull();
        assertThat(late.awtarget()).isNull();
        assertThat(late.awtdiff()).isNull();
        assertThat(late.anl01fl()).isNull();
        assertThat(late.chg()).isEqualByComparingTo("-18");   // still a post-baseline value
        assertThat(late.pchg()).isEqualTo(new BigDecimal("-60.00"));
        assertThat(late.crit1fl()).isEqualTo("Y");
    }

    @Test
    void theDayBeforeTheFirstDoseIsMinusOneAndBelongsToT0() {
        Map<String, AdqsRow> rows = madrsByRef(List.of(madrs("pre", "T0", "2026-01-11T22:30:00Z", 31))); // 23:30 Rome
        AdqsRow pre = rows.get("pre");
        assertThat(pre.ady()).isEqualTo(-1);
        assertThat(pre.avisit()).isEqualTo("T0");
        assertThat(pre.avisitn()).isEqualTo(1);
        assertThat(pre.awtdiff()).isEqualTo(2);     // |-1 - 1|, literally
        assertThat(pre.ablfl()).isEqualTo("Y");
        assertThat(pre.anl01fl()).isEqualTo("Y");
    }

    @Test
    void withoutAT0RecordingTheBaselineIsTheLastValueOnOrBeforeDay1() {
        Map<String, AdqsRow> rows = madrsByRef(List.of(
                madrs("screen-a", "W1", "2026-01-08T09:00:00Z", 33),    // day -4, analysis visit T0
                madrs("screen-b", "W1", "2026-01-10T09:00:00Z", 32),    // day -2: last on or before day 1
                madrs("t0-late", "T0", "2026-01-14T09:00:00Z", 29),     // recorded T0 but day 3: UNSCHEDULED
                madrs("w1", "W1", "2026-01-19T09:00:00Z", 16)));        // day 8
        assertThat(rows.get("screen-b").ablfl()).isEqualTo("Y");
        assertThat(rows.get("screen-b").anl01fl()).isEqualTo("Y");
        assertThat(rows.get("screen-a").ablfl()).isNull();
        assertThat(rows.get("screen-a").anl01fl()).isNull();
        assertThat(rows.get("t0-late").avisit()).isEqualTo(AnalysisVisits.UNSCHEDULED);
        assertThat(rows.get("t0-late").ablfl()).isNull();
        assertThat(rows.get("w1").base()).isEqualByComparingTo("32");
        assertThat(rows.get("w1").chg()).isEqualByComparingTo("-16");
        assertThat(rows.get("w1").pchg()).isEqualTo(new BigDecimal("-50.00"));
        assertThat(rows.get("w1").crit1fl()).isEqualTo("Y");         // exactly -50 %: response
        assertThat(rows.get("w1").crit2()).isEqualTo("MADRS total <= 10");
        assertThat(rows.get("w1").crit2fl()).isEqualTo("N");
        assertThat(rows.get("w1").anl01fl()).isEqualTo("Y");
    }

    @Test
    void weeksOnTreatmentCountBothEndDays() {
        assertThat(AnalysisDerivation.weeksOnTreatment(null, null)).isNull();
        assertThat(AnalysisDerivation.weeksOnTreatment(LocalDate.of(2026, 1, 12), LocalDate.of(2026, 1, 12)))
                .isEqualTo(new BigDecimal("0.1"));                               // 1 / 7 = 0.142…
        assertThat(AnalysisDerivation.weeksOnTreatment(LocalDate.of(2026, 1, 12), LocalDate.of(2026, 2, 8)))
                .isEqualTo(new BigDecimal("4.0"));                               // 28 / 7
        assertThat(AnalysisDerivation.weeksOnTreatment(LocalDate.of(2026, 1, 12), LocalDate.of(2026, 2, 20)))
                .isEqualTo(new BigDecimal("5.7"));                               // 40 / 7 = 5.714…
        assertThat(AnalysisDerivation.weeksOnTreatment(LocalDate.of(2026, 1, 12), LocalDate.of(2026, 1, 15)))
                .isEqualTo(new BigDecimal("0.6"));                               // 4 / 7 = 0.571…
    }

    @Test
    void adexCarriesBloodPressureChangesAndTheSubjectsCadssPeak() {
        AnalysisDerivation.Rows rows = derive(
                List.of(cadss(1, "2026-01-12T09:40:00Z", 6), cadss(2, "2026-01-15T09:40:00Z", 3)),
                List.of(dose(1, FIRST_DOSE, 128, 82, 141, 90), dose(2, "2026-01-15T09:00:00Z", 130, 80, 170, 106)));
        AdexRow s1 = rows.adex().get(0);
        AdexRow s2 = rows.adex().get(1);
        assertThat(s1.sbpchg()).isEqualTo(13);
        assertThat(s1.dbpchg()).isEqualTo(8);
        assertThat(s2.sbpchg()).isEqualTo(40);
        assertThat(s2.dbpchg()).isEqualTo(26);
        assertThat(s1.cadss4fl()).isEqualTo("Y");
        assertThat(s2.cadss4fl()).isEqualTo("N");
        assertThat(s1.cadsspk()).isEqualByComparingTo("6");
        assertThat(s2.cadsspk()).isEqualByComparingTo("6");
        assertThat(rows.adsl().cadsspk()).isEqualByComparingTo("6");
        assertThat(rows.adsl().trtdurw()).isEqualTo(new BigDecimal("0.6"));    // 12..15 January: 4 days
        assertThat(rows.adsl().nsesadm()).isEqualTo(2);
        assertThat(rows.adsl().cumdose()).isEqualTo(112);
        assertThat(rows.adsl().mentgrp()).isNull();                            // set by the projection
    }

    @Test
    void withheldSessionsHaveNoBloodPressureChange() {
        SubjectRecord.Dose withheld = new SubjectRecord.Dose("dose-w", 2, false, Instant.parse("2026-01-15T09:00:00Z"),
                null, null, 170, 105, null, null, null, null, "pre-dose BP 170/105", List.of(), sequence++);
        AnalysisDerivation.Rows rows = derive(List.of(), List.of(dose(1, FIRST_DOSE, 128, 82, 141, 90), withheld));
        assertThat(rows.adex().get(1).sbpchg()).isNull();
        assertThat(rows.adex().get(1).dbpchg()).isNull();
        assertThat(rows.adex().get(1).cadsspk()).isNull();
        assertThat(rows.adsl().nseswh()).isEqualTo(1);
        assertThat(rows.adsl().trtdurw()).isEqualTo(new BigDecimal("0.1"));
    }
}
