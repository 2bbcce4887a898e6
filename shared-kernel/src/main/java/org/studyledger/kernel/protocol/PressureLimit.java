package org.studyledger.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A pair of systolic/diastolic values in mmHg that the protocol uses as a limit or a rise, not a reading
 * (readings are {@link org.studyledger.kernel.subject.BloodPressure}, which checks physiological plausibility).
 */
public record PressureLimit(@JsonProperty("systolic") int systolic, @JsonProperty("diastolic") int diastolic) {
    public PressureLimit {
        if (systolic < 0 || diastolic < 0) {
            throw new IllegalArgumentException("blood pressure cannot be negative: " + systolic + "/" + diastolic);
        }
    }

    @Override
    public String toString() {
        return systolic + "/" + diastolic + " mmHg";
    }
}
