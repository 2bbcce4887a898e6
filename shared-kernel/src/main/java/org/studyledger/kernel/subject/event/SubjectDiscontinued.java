package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;
import static org.studyledger.kernel.subject.Facts.requireText;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The subject left the study before completing follow-up. No new assessments or doses are accepted
 * afterwards; when consent was withdrawn no new data at all. What was recorded before stays.
 *
 * @param discontinuationDate date the subject left
 * @param reason              why
 * @param consentWithdrawn    the subject withdrew consent
 */
@Revision("1")
public record SubjectDiscontinued(LocalDate discontinuationDate, String reason, boolean consentWithdrawn)
        implements StudyEvent {
    public SubjectDiscontinued {
        require(discontinuationDate != null, "discontinuation_date is required");
        requireText(reason, "reason");
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
