package org.studyledger.kernel.subject.command;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Correct an assessment's item responses: the complete corrected form, and why. Every field is required (the
 * constructor refuses a null); whether {@code items} is the complete form of the corrected
 * assessment's instrument is the aggregate's question, since only the subject's history knows the instrument.
 */
public record CorrectAssessment(
        @TargetAggregateIdentifier SubjectId subjectId,
        AssessmentId assessmentId,
        Map<String, ?> items,
        String reason,
        Provenance provenance) implements SubjectCommand {
    public CorrectAssessment {
        Required.value(subjectId, "subjectId");
        Required.value(assessmentId, "assessmentId");
        Required.value(items, "items");
        Required.value(reason, "reason");
        Required.value(provenance, "provenance");
    }
}
