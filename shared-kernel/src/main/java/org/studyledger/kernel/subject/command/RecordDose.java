package org.studyledger.kernel.subject.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Record an esketamine session that took place. {@code overrideReason} is required when the pre-dose
 * blood pressure was above the protocol threshold.
 */
public record RecordDose(
        @TargetAggregateIdentifier SubjectId subjectId,
        DoseId doseId,
        Instant administeredAt,
        Integer doseMg,
        Integer devices,
        BloodPressure bpBefore,
        BloodPressure bpAfter,
        Integer monitoringMinutes,
        String overrideReason,
        Provenance provenance) implements SubjectCommand {
}
