package org.studyledger.kernel.subject.command;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Record an administered instrument form. {@code responses} are the item values as entered (from JSON or
 * CSV, so possibly of the wrong type); the scoring engine validates them and reports every problem.
 * {@code instrument} version may be absent: the protocol's catalogue version is used.
 */
public record RecordAssessment(
        @TargetAggregateIdentifier SubjectId subjectId,
        AssessmentId assessmentId,
        String instrumentCode,
        String instrumentVersion,
        String visit,
        Integer doseSession,
        Instant administeredAt,
        String rater,
        Map<String, ?> responses,
        Provenance provenance) implements SubjectCommand {
    public InstrumentRef instrument() {
        return new InstrumentRef(instrumentCode, instrumentVersion);
    }
}
