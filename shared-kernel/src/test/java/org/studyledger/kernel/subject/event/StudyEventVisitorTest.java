package org.studyledger.kernel.subject.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.SampleEvents;

class StudyEventVisitorTest {
    /** Names the visit method that was chosen, by the type of its parameter. */
    private static final StudyEventVisitor<String> NAMES = new StudyEventVisitor<>() {
        @Override
        public String visit(SubjectEnrolled event) {
            return "SubjectEnrolled";
        }

        @Override
        public String visit(AssessmentRecorded event) {
            return "AssessmentRecorded";
        }

        @Override
        public String visit(AssessmentCorrected event) {
            return "AssessmentCorrected";
        }

        @Override
        public String visit(AssessmentRetracted event) {
            return "AssessmentRetracted";
        }

        @Override
        public String visit(DoseAdministered event) {
            return "DoseAdministered";
        }

        @Override
        public String visit(DoseWithheld event) {
            return "DoseWithheld";
        }

        @Override
        public String visit(AdverseEventReported event) {
            return "AdverseEventReported";
        }

        @Override
        public String visit(SubjectDiscontinued event) {
            return "SubjectDiscontinued";
        }

        @Override
        public String visit(FollowUpCompleted event) {
            return "FollowUpCompleted";
        }
    };

    @Test
    void everyEventVisitsTheMethodOfItsOwnType() {
        for (StudyEvent event : SampleEvents.events()) {
            assertThat(event.accept(NAMES)).as(event.toString()).isEqualTo(event.getClass().getSimpleName());
        }
    }

    @Test
    void theSamplesCoverEveryEventType() {
        List<String> sampled = SampleEvents.events().stream().map(e -> e.getClass().getSimpleName()).distinct().toList();
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(StudyEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList());
    }

    @Test
    void theVisitorHasOneMethodPerEventType() {
        List<String> visited = Arrays.stream(StudyEventVisitor.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("visit"))
                .map(m -> m.getParameterTypes()[0].getName()).toList();
        assertThat(visited).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(StudyEvent.class.getPermittedSubclasses()).map(Class::getName).toList());
    }
}
