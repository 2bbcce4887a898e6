package org.studyledger.hub.dataset;

import java.util.List;
import java.util.Optional;

/**
 * Which value is a parameter's baseline (ABLFL = 'Y'): the value at the baseline visit (T0; the last
 * one if T0 was recorded more than once); without a T0 value, the last non-missing value on or before
 * study day 1 (before any dose, every value counts as on or before day 1).
 */
public final class Baseline {
    /** The protocol's baseline visit. */
    public static final String VISIT = "T0";

    private Baseline() {
    }

    public static Optional<Observation> choose(List<Observation> observations) {
        Optional<Observation> atT0 = observations.stream()
                .filter(o -> o.value() != null && VISIT.equals(o.visit()))
                .max(Observation.CHRONOLOGICAL);
        if (atT0.isPresent()) {
            return atT0;
        }
        return observations.stream()
                .filter(o -> o.value() != null && o.onOrBeforeDay1())
                .max(Observation.CHRONOLOGICAL);
    }
}
