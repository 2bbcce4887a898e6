package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StudyDatesTest {
    private final StudyDates rome = new StudyDates(ZoneId.of("Europe/Rome"));
    private static final LocalDate FIRST_DOSE = LocalDate.of(2026, 1, 12);

    @Test
    void studyDaysSkipDayZeroAcrossTheFirstDoseDate() {
        assertThat(StudyDates.studyDay(FIRST_DOSE, LocalDate.of(2026, 1, 10))).isEqualTo(-2);
        assertThat(StudyDates.studyDay(FIRST_DOSE, LocalDate.of(2026, 1, 11))).isEqualTo(-1);
        assertThat(StudyDates.studyDay(FIRST_DOSE, LocalDate.of(2026, 1, 12))).isEqualTo(1);
        assertThat(StudyDates.studyDay(FIRST_DOSE, LocalDate.of(2026, 1, 13))).isEqualTo(2);
        assertThat(StudyDates.studyDay(FIRST_DOSE, LocalDate.of(2026, 1, 19))).isEqualTo(8);
    }

    @Test
    void datesAreLocalDatesInTheStudyZone() {
        // 23:30 UTC on the 11th is 00:30 on the 12th in Rome (UTC+1 in January).
        assertThat(rome.dateOf(Instant.parse("2026-01-11T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 1, 12));
        assertThat(rome.dateOf(Instant.parse("2026-01-11T22:59:59Z"))).isEqualTo(LocalDate.of(2026, 1, 11));
        // Summer time: UTC+2.
        assertThat(rome.dateOf(Instant.parse("2026-07-01T22:30:00Z"))).isEqualTo(LocalDate.of(2026, 7, 2));
    }

    @Test
    void theDay1BoundaryIsLocalMidnightAfterTheFirstDose() {
        Instant firstDose = Instant.parse("2026-01-12T09:00:00Z");
        assertThat(rome.studyDay(firstDose, Instant.parse("2026-01-11T22:59:00Z"))).isEqualTo(-1);
        assertThat(rome.studyDay(firstDose, Instant.parse("2026-01-11T23:01:00Z"))).isEqualTo(1);
        assertThat(rome.studyDay(firstDose, Instant.parse("2026-01-12T22:59:00Z"))).isEqualTo(1);
        assertThat(rome.studyDay(firstDose, Instant.parse("2026-01-12T23:01:00Z"))).isEqualTo(2);
        // A first dose given at 00:30 local time (23:30 UTC the day before) starts day 1 on the local date.
        Instant lateDose = Instant.parse("2026-01-11T23:30:00Z");
        assertThat(rome.studyDay(lateDose, Instant.parse("2026-01-11T22:00:00Z"))).isEqualTo(-1);
        assertThat(rome.studyDay(lateDose, Instant.parse("2026-01-12T10:00:00Z"))).isEqualTo(1);
    }

    @Test
    void noStudyDayBeforeAnyDose() {
        assertThat(StudyDates.studyDay(null, LocalDate.of(2026, 1, 12))).isNull();
        assertThat(rome.studyDay(null, Instant.parse("2026-01-12T10:00:00Z"))).isNull();
    }
}
