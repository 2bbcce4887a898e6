package org.studyledger.kernel.subject.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;

/** Retract an assessment entered in error, and say why. */
public record RetractAssessment(
        @TargetAggregateIdentifier SubjectId subjectId,
        AssessmentId assessmentId,
        String reason,
        Provenance provenance) implements SubjectCommand {
}
