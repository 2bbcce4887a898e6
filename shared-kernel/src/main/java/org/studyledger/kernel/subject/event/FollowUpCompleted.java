package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The subject completed the protocol's follow-up.
 *
 * @param completionDate date of the last follow-up contact
 */
@Revision("1")
public record FollowUpCompleted(LocalDate completionDate) implements StudyEvent {
    public FollowUpCompleted {
        require(completionDate != null, "completion_date is required");
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
