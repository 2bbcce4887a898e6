package org.studyledger.kernel.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgesTest {
    @ParameterizedTest(name = "born {0}, on {1}: {2}")
    @CsvSource({"1961, 2026-01-01, 65", "1961, 2026-12-31, 65", "1961, 2025-12-31, 64", "2008, 2026-06-15, 18"})
    void theAgeReachedInTheYearOfTheDate(int birthYear, LocalDate date, int age) {
        assertThat(Ages.reachedInYearOf(birthYear, date)).isEqualTo(age);
    }
}
