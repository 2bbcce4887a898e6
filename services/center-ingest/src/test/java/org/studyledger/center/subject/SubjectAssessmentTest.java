package org.studyledger.center.subject;

import static org.hamcrest.Matchers.containsString;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_AT;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_MADRS;
import static org.studyledger.center.subject.SubjectFixtures.BY_RATER;
import static org.studyledger.center.subject.SubjectFixtures.CADSS_1;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_1;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_2;
import static org.studyledger.center.subject.SubjectFixtures.FIRST_DOSE_AT;
import static org.studyledger.center.subject.SubjectFixtures.MADRS_1;
import static org.studyledger.center.subject.SubjectFixtures.NOW;
import static org.studyledger.center.subject.SubjectFixtures.RATER;
import static org.studyledger.center.subject.SubjectFixtures.RFQ8_1;
import static org.studyledger.center.subject.SubjectFixtures.SECOND_ASSESSMENT;
import static org.studyledger.center.subject.SubjectFixtures.SUBJECT;
import static org.studyledger.center.subject.SubjectFixtures.THIRD_ASSESSMENT;
import static org.studyledger.center.subject.SubjectFixtures.at;
import static org.studyledger.center.subject.SubjectFixtures.baselineMadrsItems;
import static org.studyledger.center.subject.SubjectFixtures.cadssItems;
import static org.studyledger.center.subject.SubjectFixtures.dose;
import static org.studyledger.center.subject.SubjectFixtures.enrol;
import static org.studyledger.center.subject.SubjectFixtures.hasScore;
import static org.studyledger.center.subject.SubjectFixtures.items;
import static org.studyledger.center.subject.SubjectFixtures.madrsItems;
import static org.studyledger.center.subject.SubjectFixtures.madrsScores;
import static org.studyledger.center.subject.SubjectFixtures.newFixture;
import static org.studyledger.center.subject.SubjectFixtures.normalised;
import static org.studyledger.center.subject.SubjectFixtures.pointsToCorrectionOf;
import static org.studyledger.center.subject.SubjectFixtures.problemsAt;
import static org.studyledger.center.subject.SubjectFixtures.recordAtSession;
import static org.studyledger.center.subject.SubjectFixtures.recordAtVisit;
import static org.studyledger.center.subject.SubjectFixtures.recordMadrs;
import static org.studyledger.center.subject.SubjectFixtures.recorded;
import static org.studyledger.center.subject.SubjectFixtures.refused;
import static org.studyledger.center.subject.SubjectFixtures.refusedAt;
import static org.studyledger.center.subject.SubjectFixtures.retract;
import static org.studyledger.center.subject.SubjectFixtures.withhold;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.event.AssessmentRecorded;

class SubjectAssessmentTest {
    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    /** The MADRS of {@link SubjectFixtures#baselineMadrsItems()} as recorded: total 27, moderate. */
    private static AssessmentRecorded madrsRecorded(AssessmentId id, String visit, Instant at, Integer studyDay,
                                                    boolean outOfWindow) {
        return new AssessmentRecorded(id, MADRS_1, visit, null, at, RATER.id(), normalised(baselineMadrsItems()),
                madrsScores(27, "moderate"), studyDay, outOfWindow);
    }

    // ---------------------------------------------------------------- success, scores and study days

    @Test
    void recordsABaselineMadrsWithItsScoresAndNoStudyDayBeforeTheFirstDose() {
        // 4+4+3+3+3+3+3+2+1+1 = 27, in the "moderate" band (20–34).
        fixture.givenCommands(enrol())
                .when(recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentRecorded(BASELINE_MADRS, MADRS_1, "T0", null, BASELINE_AT, "rater-017",
                        normalised(baselineMadrsItems()),
                        new ScoreSet(new TreeMap<>(Map.of("MADRS_TOTAL", new BigDecimal("27"))),
                                new TreeMap<>(Map.of("MADRS_SEVERITY", "moderate"))),
                        null, false))
                .expectResultMessagePayloadMatching(recorded("AssessmentRecorded", 1,
                        r -> hasScore(r, "MADRS_TOTAL", "27") && "moderate".equals(r.scores().category("MADRS_SEVERITY")),
                        "MADRS_TOTAL 27, moderate"));
    }

    @Test
    void scoresASevereMadrs() {
        // 6+5+4+4+4+3+3+3+2+1 = 35, the lowest "severe" total.
        fixture.givenCommands(enrol())
                .when(recordAtVisit(BASELINE_MADRS, "MADRS", "T0", BASELINE_AT, madrsItems(6, 5, 4, 4, 4, 3, 3, 3, 2, 1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentRecorded(BASELINE_MADRS, MADRS_1, "T0", null, BASELINE_AT, "rater-017",
                        normalised(madrsItems(6, 5, 4, 4, 4, 3, 3, 3, 2, 1)), madrsScores(35, "severe"), null, false));
    }

    @Test
    void scoresAnRfq8WithItsTwoMeans() {
        // RFQ_C = recoded items 1–6 (1→3, 2→2, 3→1, else 0): 3+2+1+0+0+0 = 6 / 6 = 1.
        // RFQ_U = items 2,4,5,6,8 (5→1, 6→2, 7→3, else 0) = 0+0+1+2+0, item 7 (1→3, 2→2, 3→1, else 0) = 0: 3 / 6 = 0.5.
        Map<String, Object> responses = items("RFQ8", 8, 1, 2, 3, 4, 5, 6, 7, 1);
        fixture.givenCommands(enrol())
                .when(recordAtVisit(BASELINE_MADRS, "RFQ8", "T0", BASELINE_AT, responses))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentRecorded(BASELINE_MADRS, RFQ8_1, "T0", null, BASELINE_AT, "rater-017",
                        normalised(responses),
                        new ScoreSet(new TreeMap<>(Map.of("RFQ_C", BigDecimal.ONE, "RFQ_U", new BigDecimal("0.5"))),
                                new TreeMap<>()),
                        null, false))
                .expectResultMessagePayloadMatching(recorded("AssessmentRecorded", 1,
                        r -> hasScore(r, "RFQ_C", "1") && hasScore(r, "RFQ_U", "0.5"), "RFQ_C 1 and RFQ_U 0.5"));
    }

    @Test
    void acceptsTheProtocolsInstrumentVersionNamedExplicitly() {
        fixture.givenCommands(enrol())
                .when(new RecordAssessment(SUBJECT, BASELINE_MADRS, "MADRS", "1", "T0", null, BASELINE_AT, RATER.id(),
                        baselineMadrsItems(), BY_RATER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(BASELINE_MADRS, "T0", BASELINE_AT, null, false));
    }

    @Test
    void recordsABaselineFormTakenAfterTheFirstDoseOnDayOneAsStudyDayOneOutOfWindow() {
        // Esketamine acts within hours: a T0 form after the dose is post-baseline, so not in T0's window (StudyClock).
        Instant afterTheDose = at("2026-01-12T15:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(BASELINE_MADRS, "T0", afterTheDose))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(BASELINE_MADRS, "T0", afterTheDose, 1, true));
    }

    @Test
    void flagsABaselineAdministeredTheDayAfterTheFirstDoseWithoutRefusingIt() {
        Instant dayTwo = at("2026-01-13T09:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(BASELINE_MADRS, "T0", dayTwo))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(BASELINE_MADRS, "T0", dayTwo, 2, true));
    }

    @Test
    void givesTheDayBeforeTheFirstDoseStudyDayMinusOne() {
        // Entered after the dose: 2026-01-11 is the day before day 1, and there is no day 0. T0 has no earliest day.
        Instant dayBefore = at("2026-01-11T09:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(BASELINE_MADRS, "T0", dayBefore))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(BASELINE_MADRS, "T0", dayBefore, -1, false));
    }

    @Test
    void countsStudyDaysInTheCentersTimeZone() {
        // 23:30 UTC on the 11th is 00:30 on the 12th in Pavia: the day of the first dose, not the day before.
        Instant pastMidnightInPavia = at("2026-01-11T23:30:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(BASELINE_MADRS, "T0", pastMidnightInPavia))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(BASELINE_MADRS, "T0", pastMidnightInPavia, 1, false));
    }

    @Test
    void recordsWeekOneOnItsTargetDayInWindow() {
        Instant dayEight = at("2026-01-19T09:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", dayEight))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "W1", dayEight, 8, false));
    }

    @Test
    void recordsWeekOneOnTheFirstDayOfItsWindowInWindow() {
        Instant dayFive = at("2026-01-16T09:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", dayFive))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "W1", dayFive, 5, false));
    }

    @Test
    void recordsWeekOneOnTheLastDayOfItsWindowInWindow() {
        Instant dayEleven = at("2026-01-22T09:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", dayEleven))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "W1", dayEleven, 11, false));
    }

    @Test
    void recordsWeekOneAfterItsWindowWithTheFlagInsteadOfRefusingIt() {
        Instant dayTwelve = at("2026-01-23T09:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", dayTwelve))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "W1", dayTwelve, 12, true));
    }

    @Test
    void recordsWeekOneBeforeTheFirstDoseDayAsDayMinusOneOutOfWindow() {
        Instant dayMinusOne = at("2026-01-11T09:00:00Z");
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", dayMinusOne))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "W1", dayMinusOne, -1, true));
    }

    @Test
    void recordsABaselineFormTakenBeforeTheFirstDoseOnDayOneInWindow() {
        Instant beforeTheDose = FIRST_DOSE_AT.minus(java.time.Duration.ofHours(1));
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "T0", beforeTheDose))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "T0", beforeTheDose, 1, false));
    }

    @Test
    void flagsAVisitOtherThanBaselineRecordedBeforeAnyDose() {
        // Every window but T0's is counted from day 1, so without a first dose W1 cannot be on time.
        fixture.givenCommands(enrol())
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", BASELINE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "W1", BASELINE_AT, null, true));
    }

    @Test
    void doesNotStartStudyDaysAtAWithheldSession() {
        fixture.givenCommands(enrol(), withhold(DOSE_1, FIRST_DOSE_AT, "pre-dose BP 165/100"))
                .when(recordMadrs(BASELINE_MADRS, "T0", at("2026-01-12T15:00:00Z")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(BASELINE_MADRS, "T0", at("2026-01-12T15:00:00Z"), null, false));
    }

    @Test
    void recordsTheSameInstrumentAtAnotherVisit() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", at("2026-01-19T09:00:00Z")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "W1", at("2026-01-19T09:00:00Z"), 8, false));
    }

    // ---------------------------------------------------------------- protocol and catalogue

    @Test
    void refusesAnInstrumentNotScheduledAtTheVisit() {
        fixture.givenCommands(enrol())
                .when(recordAtVisit(SECOND_ASSESSMENT, "RFQ8", "W1", BASELINE_AT, items("RFQ8", 8, 1, 2, 3, 4, 5, 6, 7, 1)))
                .expectException(problemsAt("instrumentCode"))
                .expectExceptionMessage(containsString("RFQ8 is not scheduled at W1 by protocol ESK-TRD/1"))
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownVisit() {
        fixture.givenCommands(enrol())
                .when(recordMadrs(SECOND_ASSESSMENT, "W2", BASELINE_AT))
                .expectException(problemsAt("visit"))
                .expectExceptionMessage(containsString("unknown visit 'W2'; the protocol's visits are [T0, W1, M1, M2, M3, M6]"))
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownInstrument() {
        fixture.givenCommands(enrol())
                .when(recordAtVisit(SECOND_ASSESSMENT, "HAMD", "T0", BASELINE_AT, baselineMadrsItems()))
                .expectException(problemsAt("instrumentCode"))
                .expectExceptionMessage(containsString("unknown instrument 'HAMD'"))
                .expectNoEvents();
    }

    @Test
    void refusesAnInstrumentVersionOtherThanTheProtocols() {
        fixture.givenCommands(enrol())
                .when(new RecordAssessment(SUBJECT, BASELINE_MADRS, "MADRS", "2", "T0", null, BASELINE_AT, RATER.id(),
                        baselineMadrsItems(), BY_RATER))
                .expectException(problemsAt("instrumentVersion"))
                .expectExceptionMessage(containsString("protocol ESK-TRD/1 uses MADRS/1, not version 2"))
                .expectNoEvents();
    }

    @Test
    void reportsEveryInvalidItemWithItsPath() {
        Map<String, Object> responses = new LinkedHashMap<>(baselineMadrsItems());
        responses.put("MADRS_03", 7);            // above 6
        responses.put("MADRS_05", "3");          // text, not a number
        responses.put("MADRS_07", 2.5);          // not a whole number
        responses.remove("MADRS_10");            // missing
        responses.put("MADRS_11", 1);            // not an item of MADRS/1
        fixture.givenCommands(enrol())
                .when(recordAtVisit(BASELINE_MADRS, "MADRS", "T0", BASELINE_AT, responses))
                .expectException(problemsAt("items.MADRS_03", "items.MADRS_05", "items.MADRS_07", "items.MADRS_10",
                        "items.MADRS_11"))
                .expectNoEvents();
    }

    @Test
    void refusesAFormWithoutItems() {
        fixture.givenCommands(enrol())
                .when(recordAtVisit(BASELINE_MADRS, "MADRS", "T0", BASELINE_AT, Map.of()))
                .expectException(problemsAt("items"))
                .expectExceptionMessage(containsString("every item of MADRS/1 is required"))
                .expectNoEvents();
    }

    @Test
    void reportsEveryProblemOfAnAssessmentAtOnce() {
        Map<String, Object> responses = new LinkedHashMap<>(baselineMadrsItems());
        responses.put("MADRS_01", -1);
        fixture.givenCommands(enrol())
                .when(new RecordAssessment(SUBJECT, BASELINE_MADRS, "MADRS", null, "W9", null, NOW.plusSeconds(60), "  ",
                        responses, BY_RATER))
                .expectException(problemsAt("visit", "administeredAt", "rater", "items.MADRS_01"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- clinical time

    @Test
    void refusesAnAdministrationTimeInTheFuture() {
        fixture.givenCommands(enrol())
                .when(recordMadrs(BASELINE_MADRS, "T0", NOW.plusSeconds(60)))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("must not be in the future"))
                .expectNoEvents();
    }

    @Test
    void acceptsAnAdministrationTimeOfExactlyNow() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "M2", NOW))
                .expectSuccessfulHandlerExecution()
                // 2026-03-02 is day 50; M2's window is [50, 64].
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "M2", NOW, 50, false));
    }

    @Test
    void refusesAnAssessmentAdministeredBeforeEnrolment() {
        fixture.givenCommands(enrol())
                .when(recordMadrs(BASELINE_MADRS, "T0", at("2026-01-07T10:00:00Z")))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("before the subject's enrolment on 2026-01-08"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAssessmentOfASubjectNeverEnrolled() {
        // No history: the aggregate cannot be loaded, so the command never reaches a handler.
        fixture.givenNoPriorActivity()
                .when(recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- one original per visit and instrument

    @Test
    void refusesASecondOriginalAtTheSameVisitPointingToItsCorrection() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "T0", BASELINE_AT.plusSeconds(600)))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "visit"))
                .expectException(pointsToCorrectionOf(BASELINE_MADRS))
                .expectExceptionMessage(containsString("MADRS at visit T0 is already recorded"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAssessmentIdAlreadyUsed() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(BASELINE_MADRS, "W1", at("2026-01-19T09:00:00Z")))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "assessmentId"))
                .expectExceptionMessage(containsString("assessment " + BASELINE_MADRS + " is already recorded"))
                .expectNoEvents();
    }

    @Test
    void recordsTheVisitAgainAfterItsOriginalWasRetracted() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT),
                        retract(BASELINE_MADRS, "entered for the wrong subject"))
                .when(recordMadrs(SECOND_ASSESSMENT, "T0", BASELINE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(madrsRecorded(SECOND_ASSESSMENT, "T0", BASELINE_AT, null, false))
                .expectResultMessagePayloadMatching(recorded("AssessmentRecorded", 3));
    }

    @Test
    void refusesAThirdOriginalAfterTheRetractedOneWasRecordedAgain() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT),
                        retract(BASELINE_MADRS, "entered for the wrong subject"),
                        recordMadrs(SECOND_ASSESSMENT, "T0", BASELINE_AT))
                .when(recordMadrs(THIRD_ASSESSMENT, "T0", BASELINE_AT))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "visit"))
                .expectException(pointsToCorrectionOf(SECOND_ASSESSMENT))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- visit or dosing session

    @Test
    void refusesAnAssessmentNamingBothAVisitAndADosingSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(new RecordAssessment(SUBJECT, SECOND_ASSESSMENT, "CADSS", null, "T0", 1, FIRST_DOSE_AT.plusSeconds(3600),
                        RATER.id(), cadssItems(), BY_RATER))
                .expectException(problemsAt("doseSession"))
                .expectExceptionMessage(containsString("give exactly one of visit"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAssessmentNamingNeitherAVisitNorADosingSession() {
        fixture.givenCommands(enrol())
                .when(new RecordAssessment(SUBJECT, BASELINE_MADRS, "MADRS", null, null, null, BASELINE_AT, RATER.id(),
                        baselineMadrsItems(), BY_RATER))
                .expectException(problemsAt("visit"))
                .expectNoEvents();
    }

    @Test
    void recordsCadssAtAnAdministeredDosingSession() {
        // CADSS: 2+2+2 and twenty zeros = 6, above the threshold of 4.
        Instant afterTheDose = FIRST_DOSE_AT.plusSeconds(40 * 60);
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, afterTheDose, cadssItems()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentRecorded(SECOND_ASSESSMENT, CADSS_1, null, 1, afterTheDose, "rater-017",
                        normalised(cadssItems()),
                        new ScoreSet(new TreeMap<>(Map.of("CADSS_TOTAL", BigDecimal.valueOf(6))),
                                new TreeMap<>(Map.of("CADSS_ABOVE_4", "Y"))),
                        1, false))
                .expectResultMessagePayloadMatching(recorded("AssessmentRecorded", 2,
                        r -> hasScore(r, "CADSS_TOTAL", "6"), "CADSS_TOTAL 6"));
    }

    @Test
    void refusesCadssAtADosingSessionThatDidNotTakePlace() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 2, FIRST_DOSE_AT.plusSeconds(3600), cadssItems()))
                .expectException(problemsAt("doseSession"))
                .expectExceptionMessage(containsString("no administered dosing session 2 for PAV-001"))
                .expectNoEvents();
    }

    @Test
    void refusesCadssAtAWithheldDosingSession() {
        fixture.givenCommands(enrol(), withhold(DOSE_1, FIRST_DOSE_AT, "pre-dose BP 165/100"))
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, FIRST_DOSE_AT.plusSeconds(3600), cadssItems()))
                .expectException(problemsAt("doseSession"))
                .expectExceptionMessage(containsString("no administered dosing session 1"))
                .expectNoEvents();
    }

    @Test
    void refusesCadssAtAVisit() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordAtVisit(SECOND_ASSESSMENT, "CADSS", "M1", at("2026-02-09T09:00:00Z"), cadssItems()))
                .expectException(problemsAt("instrumentCode"))
                .expectExceptionMessage(containsString("CADSS is not scheduled at M1"))
                .expectNoEvents();
    }

    @Test
    void refusesAVisitInstrumentAtADosingSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordAtSession(SECOND_ASSESSMENT, "MADRS", 1, FIRST_DOSE_AT.plusSeconds(3600), baselineMadrsItems()))
                .expectException(problemsAt("instrumentCode"))
                .expectExceptionMessage(containsString("MADRS is not completed at dosing sessions"))
                .expectNoEvents();
    }

    @Test
    void refusesASecondCadssAtTheSameDosingSession() {
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT),
                        recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, FIRST_DOSE_AT.plusSeconds(2400), cadssItems()))
                .when(recordAtSession(THIRD_ASSESSMENT, "CADSS", 1, FIRST_DOSE_AT.plusSeconds(3600), cadssItems()))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "doseSession"))
                .expectException(pointsToCorrectionOf(SECOND_ASSESSMENT))
                .expectExceptionMessage(containsString("CADSS at dosing session 1 is already recorded"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- a session's form in its post-dose window

    /** The fixtures' first dose: 56 mg at 09:00Z, two devices, the last at 09:05Z at the earliest. */
    private TestExecutor<Subject> givenTheFirstDose() {
        return fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT));
    }

    @Test
    void refusesCadssBeforeTheDose() {
        givenTheFirstDose()
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, at("2026-01-12T08:59:00Z"), cadssItems()))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("must not be before the end of dosing session 1"))
                .expectNoEvents();
    }

    @Test
    void refusesCadssBeforeTheSessionsLastDevice() {
        givenTheFirstDose()
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, at("2026-01-12T09:04:59Z"), cadssItems()))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("its 2 devices, 5 minutes apart, took until 2026-01-12T09:05:00Z"))
                .expectNoEvents();
    }

    @Test
    void acceptsCadssAtTheSessionsLastDevice() {
        givenTheFirstDose()
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, at("2026-01-12T09:05:00Z"), cadssItems()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void acceptsCadssAtTheEndOfThePostDoseObservation() {
        givenTheFirstDose()
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, at("2026-01-12T11:05:00Z"), cadssItems()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesCadssAfterThePostDoseObservation() {
        givenTheFirstDose()
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, at("2026-01-12T11:05:01Z"), cadssItems()))
                .expectException(problemsAt("administeredAt"))
                .expectExceptionMessage(containsString("must be within the post-dose observation of dosing session 1,"
                        + " from its last device (2026-01-12T09:05:00Z) to 120 minutes after it (2026-01-12T11:05:00Z)"))
                .expectNoEvents();
    }

    @Test
    void judgesCadssAgainstItsOwnSessionNotTheLatest() {
        // Session 1 at 09:00 on 12 January, session 2 three days later: a form for session 1 then is late.
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT), dose(DOSE_2, at("2026-01-15T09:00:00Z")))
                .when(recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, at("2026-01-15T09:30:00Z"), cadssItems()))
                .expectException(problemsAt("administeredAt"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- every problem at once

    @Test
    void reportsAConflictingAssessmentIdTogetherWithEveryOtherProblem() {
        Map<String, Object> responses = new LinkedHashMap<>(baselineMadrsItems());
        responses.put("MADRS_03", 7);
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .when(new RecordAssessment(SUBJECT, BASELINE_MADRS, "MADRS", null, "W9", null, BASELINE_AT, RATER.id(),
                        responses, BY_RATER))
                .expectException(refusedAt(CommandRefused.Reason.CONFLICT, "assessmentId", "visit", "items.MADRS_03"))
                .expectNoEvents();
    }
}
