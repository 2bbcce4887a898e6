package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;
import static org.studyledger.kernel.subject.Facts.requireText;

import org.axonframework.serialization.Revision;
import org.studyledger.kernel.subject.AssessmentId;

/**
 * An assessment was entered in error (wrong subject, form never administered) and no longer counts.
 * It stays in the history; derived datasets drop it.
 *
 * @param assessmentId the assessment retracted
 * @param reason       why (mandatory)
 */
@Revision("1")
public record AssessmentRetracted(AssessmentId assessmentId, String reason) implements StudyEvent, AssessmentEvent {
    public AssessmentRetracted {
        require(assessmentId != null, "assessment_id is required");
        requireText(reason, "reason");
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
