package org.studyledger.center.subject;

import static org.hamcrest.Matchers.containsString;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_AT;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_MADRS;
import static org.studyledger.center.subject.SubjectFixtures.SECOND_ASSESSMENT;
import static org.studyledger.center.subject.SubjectFixtures.baselineMadrsItems;
import static org.studyledger.center.subject.SubjectFixtures.correct;
import static org.studyledger.center.subject.SubjectFixtures.enrol;
import static org.studyledger.center.subject.SubjectFixtures.hasScore;
import static org.studyledger.center.subject.SubjectFixtures.madrsItems;
import static org.studyledger.center.subject.SubjectFixtures.madrsScores;
import static org.studyledger.center.subject.SubjectFixtures.newFixture;
import static org.studyledger.center.subject.SubjectFixtures.normalised;
import static org.studyledger.center.subject.SubjectFixtures.problemsAt;
import static org.studyledger.center.subject.SubjectFixtures.recordMadrs;
import static org.studyledger.center.subject.SubjectFixtures.recorded;
import static org.studyledger.center.subject.SubjectFixtures.refused;
import static org.studyledger.center.subject.SubjectFixtures.retract;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRetracted;

/** Corrections and retractions of a recorded baseline MADRS (total 27, moderate). */
class SubjectCorrectionTest {
    /** 6+5+4+4+4+3+3+3+2+1 = 35: "severe". */
    private static final Map<String, Object> SEVERE = madrsItems(6, 5, 4, 4, 4, 3, 3, 3, 2, 1);
    private static final String REASON = "transcription error, checked against the paper form";

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private TestExecutor<Subject> givenABaselineMadrs(Object... more) {
        return fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT)).andGivenCommands(more);
    }

    // ---------------------------------------------------------------- corrections

    @Test
    void correctsAnAssessmentWithTheCompleteFormAndRecomputedScores() {
        givenABaselineMadrs()
                .when(correct(BASELINE_MADRS, SEVERE, REASON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentCorrected(BASELINE_MADRS, normalised(SEVERE), madrsScores(35, "severe"), REASON))
                .expectResultMessagePayloadMatching(recorded("AssessmentCorrected", 2,
                        r -> hasScore(r, "MADRS_TOTAL", "35") && "severe".equals(r.scores().category("MADRS_SEVERITY")),
                        "MADRS_TOTAL 35, severe"));
    }

    @Test
    void correctsACorrectedAssessmentBackToItsOriginalValues() {
        givenABaselineMadrs(correct(BASELINE_MADRS, SEVERE, REASON))
                .when(correct(BASELINE_MADRS, baselineMadrsItems(), "the first correction was itself wrong"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentCorrected(BASELINE_MADRS, normalised(baselineMadrsItems()),
                        madrsScores(27, "moderate"), "the first correction was itself wrong"));
    }

    @Test
    void refusesCorrectingAnUnknownAssessment() {
        givenABaselineMadrs()
                .when(correct(SECOND_ASSESSMENT, SEVERE, REASON))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "assessmentId"))
                .expectExceptionMessage(containsString("PAV-001 has no assessment " + SECOND_ASSESSMENT))
                .expectNoEvents();
    }

    @Test
    void refusesCorrectingARetractedAssessment() {
        givenABaselineMadrs(retract(BASELINE_MADRS, "entered for the wrong subject"))
                .when(correct(BASELINE_MADRS, SEVERE, REASON))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "assessmentId"))
                .expectExceptionMessage(containsString("was retracted; a retracted assessment cannot be corrected"))
                .expectNoEvents();
    }

    @Test
    void refusesACorrectionThatChangesNoItem() {
        givenABaselineMadrs()
                .when(correct(BASELINE_MADRS, baselineMadrsItems(), REASON))
                .expectException(problemsAt("items"))
                .expectExceptionMessage(containsString("a correction must change at least one item"))
                .expectNoEvents();
    }

    @Test
    void comparesACorrectionWithTheCurrentValuesNotTheOriginalOnes() {
        givenABaselineMadrs(correct(BASELINE_MADRS, SEVERE, REASON))
                .when(correct(BASELINE_MADRS, SEVERE, "entered twice"))
                .expectException(problemsAt("items"))
                .expectExceptionMessage(containsString("no item differs from the current values"))
                .expectNoEvents();
    }

    @Test
    void refusesACorrectionWithABlankReason() {
        givenABaselineMadrs()
                .when(correct(BASELINE_MADRS, SEVERE, "   "))
                .expectException(problemsAt("reason"))
                .expectNoEvents();
    }

    @Test
    void refusesACorrectionWithoutItems() {
        givenABaselineMadrs()
                .when(correct(BASELINE_MADRS, Map.of(), REASON))
                .expectException(problemsAt("items"))
                .expectExceptionMessage(containsString("the complete corrected form of MADRS/1 is required"))
                .expectNoEvents();
    }

    @Test
    void reportsEveryInvalidItemOfACorrectionAndTheBlankReason() {
        Map<String, Object> responses = new LinkedHashMap<>(SEVERE);
        responses.put("MADRS_02", 9);
        responses.remove("MADRS_09");
        givenABaselineMadrs()
                .when(correct(BASELINE_MADRS, responses, "  "))
                .expectException(problemsAt("items.MADRS_02", "items.MADRS_09", "reason"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- retractions

    @Test
    void retractsAnAssessmentWithItsReason() {
        givenABaselineMadrs()
                .when(retract(BASELINE_MADRS, "entered for the wrong subject"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentRetracted(BASELINE_MADRS, "entered for the wrong subject"))
                .expectResultMessagePayloadMatching(recorded("AssessmentRetracted", 2, r -> r.scores() == null, "no scores"));
    }

    @Test
    void retractsACorrectedAssessment() {
        givenABaselineMadrs(correct(BASELINE_MADRS, SEVERE, REASON))
                .when(retract(BASELINE_MADRS, "form never administered"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssessmentRetracted(BASELINE_MADRS, "form never administered"));
    }

    @Test
    void refusesRetractingTwice() {
        givenABaselineMadrs(retract(BASELINE_MADRS, "entered for the wrong subject"))
                .when(retract(BASELINE_MADRS, "entered for the wrong subject"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "assessmentId"))
                .expectExceptionMessage(containsString("is already retracted"))
                .expectNoEvents();
    }

    @Test
    void refusesARetractionWithABlankReason() {
        givenABaselineMadrs()
                .when(retract(BASELINE_MADRS, " "))
                .expectException(problemsAt("reason"))
                .expectNoEvents();
    }

    @Test
    void refusesRetractingAnUnknownAssessment() {
        givenABaselineMadrs()
                .when(retract(SECOND_ASSESSMENT, "entered for the wrong subject"))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "assessmentId"))
                .expectNoEvents();
    }
}
