package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * One value of one parameter for a subject: what ADQS rows are derived from.
 *
 * @param ref            the assessment it comes from
 * @param visit          the visit the assessment was recorded for (VISIT)
 * @param administeredAt when the form was administered (ADTM)
 * @param adt            local date of administration (ADT)
 * @param ady            study day (ADY); null before any dose
 * @param value          the value (AVAL)
 * @param sequence       ledger sequence of the event that recorded the assessment (tie-breaker)
 */
public record Observation(String ref, String visit, Instant administeredAt, LocalDate adt, Integer ady, BigDecimal value,
                          long sequence) {

    /** Chronological: by administration time, then by the order the ledger recorded them. */
    public static final Comparator<Observation> CHRONOLOGICAL = Comparator.comparing(Observation::administeredAt)
            .thenComparingLong(Observation::sequence).thenComparing(Observation::ref);

    public Observation {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(administeredAt, "administeredAt");
        Objects.requireNonNull(adt, "adt");
    }
}
