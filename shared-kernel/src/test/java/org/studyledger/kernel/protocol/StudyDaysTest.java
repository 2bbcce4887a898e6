package org.studyledger.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudyDaysTest {
    private static final LocalDate FIRST_DOSE = LocalDate.of(2025, 3, 10);

    @ParameterizedTest(name = "{0} → day {1}")
    @CsvSource({
            "2025-03-08, -2",
            "2025-03-09, -1",   // the day before the first dose: no day 0
            "2025-03-10, 1",    // the first dose
            "2025-03-11, 2",
            "2025-03-17, 8",
            "2025-04-07, 29",
            "2025-09-08, 183",
            "2024-12-31, -69"})  // across a year boundary
    void adamStudyDay(LocalDate date, int day) {
        assertThat(Protocol.studyDay(FIRST_DOSE, date)).isEqualTo(day);
        assertThat(StudyDays.of(FIRST_DOSE, date)).isEqualTo(day);
        assertThat(StudyDays.date(FIRST_DOSE, day)).isEqualTo(date);
    }

    @Test
    void movingAcrossTheFirstDoseSkipsDayZero() {
        assertThat(StudyDays.plus(-1, 1)).isEqualTo(1);
        assertThat(StudyDays.plus(1, -1)).isEqualTo(-1);
        assertThat(StudyDays.plus(-3, 5)).isEqualTo(3);
        assertThat(StudyDays.plus(8, -3)).isEqualTo(5);
        assertThat(StudyDays.plus(8, 3)).isEqualTo(11);
        assertThat(StudyDays.plus(2, -5)).isEqualTo(-4);
    }

    @Test
    void dayZeroDoesNotExist() {
        assertThatThrownBy(() -> StudyDays.plus(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no study day 0");
        assertThatThrownBy(() -> StudyDays.date(FIRST_DOSE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
