package org.studyledger.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.studyledger.kernel.subject.Ages;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.validation.Problem;

/**
 * The protocol's dosing and safety-monitoring rules (for ESK-TRD, from the Spravato labelling).
 * Every number is data in the protocol file, so a revised label is a new protocol version and
 * sessions keep being judged by the rules of the version they were recorded under.
 */
public record DosingRules(
        @JsonProperty("allowed_doses_mg") List<Integer> allowedDosesMg,
        @JsonProperty("mg_per_device") int mgPerDevice,
        @JsonProperty("minutes_between_devices") int minutesBetweenDevices,
        @JsonProperty("pre_dose_bp_limit") PressureLimit preDoseBpLimit,
        @JsonProperty("notable_bp_increase") PressureLimit notableBpIncrease,
        @JsonProperty("minimum_monitoring_minutes") int minimumMonitoringMinutes,
        @JsonProperty("older_adult_age") int olderAdultAge,
        @JsonProperty("older_adult_starting_dose_mg") int olderAdultStartingDoseMg,
        @JsonProperty("day1_dose_mg") int day1DoseMg) {

    public DosingRules {
        allowedDosesMg = allowedDosesMg == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(allowedDosesMg));
    }

    public boolean isAllowedDose(int mg) {
        return allowedDosesMg.contains(mg);
    }

    /**
     * What is wrong with a session of {@code mg} given with {@code devices} devices, if anything: a dose the protocol
     * does not allow ({@code dose_mg}), or a device count that does not make the dose ({@code devices}). The center
     * refuses such a command with this problem and the hub quarantines such an event with its message.
     */
    public Optional<Problem> doseProblem(int mg, int devices) {
        return doseProblem(mg, devices, "dose_mg", "devices");
    }

    /**
     * {@link #doseProblem(int, int)} located at the reader's own names of the two fields ({@code doseMg} of a command,
     * say), since the rule is the same whoever asks and only the field names differ.
     */
    public Optional<Problem> doseProblem(int mg, int devices, String mgField, String devicesField) {
        if (!isAllowedDose(mg)) {
            return Optional.of(new Problem(mgField, mg + " mg is not an allowed dose (allowed: " + allowedDosesMg + " mg)"));
        }
        if (devices != devicesFor(mg)) {
            return Optional.of(new Problem(devicesField, mg + " mg takes " + devicesFor(mg) + " devices of " + mgPerDevice
                    + " mg, not " + devices));
        }
        return Optional.empty();
    }

    /**
     * The flags of a dose given: pre-dose pressure above the limit, a notable rise after it, monitoring shorter than
     * the minimum, in {@link DoseFlag}'s order. What a session is flagged with is decided here only; the event records
     * it.
     */
    public List<DoseFlag> flagsFor(BloodPressure before, BloodPressure after, int monitoringMinutes) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        List<DoseFlag> flags = new ArrayList<>();
        if (preDoseBpAboveThreshold(before)) {
            flags.add(DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD);
        }
        if (notableBpRise(before, after)) {
            flags.add(DoseFlag.NOTABLE_BP_RISE);
        }
        if (monitoringTooShort(monitoringMinutes)) {
            flags.add(DoseFlag.MONITORING_SHORT);
        }
        return List.copyOf(flags);
    }

    /** Number of nasal spray devices for an allowed dose (56 mg → 2). */
    public int devicesFor(int mg) {
        if (!isAllowedDose(mg)) {
            throw new IllegalArgumentException(mg + " mg is not an allowed dose (allowed: " + allowedDosesMg + " mg)");
        }
        return mg / mgPerDevice;
    }

    /** Above the limit means systolic above OR diastolic above; a reading equal to the limit is not above. */
    public boolean preDoseBpAboveThreshold(int systolic, int diastolic) {
        return systolic > preDoseBpLimit.systolic() || diastolic > preDoseBpLimit.diastolic();
    }

    public boolean preDoseBpAboveThreshold(BloodPressure reading) {
        return preDoseBpAboveThreshold(reading.systolic(), reading.diastolic());
    }

    /** A rise of at least the notable increase in systolic OR diastolic pressure (the boundary counts). */
    public boolean notableBpRise(BloodPressure before, BloodPressure after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        return after.systolic() - before.systolic() >= notableBpIncrease.systolic()
                || after.diastolic() - before.diastolic() >= notableBpIncrease.diastolic();
    }

    /** Whether post-dose observation ended before the minimum (the minimum itself is enough). */
    public boolean monitoringTooShort(int minutes) {
        return minutes < minimumMonitoringMinutes;
    }

    /**
     * The first dose for a patient of this age: the older-adult starting dose at or above the
     * older-adult age, otherwise the day-1 dose.
     */
    public int startingDoseMg(int ageYears) {
        if (ageYears < 0) {
            throw new IllegalArgumentException("age cannot be negative: " + ageYears);
        }
        return ageYears >= olderAdultAge ? olderAdultStartingDoseMg : day1DoseMg;
    }

    /**
     * The first dose of a subject born in {@code birthYear} and first dosed on {@code doseDate}: the starting dose
     * for the age the subject reaches in the dose's year ({@link Ages#reachedInYearOf}).
     */
    public int firstDoseMg(int birthYear, LocalDate doseDate) {
        return startingDoseMg(Ages.reachedInYearOf(birthYear, doseDate));
    }

    /**
     * The shortest time from the first device of a session to its last: the protocol's interval between devices
     * once per device after the first (56 mg, 2 devices: 5 minutes; 84 mg, 3 devices: 10 minutes).
     */
    public Duration administrationSpan(int devices) {
        if (devices < 1) {
            throw new IllegalArgumentException("a session uses at least one device, got " + devices);
        }
        return Duration.ofMinutes((long) (devices - 1) * minutesBetweenDevices);
    }

    /** The earliest moment a session whose first device was used at {@code firstDevice} can have used its last. */
    public Instant endOfAdministration(Instant firstDevice, int devices) {
        Objects.requireNonNull(firstDevice, "firstDevice");
        return firstDevice.plus(administrationSpan(devices));
    }

    /**
     * When a session's per-session forms (CADSS) can be administered: during the post-dose observation the
     * protocol requires, from the last device (at the earliest, {@link #endOfAdministration}) until the minimum
     * monitoring time after it. Both ends are included.
     */
    public PostDoseWindow postDoseWindow(Instant firstDevice, int devices) {
        Instant lastDevice = endOfAdministration(firstDevice, devices);
        return new PostDoseWindow(lastDevice, lastDevice.plus(Duration.ofMinutes(minimumMonitoringMinutes)));
    }

    /** A span of time after a dose, both ends included. */
    public record PostDoseWindow(Instant from, Instant until) {
        public PostDoseWindow {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (until.isBefore(from)) {
                throw new IllegalArgumentException("window ends before it starts: " + from + " > " + until);
            }
        }

        public boolean contains(Instant at) {
            return !at.isBefore(from) && !at.isAfter(until);
        }
    }
}
