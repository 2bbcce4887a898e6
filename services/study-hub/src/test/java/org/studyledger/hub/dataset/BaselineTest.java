package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;

/**
 * The baseline by hand. Zone Europe/Rome (UTC+1 in winter); the first dose at 10:00 local time on 2026-01-12
 * (09:00 UTC) is day 1.
 */
class BaselineTest {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final StudyClock DOSED = StudyClock.of(Protocol.eskTrd(), ROME, Instant.parse("2026-01-12T09:00:00Z"));
    private static final StudyClock NOT_DOSED = StudyClock.of(Protocol.eskTrd(), ROME, null);

    private static Observation obs(StudyClock clock, String ref, String visit, String at, Integer value, long sequence) {
        Instant instant = Instant.parse(at);
        return new Observation(ref, visit, instant, clock.dateOf(instant), clock.studyDay(instant),
                value == null ? null : BigDecimal.valueOf(value), sequence);
    }

    @Test
    void aFormOnDay1AfterTheDoseIsNotTheBaselineTheT0BeforeItIs() {
        Observation t0 = obs(DOSED, "t0", "T0", "2026-01-12T07:00:00Z", 30, 1);         // 08:00 Rome, day 1
        Observation afternoon = obs(DOSED, "pm", "T0", "2026-01-12T13:00:00Z", 22, 2);  // 14:00 Rome, day 1, post-dose
        assertThat(afternoon.ady()).isEqualTo(1);
        assertThat(Baseline.choose(DOSED, List.of(t0, afternoon))).contains(t0);
        assertThat(Baseline.choose(DOSED, List.of(afternoon))).isEmpty();
    }

    @Test
    void theLastPreDoseValueWinsWhateverVisitItWasRecordedFor() {
        Observation t0 = obs(DOSED, "a", "T0", "2026-01-10T09:00:00Z", 30, 1);          // day -2
        Observation morning = obs(DOSED, "b", "W1", "2026-01-12T08:00:00Z", 28, 2);     // 09:00 Rome, before the dose
        assertThat(Baseline.choose(DOSED, List.of(t0, morning))).contains(morning);
    }

    @Test
    void theLastT0ValueWinsWhenT0WasRecordedTwice() {
        Observation first = obs(DOSED, "a", "T0", "2026-01-10T09:00:00Z", 30, 1);
        Observation second = obs(DOSED, "b", "T0", "2026-01-11T09:00:00Z", 31, 2);
        assertThat(Baseline.choose(DOSED, List.of(second, first))).contains(second);
    }

    @Test
    void valuesAtTheSameInstantGoByRecordingSequence() {
        Observation a = obs(DOSED, "a", "T0", "2026-01-11T09:00:00Z", 30, 4);
        Observation b = obs(DOSED, "b", "T0", "2026-01-11T09:00:00Z", 31, 3);
        assertThat(Baseline.choose(DOSED, List.of(a, b))).contains(a);
    }

    @Test
    void theDoseInstantItselfIsStillBaseline() {
        Observation atDose = obs(DOSED, "a", "T0", "2026-01-12T09:00:00Z", 30, 1);
        assertThat(Baseline.choose(DOSED, List.of(atDose))).contains(atDose);
    }

    @Test
    void withoutADoseTheBaselineIsTheT0FormNeverALaterVisit() {
        Observation t0 = obs(NOT_DOSED, "a", "T0", "2026-01-09T09:00:00Z", 30, 1);
        Observation w1 = obs(NOT_DOSED, "b", "W1", "2026-01-20T09:00:00Z", 25, 2);
        assertThat(Baseline.choose(NOT_DOSED, List.of(t0, w1))).contains(t0);
        assertThat(Baseline.choose(NOT_DOSED, List.of(w1))).isEmpty();
    }

    @Test
    void noBaselineWhenEveryValueIsAfterTheDoseOrMissing() {
        assertThat(Baseline.choose(DOSED, List.of(obs(DOSED, "a", "W1", "2026-01-19T09:00:00Z", 20, 1)))).isEmpty();
        assertThat(Baseline.choose(DOSED, List.of(obs(DOSED, "a", "T0", "2026-01-10T09:00:00Z", null, 1)))).isEmpty();
        assertThat(Baseline.choose(DOSED, List.of())).isEmpty();
    }
}
