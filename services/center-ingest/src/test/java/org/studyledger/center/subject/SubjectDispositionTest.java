package org.studyledger.center.subject;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.studyledger.center.subject.SubjectFixtures.AE_1;
import static org.studyledger.center.subject.SubjectFixtures.AE_2;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_AT;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_MADRS;
import static org.studyledger.center.subject.SubjectFixtures.BY_NURSE;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_1;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_2;
import static org.studyledger.center.subject.SubjectFixtures.FIRST_DOSE_AT;
import static org.studyledger.center.subject.SubjectFixtures.SECOND_ASSESSMENT;
import static org.studyledger.center.subject.SubjectFixtures.SUBJECT;
import static org.studyledger.center.subject.SubjectFixtures.TODAY;
import static org.studyledger.center.subject.SubjectFixtures.adverseEvent;
import static org.studyledger.center.subject.SubjectFixtures.adverseEventReported;
import static org.studyledger.center.subject.SubjectFixtures.at;
import static org.studyledger.center.subject.SubjectFixtures.completeFollowUp;
import static org.studyledger.center.subject.SubjectFixtures.correct;
import static org.studyledger.center.subject.SubjectFixtures.discontinue;
import static org.studyledger.center.subject.SubjectFixtures.dose;
import static org.studyledger.center.subject.SubjectFixtures.enrol;
import static org.studyledger.center.subject.SubjectFixtures.madrsItems;
import static org.studyledger.center.subject.SubjectFixtures.madrsScores;
import static org.studyledger.center.subject.SubjectFixtures.newFixture;
import static org.studyledger.center.subject.SubjectFixtures.normalised;
import static org.studyledger.center.subject.SubjectFixtures.problemsAt;
import static org.studyledger.center.subject.SubjectFixtures.recordMadrs;
import static org.studyledger.center.subject.SubjectFixtures.recorded;
import static org.studyledger.center.subject.SubjectFixtures.refused;
import static org.studyledger.center.subject.SubjectFixtures.retract;
import static org.studyledger.center.subject.SubjectFixtures.withhold;

import java.time.LocalDate;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;

/** Adverse events, discontinuation (with and without consent withdrawal) and follow-up completion. */
class SubjectDispositionTest {
    private static final LocalDate DISCONTINUED_ON = LocalDate.of(2026, 2, 20);
    private static final LocalDate COMPLETED_ON = LocalDate.of(2026, 3, 1);
    /** A corrected baseline: 5+4+3+3+3+3+3+2+1+1 = 28, moderate. */
    private static final Map<String, Object> CORRECTED = madrsItems(5, 4, 3, 3, 3, 3, 3, 2, 1, 1);

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    /** Enrolled, baseline MADRS recorded and first dose given. */
    private TestExecutor<Subject> givenATreatedSubject(Object... more) {
        return fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT), dose(DOSE_1, FIRST_DOSE_AT))
                .andGivenCommands(more);
    }

    private TestExecutor<Subject> givenADiscontinuedSubject() {
        return givenATreatedSubject(discontinue(DISCONTINUED_ON, false));
    }

    private TestExecutor<Subject> givenASubjectWhoWithdrewConsent() {
        return givenATreatedSubject(discontinue(DISCONTINUED_ON, true));
    }

    private TestExecutor<Subject> givenASubjectWhoCompletedFollowUp() {
        return givenATreatedSubject(completeFollowUp(COMPLETED_ON));
    }

    // ---------------------------------------------------------------- adverse events

    @Test
    void reportsAnAdverseEvent() {
        givenATreatedSubject()
                .when(adverseEvent(AE_1, LocalDate.of(2026, 1, 12)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(adverseEventReported(AE_1, LocalDate.of(2026, 1, 12)))
                .expectResultMessagePayloadMatching(recorded("AdverseEventReported", 3));
    }

    @Test
    void refusesAnAdverseEventWithABlankTerm() {
        givenATreatedSubject()
                .when(new ReportAdverseEvent(SUBJECT, AE_1, " ", LocalDate.of(2026, 1, 13), AdverseEventSeverity.MILD, false,
                        Relatedness.PROBABLE, BY_NURSE))
                .expectException(problemsAt("term"))
                .expectExceptionMessage(containsString("term: is required"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAdverseEventWithOnsetInTheFuture() {
        givenATreatedSubject()
                .when(adverseEvent(AE_1, TODAY.plusDays(1)))
                .expectException(problemsAt("onsetDate"))
                .expectExceptionMessage(containsString("must not be in the future"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAdverseEventWithOnsetBeforeEnrolment() {
        givenATreatedSubject()
                .when(adverseEvent(AE_1, LocalDate.of(2026, 1, 7)))
                .expectException(problemsAt("onsetDate"))
                .expectExceptionMessage(containsString("before the subject's enrolment on 2026-01-08"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAdverseEventIdAlreadyReported() {
        givenATreatedSubject(adverseEvent(AE_1, LocalDate.of(2026, 1, 12)))
                .when(adverseEvent(AE_1, LocalDate.of(2026, 1, 13)))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "adverseEventId"))
                .expectExceptionMessage(containsString("adverse event " + AE_1 + " is already reported"))
                .expectNoEvents();
    }

    @Test
    void reportsAnAdverseEventAfterDiscontinuation() {
        givenADiscontinuedSubject()
                .when(adverseEvent(AE_2, LocalDate.of(2026, 2, 22)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(adverseEventReported(AE_2, LocalDate.of(2026, 2, 22)));
    }

    @Test
    void reportsAnAdverseEventAfterFollowUpCompleted() {
        givenASubjectWhoCompletedFollowUp()
                .when(adverseEvent(AE_2, COMPLETED_ON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(adverseEventReported(AE_2, COMPLETED_ON));
    }

    @Test
    void refusesAnAdverseEventAfterConsentWithdrawal() {
        givenASubjectWhoWithdrewConsent()
                .when(adverseEvent(AE_2, LocalDate.of(2026, 2, 22)))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("withdrew consent on 2026-02-20; no new data may be recorded"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- discontinuation

    @Test
    void discontinuesASubject() {
        givenATreatedSubject()
                .when(discontinue(DISCONTINUED_ON, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectDiscontinued(DISCONTINUED_ON, "lack of efficacy", false))
                .expectResultMessagePayloadMatching(recorded("SubjectDiscontinued", 3));
    }

    @Test
    void discontinuesASubjectWhoWithdrewConsent() {
        givenATreatedSubject()
                .when(discontinue(DISCONTINUED_ON, true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectDiscontinued(DISCONTINUED_ON, "withdrew consent", true));
    }

    @Test
    void discontinuesAnEnrolledSubjectBeforeAnyDose() {
        fixture.givenCommands(enrol())
                .when(discontinue(LocalDate.of(2026, 1, 10), false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectDiscontinued(LocalDate.of(2026, 1, 10), "lack of efficacy", false));
    }

    @Test
    void refusesADiscontinuationWithABlankReason() {
        givenATreatedSubject()
                .when(new DiscontinueSubject(SUBJECT, LocalDate.of(2026, 1, 20), "  ", false, BY_NURSE))
                .expectException(problemsAt("reason"))
                .expectNoEvents();
    }

    @Test
    void refusesADiscontinuationDateInTheFuture() {
        givenATreatedSubject()
                .when(discontinue(TODAY.plusDays(1), false))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(containsString("must not be in the future (today is 2026-03-02)"))
                .expectNoEvents();
    }

    @Test
    void refusesADiscontinuationDateBeforeEnrolment() {
        givenATreatedSubject()
                .when(discontinue(LocalDate.of(2026, 1, 7), false))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(containsString("before the subject's enrolment on 2026-01-08"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- not before data already recorded

    @Test
    void refusesADiscontinuationDatedBeforeAFormAdministeredAfterIt() {
        givenATreatedSubject(recordMadrs(SECOND_ASSESSMENT, "W1", at("2026-01-19T09:00:00Z")))
                .when(discontinue(LocalDate.of(2026, 1, 18), false))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(containsString("is before data already recorded for PAV-001: assessment "
                        + SECOND_ASSESSMENT + " (MADRS at visit W1) administered on 2026-01-19"))
                .expectNoEvents();
    }

    @Test
    void refusesADiscontinuationDatedBeforeADoseGivenAfterIt() {
        givenATreatedSubject(dose(DOSE_2, at("2026-01-15T09:00:00Z")))
                .when(discontinue(LocalDate.of(2026, 1, 14), false))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(containsString("dosing session 2 (dose " + DOSE_2 + ") on 2026-01-15"))
                .expectNoEvents();
    }

    @Test
    void refusesADiscontinuationDatedBeforeAWithheldSessionAfterIt() {
        givenATreatedSubject(withhold(DOSE_2, at("2026-01-15T09:00:00Z"), "pre-dose BP 165/100"))
                .when(discontinue(LocalDate.of(2026, 1, 14), false))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(containsString("dosing session 2 (withheld " + DOSE_2 + ") on 2026-01-15"))
                .expectNoEvents();
    }

    @Test
    void refusesADiscontinuationDatedBeforeAnAdverseEventsOnset() {
        givenATreatedSubject(adverseEvent(AE_1, LocalDate.of(2026, 1, 16)))
                .when(discontinue(LocalDate.of(2026, 1, 15), false))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(containsString("adverse event " + AE_1 + " with onset on 2026-01-16"))
                .expectNoEvents();
    }

    @Test
    void namesTheLatestRecordOfEachKindInOneProblem() {
        givenATreatedSubject(dose(DOSE_2, at("2026-01-15T09:00:00Z")), adverseEvent(AE_1, LocalDate.of(2026, 1, 16)),
                        adverseEvent(AE_2, LocalDate.of(2026, 1, 13)))
                .when(discontinue(LocalDate.of(2026, 1, 12), false))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(allOf(containsString("dosing session 2 (dose " + DOSE_2 + ") on 2026-01-15"),
                        containsString("adverse event " + AE_1 + " with onset on 2026-01-16")))
                .expectNoEvents();
    }

    @Test
    void acceptsADiscontinuationOnTheDayOfTheLastRecord() {
        givenATreatedSubject(dose(DOSE_2, at("2026-01-15T09:00:00Z")), adverseEvent(AE_1, LocalDate.of(2026, 1, 15)))
                .when(discontinue(LocalDate.of(2026, 1, 15), false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectDiscontinued(LocalDate.of(2026, 1, 15), "lack of efficacy", false));
    }

    @Test
    void doesNotHoldADiscontinuationToARetractedForm() {
        givenATreatedSubject(recordMadrs(SECOND_ASSESSMENT, "W1", at("2026-01-19T09:00:00Z")),
                        retract(SECOND_ASSESSMENT, "entered for the wrong subject"))
                .when(discontinue(LocalDate.of(2026, 1, 18), false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectDiscontinued(LocalDate.of(2026, 1, 18), "lack of efficacy", false));
    }

    @Test
    void refusesAFollowUpCompletionDatedBeforeAFormAdministeredAfterIt() {
        givenATreatedSubject(recordMadrs(SECOND_ASSESSMENT, "W1", at("2026-01-19T09:00:00Z")))
                .when(completeFollowUp(LocalDate.of(2026, 1, 18)))
                .expectException(problemsAt("completionDate"))
                .expectExceptionMessage(containsString("assessment " + SECOND_ASSESSMENT + " (MADRS at visit W1)"))
                .expectNoEvents();
    }

    @Test
    void refusesALaterWithdrawalDatedBeforeAnAdverseEventReportedAfterTheDiscontinuation() {
        givenADiscontinuedSubject()
                .andGivenCommands(adverseEvent(AE_1, LocalDate.of(2026, 2, 24)))
                .when(discontinue(LocalDate.of(2026, 2, 23), true))
                .expectException(problemsAt("discontinuationDate"))
                .expectExceptionMessage(containsString("adverse event " + AE_1 + " with onset on 2026-02-24"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAssessmentAfterDiscontinuation() {
        givenADiscontinuedSubject()
                .when(recordMadrs(SECOND_ASSESSMENT, "M1", at("2026-02-09T09:00:00Z")))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("was discontinued on 2026-02-20"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseAfterDiscontinuation() {
        givenADiscontinuedSubject()
                .when(dose(DOSE_2, at("2026-02-21T09:00:00Z")))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("was discontinued on 2026-02-20"))
                .expectNoEvents();
    }

    @Test
    void refusesAWithheldDoseAfterDiscontinuation() {
        givenADiscontinuedSubject()
                .when(withhold(DOSE_2, at("2026-02-21T09:00:00Z"), "pre-dose BP 165/100"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectNoEvents();
    }

    @Test
    void refusesDiscontinuingTwice() {
        givenADiscontinuedSubject()
                .when(discontinue(DISCONTINUED_ON, false))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("was discontinued on 2026-02-20"))
                .expectNoEvents();
    }

    @Test
    void recordsALaterWithdrawalOfConsentAfterADiscontinuation() {
        givenADiscontinuedSubject()
                .when(discontinue(LocalDate.of(2026, 2, 25), true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectDiscontinued(LocalDate.of(2026, 2, 25), "withdrew consent", true));
    }

    @Test
    void aLaterWithdrawalOfConsentStopsAdverseEventReports() {
        givenATreatedSubject(discontinue(DISCONTINUED_ON, false), discontinue(LocalDate.of(2026, 2, 25), true))
                .when(adverseEvent(AE_2, LocalDate.of(2026, 2, 26)))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("withdrew consent"))
                .expectNoEvents();
    }

    @Test
    void correctsAnEarlierAssessmentAfterDiscontinuation() {
        givenADiscontinuedSubject()
                .when(correct(BASELINE_MADRS, CORRECTED, "transcription error"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentCorrected(BASELINE_MADRS, normalised(CORRECTED), madrsScores(28, "moderate"),
                        "transcription error"));
    }

    @Test
    void retractsAnEarlierAssessmentAfterDiscontinuation() {
        givenADiscontinuedSubject()
                .when(retract(BASELINE_MADRS, "entered for the wrong subject"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentRetracted(BASELINE_MADRS, "entered for the wrong subject"));
    }

    // ---------------------------------------------------------------- consent withdrawal

    @Test
    void refusesAnAssessmentAfterConsentWithdrawal() {
        givenASubjectWhoWithdrewConsent()
                .when(recordMadrs(SECOND_ASSESSMENT, "M1", at("2026-02-09T09:00:00Z")))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("withdrew consent on 2026-02-20"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseAfterConsentWithdrawal() {
        givenASubjectWhoWithdrewConsent()
                .when(dose(DOSE_2, at("2026-02-21T09:00:00Z")))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("withdrew consent"))
                .expectNoEvents();
    }

    @Test
    void refusesACorrectionAfterConsentWithdrawal() {
        givenASubjectWhoWithdrewConsent()
                .when(correct(BASELINE_MADRS, CORRECTED, "transcription error"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("withdrew consent on 2026-02-20; no new data may be recorded"))
                .expectNoEvents();
    }

    @Test
    void refusesARetractionAfterConsentWithdrawal() {
        givenASubjectWhoWithdrewConsent()
                .when(retract(BASELINE_MADRS, "entered for the wrong subject"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectNoEvents();
    }

    @Test
    void refusesFollowUpCompletionAfterConsentWithdrawal() {
        givenASubjectWhoWithdrewConsent()
                .when(completeFollowUp(COMPLETED_ON))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- follow-up completion

    @Test
    void completesFollowUp() {
        givenATreatedSubject()
                .when(completeFollowUp(COMPLETED_ON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FollowUpCompleted(COMPLETED_ON))
                .expectResultMessagePayloadMatching(recorded("FollowUpCompleted", 3));
    }

    @Test
    void refusesAFollowUpCompletionDateInTheFuture() {
        givenATreatedSubject()
                .when(completeFollowUp(TODAY.plusDays(1)))
                .expectException(problemsAt("completionDate"))
                .expectExceptionMessage(containsString("must not be in the future"))
                .expectNoEvents();
    }

    @Test
    void refusesAFollowUpCompletionDateBeforeEnrolment() {
        givenATreatedSubject()
                .when(completeFollowUp(LocalDate.of(2026, 1, 7)))
                .expectException(problemsAt("completionDate"))
                .expectExceptionMessage(containsString("before the subject's enrolment"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAssessmentAfterFollowUpCompleted() {
        givenASubjectWhoCompletedFollowUp()
                .when(recordMadrs(SECOND_ASSESSMENT, "M1", at("2026-02-09T09:00:00Z")))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("completed follow-up on 2026-03-01"))
                .expectNoEvents();
    }

    @Test
    void refusesADoseAfterFollowUpCompleted() {
        givenASubjectWhoCompletedFollowUp()
                .when(dose(DOSE_2, at("2026-03-01T09:00:00Z")))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("completed follow-up on 2026-03-01"))
                .expectNoEvents();
    }

    @Test
    void refusesCompletingFollowUpTwice() {
        givenASubjectWhoCompletedFollowUp()
                .when(completeFollowUp(COMPLETED_ON))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectNoEvents();
    }

    @Test
    void refusesDiscontinuingAfterFollowUpCompleted() {
        givenASubjectWhoCompletedFollowUp()
                .when(discontinue(COMPLETED_ON, false))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("completed follow-up"))
                .expectNoEvents();
    }

    @Test
    void refusesFollowUpCompletionAfterDiscontinuation() {
        givenADiscontinuedSubject()
                .when(completeFollowUp(COMPLETED_ON))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("was discontinued on 2026-02-20"))
                .expectNoEvents();
    }

    @Test
    void correctsAnEarlierAssessmentAfterFollowUpCompleted() {
        givenASubjectWhoCompletedFollowUp()
                .when(correct(BASELINE_MADRS, CORRECTED, "source data verification"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentCorrected(BASELINE_MADRS, normalised(CORRECTED), madrsScores(28, "moderate"),
                        "source data verification"));
    }
}
