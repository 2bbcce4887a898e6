package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.DoseId;

/**
 * An esketamine nasal spray session took place.
 *
 * @param doseId            id of this session
 * @param sessionNumber     1-based session number, counting administered and withheld sessions
 * @param administeredAt    when the first device was used
 * @param doseMg            total dose (28, 56 or 84 mg)
 * @param devices           devices used (28 mg each)
 * @param bpBefore          blood pressure before the dose
 * @param bpAfter           blood pressure about 40 minutes after the dose
 * @param monitoringMinutes observation time after dosing
 * @param overrideReason    why the dose was given despite pre-dose BP above the threshold; absent otherwise
 * @param flags             circumstances worth a reviewer's attention, in declaration order
 */
@Revision("1")
public record DoseAdministered(
        DoseId doseId,
        int sessionNumber,
        Instant administeredAt,
        int doseMg,
        int devices,
        BloodPressure bpBefore,
        BloodPressure bpAfter,
        int monitoringMinutes,
        String overrideReason,
        List<DoseFlag> flags) implements StudyEvent {

    public DoseAdministered {
        require(doseId != null, "dose_id is required");
        require(sessionNumber >= 1, "session_number starts at 1");
        require(administeredAt != null, "administered_at is required");
        require(doseMg > 0, "dose_mg must be positive");
        require(devices > 0, "devices must be positive");
        require(bpBefore != null, "bp_before is required");
        require(bpAfter != null, "bp_after is required");
        require(monitoringMinutes >= 0, "monitoring_minutes must not be negative");
        require(overrideReason == null || !overrideReason.isBlank(), "override_reason must not be blank when given");
        Set<DoseFlag> set = (flags == null || flags.isEmpty()) ? EnumSet.noneOf(DoseFlag.class) : EnumSet.copyOf(flags);
        flags = List.copyOf(set);
    }

    public boolean has(DoseFlag flag) {
        return flags.contains(flag);
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
