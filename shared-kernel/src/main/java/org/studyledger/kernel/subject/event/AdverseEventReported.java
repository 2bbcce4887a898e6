package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;
import static org.studyledger.kernel.subject.Facts.requireText;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.Relatedness;

/**
 * An adverse event was reported for the subject.
 *
 * @param adverseEventId id of this report
 * @param term           reported term, verbatim (e.g. "dissociation", "nausea")
 * @param onsetDate      date the event began
 * @param severity       intensity
 * @param serious        meets a regulatory seriousness criterion
 * @param relatedness    causality to esketamine
 */
@Revision("1")
public record AdverseEventReported(
        AdverseEventId adverseEventId,
        String term,
        LocalDate onsetDate,
        AdverseEventSeverity severity,
        boolean serious,
        Relatedness relatedness) implements StudyEvent {
    public AdverseEventReported {
        require(adverseEventId != null, "adverse_event_id is required");
        requireText(term, "term");
        require(onsetDate != null, "onset_date is required");
        require(severity != null, "severity is required");
        require(relatedness != null, "relatedness is required");
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
