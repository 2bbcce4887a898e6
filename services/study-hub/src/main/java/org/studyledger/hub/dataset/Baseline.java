package org.studyledger.hub.dataset;

import java.util.List;
import java.util.Optional;
import org.studyledger.kernel.protocol.StudyClock;

/**
 * Which value is a parameter's baseline (ABLFL = 'Y'): the last non-missing value (latest administration time, then
 * the later recording) among the baseline candidates of the subject's study clock: with a dose, every value taken at
 * or before the first dose's instant (ADaM: ADTM &lt;= TRTSDTM), whatever visit it was recorded for; without a dose,
 * only the values recorded for the baseline visit T0. None when there is no such value.
 */
public final class Baseline {
    private Baseline() {
    }

    public static Optional<Observation> choose(StudyClock clock, List<Observation> observations) {
        return observations.stream()
                .filter(o -> o.value() != null && clock.baselineCandidate(o.visit(), o.administeredAt()))
                .max(Observation.CHRONOLOGICAL);
    }
}
