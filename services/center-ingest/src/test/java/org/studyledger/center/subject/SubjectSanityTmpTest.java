package org.studyledger.center.subject;

import static org.hamcrest.Matchers.containsString;
import static org.studyledger.center.subject.SubjectFixtures.*;

import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.SubjectId;

class SubjectSanityTmpTest {
    @Test
    void wrongPaths() {
        newFixture().givenNoPriorActivity()
                .when(enrol(SubjectId.of("MIL-001"), ENROLMENT_DATE, CONSENT_DATE))
                .expectException(problemsAt("subject_id", "sex"));
    }
    @Test
    void wrongRefusal() {
        newFixture().givenCommands(enrol()).when(enrol())
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject_id"));
    }
    @Test
    void wrongEvent() {
        newFixture().givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", at("2026-01-19T09:00:00Z")))
                .expectEvents(new org.studyledger.kernel.subject.event.AssessmentRecorded(SECOND_ASSESSMENT, MADRS_1, "W1", null,
                        at("2026-01-19T09:00:00Z"), "rater-017", normalised(baselineMadrsItems()), madrsScores(27, "moderate"), 9, false));
    }
    @Test
    void wrongScores() {
        newFixture().givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(recordMadrs(SECOND_ASSESSMENT, "W1", at("2026-01-19T09:00:00Z")))
                .expectEvents(new org.studyledger.kernel.subject.event.AssessmentRecorded(SECOND_ASSESSMENT, MADRS_1, "W1", null,
                        at("2026-01-19T09:00:00Z"), "rater-017", normalised(baselineMadrsItems()), madrsScores(28, "moderate"), 8, false));
    }
    @Test
    void wrongResult() {
        newFixture().givenNoPriorActivity().when(enrol()).expectResultMessagePayloadMatching(recorded("SubjectEnrolled", 1));
    }
    @Test
    void wrongMessage() {
        newFixture().givenCommands(enrol()).when(enrol()).expectExceptionMessage(containsString("xyz"));
    }
}
