package org.studyledger.kernel.subject.command;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;

/** Correct an assessment's item responses: the complete corrected form, and why. */
public record CorrectAssessment(
        @TargetAggregateIdentifier SubjectId subjectId,
        AssessmentId assessmentId,
        Map<String, ?> responses,
        String reason,
        Provenance provenance) implements SubjectCommand {
}
