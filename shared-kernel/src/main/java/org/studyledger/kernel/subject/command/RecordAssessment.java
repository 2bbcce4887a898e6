package org.studyledger.kernel.subject.command;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Record an administered instrument form. {@code items} are the item values as entered (from JSON or CSV, so possibly
 * of the wrong type); the scoring engine validates them and reports every problem.
 *
 * <p>Required (the constructor refuses a null): the subject, the assessment id, the
 * instrument code, the time, the rater and the items (an empty map is a form without answers, which the aggregate
 * refuses naming the instrument's items). Nullable where the protocol makes a field optional: {@code instrumentVersion}
 * (absent: the protocol's catalogue version), and {@code visit} and {@code doseSession}, of which a form gives exactly
 * one — a protocol rule the aggregate checks, so a command may hold neither or both.
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
        Map<String, ?> items,
        Provenance provenance) implements SubjectCommand {
    public RecordAssessment {
        Required.value(subjectId, "subjectId");
        Required.value(assessmentId, "assessmentId");
        Required.value(instrumentCode, "instrumentCode");
        Required.value(administeredAt, "administeredAt");
        Required.value(rater, "rater");
        Required.value(items, "items");
        Required.value(provenance, "provenance");
    }

    public InstrumentRef instrument() {
        return new InstrumentRef(instrumentCode, instrumentVersion);
    }
}
