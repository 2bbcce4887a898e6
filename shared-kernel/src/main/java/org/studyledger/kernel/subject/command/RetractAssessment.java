package org.studyledger.kernel.subject.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;

/** Retract an assessment entered in error, and say why. Every field is required (the constructor refuses a null). */
public record RetractAssessment(
        @TargetAggregateIdentifier SubjectId subjectId,
        AssessmentId assessmentId,
        String reason,
        Provenance provenance) implements SubjectCommand {
    public RetractAssessment {
        Required.value(subjectId, "subjectId");
        Required.value(assessmentId, "assessmentId");
        Required.value(reason, "reason");
        Required.value(provenance, "provenance");
    }
}
