package org.studyledger.kernel.protocol;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Study days in the ADaM convention: day 1 is the date of the first dose, the day before is −1,
 * and there is no day 0. Every derived day (visit windows, analysis datasets) goes through here so
 * the missing zero is handled in one place.
 */
public final class StudyDays {
    private StudyDays() {
    }

    /** The study day of {@code date} for a subject first dosed on {@code firstDose}. */
    public static int of(LocalDate firstDose, LocalDate date) {
        Objects.requireNonNull(firstDose, "firstDose");
        Objects.requireNonNull(date, "date");
        long days = ChronoUnit.DAYS.between(firstDose, date);
        return Math.toIntExact(days >= 0 ? days + 1 : days);
    }

    /** The calendar date of a study day; the inverse of {@link #of}. */
    public static LocalDate date(LocalDate firstDose, int studyDay) {
        Objects.requireNonNull(firstDose, "firstDose");
        requireValid(studyDay);
        return firstDose.plusDays(studyDay > 0 ? studyDay - 1L : studyDay);
    }

    /** {@code studyDay} moved by {@code days} calendar days, stepping over the missing day 0. */
    public static int plus(int studyDay, int days) {
        requireValid(studyDay);
        int offset = studyDay > 0 ? studyDay - 1 : studyDay;
        int moved = Math.addExact(offset, days);
        return moved >= 0 ? moved + 1 : moved;
    }

    /** Rejects day 0, which the convention does not have: a 0 is a computing error upstream. */
    public static int requireValid(int studyDay) {
        if (studyDay == 0) {
            throw new IllegalArgumentException("there is no study day 0: day 1 is the first dose, the day before is -1");
        }
        return studyDay;
    }
}
