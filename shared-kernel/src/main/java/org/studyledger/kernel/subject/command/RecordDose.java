package org.studyledger.kernel.subject.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Record an esketamine session that took place. Every field is required (the constructor refuses a null) but
 * {@code overrideReason}, which the protocol asks for only when the pre-dose blood pressure was above its threshold
 * (nullable; a blank one counts as none).
 */
public record RecordDose(
        @TargetAggregateIdentifier SubjectId subjectId,
        DoseId doseId,
        Instant administeredAt,
        int doseMg,
        int devices,
        BloodPressure bpBefore,
        BloodPressure bpAfter,
        int monitoringMinutes,
        String overrideReason,
        Provenance provenance) implements SubjectCommand {
    public RecordDose {
        Required.value(subjectId, "subjectId");
        Required.value(doseId, "doseId");
        Required.value(administeredAt, "administeredAt");
        Required.value(bpBefore, "bpBefore");
        Required.value(bpAfter, "bpAfter");
        Required.value(provenance, "provenance");
    }
}
