package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {

    private static Observation obs(String ref, String visit, String at, Integer ady, Integer value, long sequence) {
        Instant instant = Instant.parse(at);
        return new Observation(ref, visit, instant, LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC), ady,
                value == null ? null : BigDecimal.valueOf(value), sequence);
    }

    @Test
    void theT0ValueIsTheBaselineEvenWhenAnotherValueIsLaterOnDay1() {
        Observation t0 = obs("a", "T0", "2026-01-10T09:00:00Z", -2, 30, 1);
        Observation sameDay = obs("b", "W1", "2026-01-12T08:00:00Z", 1, 28, 2);
        assertThat(Baseline.choose(List.of(t0, sameDay))).contains(t0);
    }

    @Test
    void theLastT0ValueWinsWhenT0WasRecordedTwice() {
        Observation first = obs("a", "T0", "2026-01-10T09:00:00Z", -2, 30, 1);
        Observation second = obs("b", "T0", "2026-01-11T09:00:00Z", -1, 31, 2);
        assertThat(Baseline.choose(List.of(second, first))).contains(second);
    }

    @Test
    void withoutT0TheLastValueOnOrBeforeDay1() {
        Observation early = obs("a", "W1", "2026-01-09T09:00:00Z", -3, 30, 1);
        Observation day1 = obs("b", "W1", "2026-01-12T08:00:00Z", 1, 29, 2);
        Observation day2 = obs("c", "W1", "2026-01-13T08:00:00Z", 2, 20, 3);
        assertThat(Baseline.choose(List.of(early, day1, day2))).contains(day1);
        assertThat(Baseline.choose(List.of(early, day2))).contains(early);
    }

    @Test
    void beforeAnyDoseEveryValueIsPreTreatment() {
        Observation a = obs("a", "W1", "2026-01-09T09:00:00Z", null, 30, 1);
        Observation b = obs("b", "M1", "2026-01-20T09:00:00Z", null, 25, 2);
        assertThat(Baseline.choose(List.of(a, b))).contains(b);
    }

    @Test
    void noBaselineWhenEveryValueIsAfterDay1OrMissing() {
        assertThat(Baseline.choose(List.of(obs("a", "W1", "2026-01-19T09:00:00Z", 8, 20, 1)))).isEmpty();
        assertThat(Baseline.choose(List.of(obs("a", "T0", "2026-01-10T09:00:00Z", -2, null, 1)))).isEmpty();
        assertThat(Baseline.choose(List.of())).isEmpty();
    }
}
