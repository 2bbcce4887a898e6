package org.studyledger.kernel.subject;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A subject's age, known from the birth year alone (data minimisation keeps no birth date). The age used by every
 * rule is the age <em>reached in the year</em> of the date in question: {@code year(date) − birth year}. It equals
 * the exact age from the birthday on and is one year more before it, so a limit such as "from 65 years" applies
 * from 1 January of the year in which the subject turns 65. That errs on the side of the older adult (the lower
 * starting dose), and it is the only reading a birth year supports without guessing a birthday.
 */
public final class Ages {
    private Ages() {
    }

    /** The age reached in the calendar year of {@code date} by a subject born in {@code birthYear}. */
    public static int reachedInYearOf(int birthYear, LocalDate date) {
        Objects.requireNonNull(date, "date");
        return date.getYear() - birthYear;
    }
}
