package org.studyledger.kernel.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.SampleEvents;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.StudyEvent;

class KnownAssessmentsTest {
    private static final AssessmentId MADRS_T0 = AssessmentId.of("3f1c2a4e-6b7d-4e8f-9a0b-1c2d3e4f5a6b");
    private static final AssessmentId RFQ8_T0 = AssessmentId.of("8d2e6f10-0a1b-4c2d-8e3f-405162738495");

    @Test
    void onlyARecordedAssessmentMakesAnAssessmentKnownWithItsInstrument() {
        List<StudyEvent> events = SampleEvents.events();
        // The sample covers every event type, so each one is asked here.
        assertThat(events.stream().map(Object::getClass).distinct().count())
                .isEqualTo(StudyEvent.class.getPermittedSubclasses().length);
        for (StudyEvent event : events) {
            if (event.getClass() == AssessmentRecorded.class) {
                AssessmentRecorded recorded = (AssessmentRecorded) event;
                assertThat(KnownAssessments.recordedBy(event))
                        .contains(new KnownAssessments.Recorded(recorded.assessmentId(), recorded.instrument()));
            } else {
                assertThat(KnownAssessments.recordedBy(event)).as(event.getClass().getSimpleName()).isEmpty();
            }
        }
    }

    @Test
    void remembersTheInstrumentsOfWhatItLearnt() {
        KnownAssessments known = new KnownAssessments();
        assertThat(known.instrumentOf(MADRS_T0)).isEmpty();
        SampleEvents.history().forEach(known::learn);
        assertThat(known.instrumentOf(MADRS_T0)).contains(new InstrumentRef("MADRS", "1"));
        assertThat(known.instrumentOf(RFQ8_T0)).contains(new InstrumentRef("RFQ8", "1"));
        assertThat(known.instrumentOf(AssessmentId.random())).isEmpty();
    }

    @Test
    void aCorrectionIsCheckedAgainstWhatWasLearntBeforeIt() {
        AssessmentCorrected correction = SampleEvents.history().stream().filter(AssessmentCorrected.class::isInstance)
                .map(AssessmentCorrected.class::cast).findFirst().orElseThrow();
        ScoringEngine scoring = ScoringEngine.standard();
        assertThat(new KnownAssessments().checkScoresAndLearn(correction, scoring)).map(Finding::failure)
                .contains(VerificationFailure.UNKNOWN_ASSESSMENT);
        KnownAssessments known = new KnownAssessments();
        SampleEvents.history().stream().takeWhile(e -> e != correction).forEach(known::learn);
        assertThat(known.checkScoresAndLearn(correction, scoring)).isEmpty();
    }
}
