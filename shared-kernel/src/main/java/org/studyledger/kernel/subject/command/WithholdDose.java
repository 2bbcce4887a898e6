package org.studyledger.kernel.subject.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.SubjectId;

/** Record that a scheduled session was not given, and why. */
public record WithholdDose(
        @TargetAggregateIdentifier SubjectId subjectId,
        DoseId doseId,
        Instant decidedAt,
        String reason,
        BloodPressure bpBefore,
        Provenance provenance) implements SubjectCommand {
}
