package org.studyledger.kernel.subject.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Record that a scheduled session was not given, and why. Every field is required (the constructor refuses a null) but
 * {@code bpBefore}, nullable: a session is also withheld when the subject did not come, and then nothing was measured.
 */
public record WithholdDose(
        @TargetAggregateIdentifier SubjectId subjectId,
        DoseId doseId,
        Instant decidedAt,
        String reason,
        BloodPressure bpBefore,
        Provenance provenance) implements SubjectCommand {
    public WithholdDose {
        Required.value(subjectId, "subjectId");
        Required.value(doseId, "doseId");
        Required.value(decidedAt, "decidedAt");
        Required.value(reason, "reason");
        Required.value(provenance, "provenance");
    }
}
