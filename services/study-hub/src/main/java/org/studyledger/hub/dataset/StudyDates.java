package org.studyledger.hub.dataset;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.studyledger.kernel.protocol.StudyDays;

/**
 * Clinical dates of the analysis dataset: the local date, in the study's time zone, of an instant
 * (ADT), and the study day of a date (ADY: day 1 = the date of the first dose, the day before is −1,
 * no day 0; absent while the subject has had no dose).
 */
public final class StudyDates {
    private final ZoneId zone;

    public StudyDates(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    /** The local date of {@code at} in the study's zone; null for null. */
    public LocalDate dateOf(Instant at) {
        return at == null ? null : at.atZone(zone).toLocalDate();
    }

    /** ADY of {@code date}; null when there is no first dose (or no date). */
    public static Integer studyDay(LocalDate firstDoseDate, LocalDate date) {
        if (firstDoseDate == null || date == null) {
            return null;
        }
        return StudyDays.of(firstDoseDate, date);
    }

    /** ADY of the instant {@code at} for a subject first dosed at {@code firstDoseAt}. */
    public Integer studyDay(Instant firstDoseAt, Instant at) {
        return studyDay(dateOf(firstDoseAt), dateOf(at));
    }
}
