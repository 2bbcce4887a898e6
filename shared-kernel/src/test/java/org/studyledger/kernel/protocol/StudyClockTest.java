package org.studyledger.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The study clock's one rule, worked by hand. Zone Europe/Rome (UTC+1 in winter); the first dose at 10:00 local time
 * on 2026-01-12 (09:00 UTC) is day 1. ESK-TRD windows: T0 day &lt;= 1 and pre-dose, W1 5..11, M1 22..36.
 */
class StudyClockTest {
    private static final Protocol ESK_TRD = Protocol.eskTrd();
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final Instant FIRST_DOSE = Instant.parse("2026-01-12T09:00:00Z");
    private final StudyClock dosed = StudyClock.of(ESK_TRD, ROME, FIRST_DOSE);
    private final StudyClock notDosed = StudyClock.of(ESK_TRD, ROME, null);

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private String visit(StudyClock clock, String instant) {
        return clock.analysisVisit(at(instant)).map(Visit::code).orElse("UNSCHEDULED");
    }

    @Test
    void theBaselineVisitIsTheFirstOfTheSchedule() {
        assertThat(ESK_TRD.baselineVisit().code()).isEqualTo("T0");
    }

    @Test
    void aFormOnDay1BeforeTheDoseIsBaselineAndOneAfterItIsPostDose() {
        Instant before = at("2026-01-12T08:00:00Z");   // 09:00 Rome, an hour before the dose
        Instant after = at("2026-01-12T13:00:00Z");    // 14:00 Rome, four hours after
        assertThat(dosed.studyDay(before)).isEqualTo(1);
        assertThat(dosed.studyDay(after)).isEqualTo(1);
        assertThat(dosed.preDose(before)).isTrue();
        assertThat(dosed.preDose(after)).isFalse();
        assertThat(dosed.postDose(after)).isTrue();
        assertThat(visit(dosed, "2026-01-12T08:00:00Z")).isEqualTo("T0");
        // day 1 lies in T0's window by day, but T0 is before the dose: after it, no visit holds day 1
        assertThat(visit(dosed, "2026-01-12T13:00:00Z")).isEqualTo("UNSCHEDULED");
        assertThat(dosed.inWindow("T0", before)).isTrue();
        assertThat(dosed.outOfWindow("T0", after)).isTrue();
        assertThat(dosed.baselineCandidate("T0", before)).isTrue();
        assertThat(dosed.baselineCandidate("T0", after)).isFalse();
    }

    @Test
    void theDoseInstantItselfIsPreDose() {
        assertThat(dosed.preDose(FIRST_DOSE)).isTrue();
        assertThat(dosed.preDose(FIRST_DOSE.plusMillis(1))).isFalse();
    }

    @Test
    void studyDaysAndWindowsCountFromTheFirstDoseDateInTheStudyZone() {
        assertThat(dosed.firstDoseDate()).isEqualTo(LocalDate.of(2026, 1, 12));
        assertThat(dosed.studyDay(at("2026-01-11T22:30:00Z"))).isEqualTo(-1);    // 23:30 Rome on the 11th
        assertThat(dosed.studyDay(at("2026-01-11T23:30:00Z"))).isEqualTo(1);     // 00:30 Rome on the 12th
        assertThat(visit(dosed, "2026-01-11T22:30:00Z")).isEqualTo("T0");
        assertThat(dosed.studyDay(at("2026-01-19T09:00:00Z"))).isEqualTo(8);
        assertThat(visit(dosed, "2026-01-19T09:00:00Z")).isEqualTo("W1");
        assertThat(visit(dosed, "2026-01-16T09:00:00Z")).isEqualTo("W1");        // day 5, the window's first day
        assertThat(visit(dosed, "2026-01-15T09:00:00Z")).isEqualTo("UNSCHEDULED"); // day 4
        assertThat(visit(dosed, "2026-01-26T09:00:00Z")).isEqualTo("UNSCHEDULED"); // day 15
        assertThat(visit(dosed, "2026-02-09T09:00:00Z")).isEqualTo("M1");         // day 29
        assertThat(dosed.inWindow("W1", at("2026-01-19T09:00:00Z"))).isTrue();
        assertThat(dosed.outOfWindow("M1", at("2026-01-19T09:00:00Z"))).isTrue();
    }

    @Test
    void withoutADoseEveryInstantIsPreDoseAtT0AndOnlyT0FormsAreBaselineCandidates() {
        Instant w1 = at("2026-01-19T09:00:00Z");
        assertThat(notDosed.dosed()).isFalse();
        assertThat(notDosed.studyDay(w1)).isNull();
        assertThat(notDosed.firstDoseDate()).isNull();
        assertThat(notDosed.preDose(w1)).isTrue();
        assertThat(visit(notDosed, "2026-01-19T09:00:00Z")).isEqualTo("T0");
        assertThat(notDosed.inWindow("T0", w1)).isTrue();
        assertThat(notDosed.outOfWindow("W1", w1)).isTrue();
        assertThat(notDosed.baselineCandidate("T0", w1)).isTrue();
        assertThat(notDosed.baselineCandidate("W1", w1)).isFalse();
    }

    @Test
    void aPerSessionFormIsNeverOutOfWindow() {
        assertThat(dosed.outOfWindow(null, at("2026-01-12T09:40:00Z"))).isFalse();
        assertThat(dosed.inWindow(null, at("2026-01-12T09:40:00Z"))).isFalse();
    }

    @Test
    void aDoseEnteredLateThatWasGivenEarlierBecomesTheFirstDose() {
        Instant w1Form = at("2026-01-19T09:00:00Z");
        // the W1 form was recorded before any dose was entered: out of window, no study day
        assertThat(notDosed.outOfWindow("W1", w1Form)).isTrue();
        StudyClock backdated = notDosed.withDose(FIRST_DOSE);
        assertThat(backdated.studyDay(w1Form)).isEqualTo(8);
        assertThat(backdated.inWindow("W1", w1Form)).isTrue();
        // a later dose does not move the first dose; an earlier one does
        assertThat(backdated.withDose(at("2026-01-15T09:00:00Z")).firstDoseAt()).isEqualTo(FIRST_DOSE);
        StudyClock earlier = backdated.withDose(at("2026-01-10T09:00:00Z"));
        assertThat(earlier.firstDoseAt()).isEqualTo(at("2026-01-10T09:00:00Z"));
        assertThat(earlier.studyDay(w1Form)).isEqualTo(10);
        assertThat(StudyClock.firstDose(null, FIRST_DOSE)).isEqualTo(FIRST_DOSE);
        assertThat(StudyClock.firstDose(FIRST_DOSE, FIRST_DOSE.plusSeconds(60))).isEqualTo(FIRST_DOSE);
    }

    @Test
    void withADoseEveryPreDoseValueIsABaselineCandidateWhateverVisitItWasRecordedFor() {
        assertThat(dosed.baselineCandidate("W1", at("2026-01-10T09:00:00Z"))).isTrue();   // day -2
        assertThat(dosed.baselineCandidate("W1", at("2026-01-19T09:00:00Z"))).isFalse();  // day 8
    }

    @Test
    void aFormIsPlacedByItsStudyDayAndItsVisitWindow() {
        Instant day8 = at("2026-01-19T09:00:00Z");
        assertThat(dosed.placementOf("W1", day8)).isEqualTo(new StudyClock.Placement(8, false));
        assertThat(dosed.placementOf("M1", day8)).isEqualTo(new StudyClock.Placement(8, true));
        assertThat(dosed.placementOf(null, day8)).isEqualTo(new StudyClock.Placement(8, false));
        assertThat(notDosed.placementOf("W1", day8)).isEqualTo(new StudyClock.Placement(null, true));
        assertThat(notDosed.placementOf("T0", day8)).isEqualTo(new StudyClock.Placement(null, false));
    }
}
