package org.studyledger.center.subject;

import static org.hamcrest.Matchers.containsString;
import static org.studyledger.center.subject.SubjectFixtures.BY_NURSE;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_1;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_2;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_3;
import static org.studyledger.center.subject.SubjectFixtures.FIRST_DOSE_AT;
import static org.studyledger.center.subject.SubjectFixtures.NORMAL_BP_AFTER;
import static org.studyledger.center.subject.SubjectFixtures.NORMAL_BP_BEFORE;
import static org.studyledger.center.subject.SubjectFixtures.NOW;
import static org.studyledger.center.subject.SubjectFixtures.SUBJECT;
import static org.studyledger.center.subject.SubjectFixtures.administered;
import static org.studyledger.center.subject.SubjectFixtures.at;
import static org.studyledger.center.subject.SubjectFixtures.dose;
import static org.studyledger.center.subject.SubjectFixtures.enrol;
import static org.studyledger.center.subject.SubjectFixtures.enrolBornIn;
import static org.studyledger.center.subject.SubjectFixtures.newFixture;
import static org.studyledger.center.subject.SubjectFixtures.problemsAt;
import static org.studyledger.center.subject.SubjectFixtures.recorded;
import static org.studyledger.center.subject.SubjectFixtures.refused;
import static org.studyledger.center.subject.SubjectFixtures.refusedAt;
import static org.studyledger.center.subject.SubjectFixtures.withhold;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.WithholdDose;
import org.studyledger.kernel.subject.event.DoseWithheld;

class SubjectDosingTest {
    /** Second session, Thursday of the first week. */
    private static final Instant SECOND_DOSE_AT = at("2026-01-15T09:00:00Z");
    private static final Instant THIRD_DOSE_AT = at("2026-01-19T09:00:00Z");
    private static final String OVERRIDE = "investigator judged the benefit to outweigh the risk; BP rechecked";

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static RecordDose doseWithBp(BloodPressure before, BloodPressure after, String overrideReason) {
        return dose(DOSE_1, FIRST_DOSE_AT, 56, 2, before, after, 120, overrideReason);
    }

    private static RecordDose doseMonitoredFor(int minutes) {
        return dose(DOSE_1, FIRST_DOSE_AT, 56, 2, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, minutes, null);
    }

    // ---------------------------------------------------------------- administered sessions

    @Test
    void recordsTheFirstDoseAsSessionOneWithoutFlags() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, FIRST_DOSE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(DOSE_1, 1, FIRST_DOSE_AT))
                .expectResultMessagePayloadMatching(recorded("DoseAdministered", 1, r -> r.scores() == null, "no scores"));
    }

    @Test
    void numbersTheNextDoseAfterThePreviousSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(dose(DOSE_2, SECOND_DOSE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(DOSE_2, 2, SECOND_DOSE_AT));
    }

    @ParameterizedTest(name = "{0} mg with {1} devices")
    @CsvSource({"28, 1", "56, 2", "84, 3"})
    void acceptsEveryAllowedDoseWithOneDevicePer28MgAfterTheFirst(int doseMg, int devices) {
        RecordDose cmd = dose(DOSE_2, SECOND_DOSE_AT, doseMg, devices, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null);
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 2));
    }

    @Test
    void refusesADoseTheProtocolDoesNotAllow() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, FIRST_DOSE_AT, 70, 2, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null))
                .expectException(problemsAt("doseMg"))
                .expectExceptionMessage(containsString("70 mg is not an allowed dose (allowed: [28, 56, 84] mg)"))
                .expectNoEvents();
    }

    @Test
    void refusesDevicesThatDoNotMatchTheDose() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(dose(DOSE_2, SECOND_DOSE_AT, 84, 2, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null))
                .expectException(problemsAt("devices"))
                .expectExceptionMessage(containsString("84 mg takes 3 devices of 28 mg, not 2"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseAtTheSameTimeAsThePreviousSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(dose(DOSE_2, FIRST_DOSE_AT))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("must be after the previous dosing session (session 1 at "
                        + FIRST_DOSE_AT + ")"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseEarlierThanThePreviousSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, SECOND_DOSE_AT))
                .when(dose(DOSE_2, FIRST_DOSE_AT))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("must be after the previous dosing session"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseEarlierThanAPreviouslyWithheldSession() {
        fixture.givenCommands(enrol(), withhold(DOSE_1, SECOND_DOSE_AT, "pre-dose BP 165/100"))
                .when(dose(DOSE_2, FIRST_DOSE_AT))
                .expectException(problemsAt("administeredAt"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseInTheFuture() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, NOW.plusSeconds(3600)))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("must not be in the future"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseBeforeEnrolment() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, at("2026-01-07T09:00:00Z")))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("before the subject's enrolment on 2026-01-08"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseForASubjectNeverEnrolled() {
        // No history: the aggregate cannot be loaded, so the command never reaches a handler.
        fixture.givenNoPriorActivity()
                .when(dose(DOSE_1, FIRST_DOSE_AT))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void refusesADoseIdAlreadyRecorded() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(dose(DOSE_1, SECOND_DOSE_AT))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "doseId"))
                .expectExceptionMessage(containsString("is already recorded"))
                .expectNoEvents();
    }

    @Test
    void reportsExactlyTheThreeBadFieldsOfADose() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, NOW.plusSeconds(60), 70, 3, new BloodPressure(150, 85), NORMAL_BP_AFTER, 120, null))
                .expectException(problemsAt("administeredAt", "doseMg", "overrideReason"))
                .expectNoEvents();
    }

    @Test
    void refusesNegativeMonitoringMinutes() {
        fixture.givenCommands(enrol())
                .when(doseMonitoredFor(-5))
                .expectException(problemsAt("monitoringMinutes"))
                .expectExceptionMessage(containsString("must not be negative"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- the day-1 dose by age

    @Test
    void refusesAFirstDoseOf84MgForAnAdultUnder65() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, FIRST_DOSE_AT, 84, 3, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null))
                .expectException(problemsAt("doseMg"))
                .expectExceptionMessage(containsString("the first dose of a subject born in 1975 (aged 51 in 2026) must be"
                        + " 56 mg, not 84 mg: the day-1 dose under 65 years"))
                .expectNoEvents();
    }

    @Test
    void refusesAFirstDoseOf28MgForAnAdultUnder65() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, FIRST_DOSE_AT, 28, 1, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null))
                .expectException(problemsAt("doseMg"))
                .expectNoEvents();
    }

    @Test
    void acceptsAFirstDoseOf56MgForASubjectWhoReaches65OnlyTheYearAfter() {
        fixture.givenCommands(enrolBornIn(1962))
                .when(dose(DOSE_1, FIRST_DOSE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(DOSE_1, 1, FIRST_DOSE_AT));
    }

    @Test
    void acceptsAFirstDoseOf28MgForASubjectReaching65InTheDoseYear() {
        RecordDose cmd = dose(DOSE_1, FIRST_DOSE_AT, 28, 1, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null);
        fixture.givenCommands(enrolBornIn(1961))
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1));
    }

    @Test
    void refusesAFirstDoseOf56MgForASubjectReaching65InTheDoseYear() {
        fixture.givenCommands(enrolBornIn(1961))
                .when(dose(DOSE_1, FIRST_DOSE_AT))
                .expectException(problemsAt("doseMg"))
                .expectExceptionMessage(containsString("must be 28 mg, not 56 mg: the starting dose from 65 years"))
                .expectNoEvents();
    }

    @Test
    void judgesTheFirstDoseByTheAgeReachedInTheDoseYearNotTheEnrolmentYear() {
        // Enrolled on 30 December 2025 at 64 (1961 → 2025); first dosed on 2 January 2026, the year of turning 65.
        EnrolSubject lateInTheYear = new EnrolSubject(SUBJECT, LocalDate.of(2025, 12, 30), LocalDate.of(2025, 12, 29), "2.1",
                1961, Sex.M, 14, 3, BY_NURSE);
        fixture.givenCommands(lateInTheYear)
                .when(dose(DOSE_1, at("2026-01-02T09:00:00Z")))
                .expectException(problemsAt("doseMg"))
                .expectExceptionMessage(containsString("(aged 65 in 2026) must be 28 mg"))
                .expectNoEvents();
    }

    @Test
    void appliesTheDayOneDoseToTheFirstDoseGivenAfterAWithheldSession() {
        fixture.givenCommands(enrol(), withhold(DOSE_1, FIRST_DOSE_AT, "pre-dose BP 165/100"))
                .when(dose(DOSE_2, SECOND_DOSE_AT, 84, 3, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null))
                .expectException(problemsAt("doseMg"))
                .expectNoEvents();
    }

    @Test
    void doesNotAddTheDayOneRuleToADoseTheProtocolDoesNotAllow() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, FIRST_DOSE_AT, 70, 3, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null))
                .expectException(problemsAt("doseMg"))
                .expectExceptionMessage(containsString("70 mg is not an allowed dose"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- devices five minutes apart

    @Test
    void refusesTheNextSessionBeforeThePreviousSessionsLastDevice() {
        // 56 mg at 09:00 is two devices, the second at 09:05 at the earliest.
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(withhold(DOSE_2, at("2026-01-12T09:05:00Z"), "subject left before the next session"))
                .expectException(problemsAt("decidedAt"))
                .expectExceptionMessage(containsString("its 2 devices, 5 minutes apart, took until 2026-01-12T09:05:00Z"))
                .expectNoEvents();
    }

    @Test
    void acceptsTheNextSessionAfterThePreviousSessionsLastDevice() {
        Instant later = at("2026-01-12T09:05:01Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(withhold(DOSE_2, later, "pre-dose BP 165/100"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DoseWithheld(DOSE_2, 2, later, "pre-dose BP 165/100", new BloodPressure(165, 100)));
    }

    // ---------------------------------------------------------------- every problem at once

    @Test
    void reportsAConflictWithTheHistoryTogetherWithEveryFieldProblem() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(dose(DOSE_1, FIRST_DOSE_AT, 70, 3, new BloodPressure(150, 85), NORMAL_BP_AFTER, -1, null))
                .expectException(refusedAt(CommandRefused.Reason.CONFLICT, "doseId", "administeredAt", "doseMg",
                        "monitoringMinutes", "overrideReason"))
                .expectNoEvents();
    }

    @Test
    void reportsADiscontinuedSubjectTogetherWithTheDosesOwnProblems() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT),
                        new DiscontinueSubject(SUBJECT, LocalDate.of(2026, 1, 20), "lack of efficacy", false, BY_NURSE))
                .when(dose(DOSE_2, at("2026-01-22T09:00:00Z"), 56, 3, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null))
                .expectException(refusedAt(CommandRefused.Reason.CONFLICT, "subjectId", "devices"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- pre-dose blood pressure

    @Test
    void refusesASystolicPreDosePressureAboveTheThresholdWithoutOverride() {
        fixture.givenCommands(enrol())
                .when(doseWithBp(new BloodPressure(141, 85), new BloodPressure(150, 88), null))
                .expectException(problemsAt("overrideReason"))
                .expectExceptionMessage(containsString("pre-dose blood pressure 141/85 mmHg is above 140/90 mmHg"))
                .expectNoEvents();
    }

    @Test
    void refusesADiastolicPreDosePressureAboveTheThresholdWithoutOverride() {
        fixture.givenCommands(enrol())
                .when(doseWithBp(new BloodPressure(135, 91), new BloodPressure(140, 92), null))
                .expectException(problemsAt("overrideReason"))
                .expectNoEvents();
    }

    @Test
    void treatsABlankOverrideReasonAsNone() {
        fixture.givenCommands(enrol())
                .when(doseWithBp(new BloodPressure(150, 85), new BloodPressure(155, 88), "  "))
                .expectException(problemsAt("overrideReason"))
                .expectNoEvents();
    }

    @Test
    void acceptsAPreDosePressureAboveTheThresholdWithOverrideAndFlagsIt() {
        RecordDose cmd = doseWithBp(new BloodPressure(150, 85), new BloodPressure(160, 90), OVERRIDE);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1, DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD));
    }

    @Test
    void doesNotTreatExactly140Over90AsAboveTheThreshold() {
        RecordDose cmd = doseWithBp(new BloodPressure(140, 90), new BloodPressure(150, 92), null);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1));
    }

    @Test
    void refusesAnOverrideWhenThePreDosePressureIsNotAbove() {
        fixture.givenCommands(enrol())
                .when(doseWithBp(new BloodPressure(140, 90), new BloodPressure(150, 92), OVERRIDE))
                .expectException(problemsAt("overrideReason"))
                .expectExceptionMessage(containsString("only applies when pre-dose blood pressure is above 140/90 mmHg"
                        + " (it was 140/90)"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- post-dose flags

    @Test
    void flagsASystolicRiseOfExactly40() {
        RecordDose cmd = doseWithBp(new BloodPressure(120, 80), new BloodPressure(160, 85), null);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1, DoseFlag.NOTABLE_BP_RISE));
    }

    @Test
    void doesNotFlagASystolicRiseOf39() {
        RecordDose cmd = doseWithBp(new BloodPressure(120, 80), new BloodPressure(159, 85), null);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1));
    }

    @Test
    void flagsADiastolicRiseOfExactly25() {
        RecordDose cmd = doseWithBp(new BloodPressure(120, 70), new BloodPressure(130, 95), null);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1, DoseFlag.NOTABLE_BP_RISE));
    }

    @Test
    void doesNotFlagADiastolicRiseOf24() {
        RecordDose cmd = doseWithBp(new BloodPressure(120, 70), new BloodPressure(130, 94), null);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1));
    }

    @Test
    void flagsMonitoringShorterThanTheProtocolMinimum() {
        RecordDose cmd = doseMonitoredFor(119);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1, DoseFlag.MONITORING_SHORT));
    }

    @Test
    void doesNotFlagMonitoringOfExactlyTheProtocolMinimum() {
        RecordDose cmd = doseMonitoredFor(120);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1));
    }

    @Test
    void recordsEveryFlagInDeclarationOrder() {
        RecordDose cmd = dose(DOSE_1, FIRST_DOSE_AT, 56, 2, new BloodPressure(150, 85), new BloodPressure(190, 95), 90,
                OVERRIDE);
        fixture.givenCommands(enrol())
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(cmd, 1, DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD, DoseFlag.NOTABLE_BP_RISE,
                        DoseFlag.MONITORING_SHORT));
    }

    // ---------------------------------------------------------------- withheld sessions

    @Test
    void recordsAWithheldDoseWithItsReason() {
        fixture.givenCommands(enrol())
                .when(withhold(DOSE_1, FIRST_DOSE_AT, "pre-dose BP 165/100"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DoseWithheld(DOSE_1, 1, FIRST_DOSE_AT, "pre-dose BP 165/100", new BloodPressure(165, 100)))
                .expectResultMessagePayloadMatching(recorded("DoseWithheld", 1));
    }

    @Test
    void recordsAWithheldDoseWithoutAPressureReading() {
        fixture.givenCommands(enrol())
                .when(new WithholdDose(SUBJECT, DOSE_1, FIRST_DOSE_AT, "subject did not attend", null, BY_NURSE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DoseWithheld(DOSE_1, 1, FIRST_DOSE_AT, "subject did not attend", null));
    }

    @Test
    void countsAWithheldSessionInTheNumbering() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(withhold(DOSE_2, SECOND_DOSE_AT, "pre-dose BP 165/100"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DoseWithheld(DOSE_2, 2, SECOND_DOSE_AT, "pre-dose BP 165/100", new BloodPressure(165, 100)));
    }

    @Test
    void continuesTheNumberingAfterAWithheldSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT), withhold(DOSE_2, SECOND_DOSE_AT, "pre-dose BP 165/100"))
                .when(dose(DOSE_3, THIRD_DOSE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(administered(DOSE_3, 3, THIRD_DOSE_AT));
    }

    @Test
    void refusesAWithheldDoseWithABlankReason() {
        fixture.givenCommands(enrol())
                .when(withhold(DOSE_1, FIRST_DOSE_AT, "  "))
                .expectException(problemsAt("reason"))
                .expectNoEvents();
    }

    @Test
    void refusesAWithheldDoseNotAfterThePreviousSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(withhold(DOSE_2, FIRST_DOSE_AT, "pre-dose BP 165/100"))
                .expectException(problemsAt("decidedAt"))
                .expectExceptionMessage(containsString("must be after the previous dosing session"))
                .expectNoEvents();
    }

    @Test
    void refusesAWithheldDoseReusingADoseId() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(withhold(DOSE_1, SECOND_DOSE_AT, "pre-dose BP 165/100"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "doseId"))
                .expectNoEvents();
    }

    @Test
    void refusesAWithheldDoseDecidedInTheFuture() {
        fixture.givenCommands(enrol())
                .when(withhold(DOSE_1, NOW.plusSeconds(60), "pre-dose BP 165/100"))
                .expectException(problemsAt("decidedAt"))
                .expectExceptionMessage(containsString("must not be in the future"))
                .expectNoEvents();
    }

    @Test
    void refusesAWithheldDoseDecidedBeforeEnrolment() {
        fixture.givenCommands(enrol())
                .when(withhold(DOSE_1, at("2026-01-07T09:00:00Z"), "pre-dose BP 165/100"))
                .expectException(problemsAt("decidedAt"))
                .expectExceptionMessage(containsString("before the subject's enrolment"))
                .expectNoEvents();
    }
}
