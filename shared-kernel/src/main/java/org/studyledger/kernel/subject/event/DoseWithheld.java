package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;
import static org.studyledger.kernel.subject.Facts.requireText;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;

/**
 * A scheduled dosing session did not take place, e.g. because pre-dose BP was too high.
 *
 * @param doseId        id of this session
 * @param sessionNumber 1-based session number it would have been
 * @param decidedAt     when the decision not to dose was taken
 * @param reason        why (mandatory)
 * @param bpBefore      pre-dose blood pressure, when measured
 */
@Revision("1")
public record DoseWithheld(DoseId doseId, int sessionNumber, Instant decidedAt, String reason, BloodPressure bpBefore)
        implements StudyEvent {
    public DoseWithheld {
        require(doseId != null, "dose_id is required");
        require(sessionNumber >= 1, "session_number starts at 1");
        require(decidedAt != null, "decided_at is required");
        requireText(reason, "reason");
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
