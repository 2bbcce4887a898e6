package org.studyledger.cohort.model;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.studyledger.kernel.study.CenterId;

/**
 * What to generate.
 *
 * @param seed          the seed: the same options always give the byte-identical plan
 * @param centers       center codes (2–8 upper-case letters), e.g. {@code PAV, MIL, ROM}
 * @param subjects      subjects in total, spread evenly over the centers (at most 999 per center)
 * @param enrolmentFrom first possible enrolment date
 * @param enrolmentTo   last possible enrolment date
 * @param latestDate    nothing in the plan happens on or after this date (the centers refuse data from the future)
 * @param zone          the centers' time zone: clinical times are written with its offset
 */
public record CohortOptions(
        long seed,
        List<String> centers,
        int subjects,
        LocalDate enrolmentFrom,
        LocalDate enrolmentTo,
        LocalDate latestDate,
        ZoneId zone) {

    public static final long DEFAULT_SEED = 42;
    public static final List<String> DEFAULT_CENTERS = List.of("PAV", "MIL", "ROM");
    public static final int DEFAULT_SUBJECTS = 36;
    public static final LocalDate DEFAULT_ENROLMENT_FROM = LocalDate.of(2025, 9, 1);
    public static final LocalDate DEFAULT_ENROLMENT_TO = LocalDate.of(2026, 3, 20);
    /** "Today" when the default cohort was specified; every default plan lies before it. */
    public static final LocalDate DEFAULT_LATEST_DATE = LocalDate.of(2026, 11, 26);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Rome");

    public CohortOptions {
        centers = List.copyOf(Objects.requireNonNull(centers, "centers"));
        Objects.requireNonNull(enrolmentFrom, "enrolmentFrom");
        Objects.requireNonNull(enrolmentTo, "enrolmentTo");
        Objects.requireNonNull(latestDate, "latestDate");
        Objects.requireNonNull(zone, "zone");
        if (centers.isEmpty()) {
            throw new IllegalArgumentException("at least one center is needed");
        }
        if (centers.stream().distinct().count() != centers.size()) {
            throw new IllegalArgumentException("center codes must be distinct: " + centers);
        }
        centers.forEach(CenterId::of);
        if (subjects < 1) {
            throw new IllegalArgumentException("at least one subject is needed, got " + subjects);
        }
        if ((subjects + centers.size() - 1) / centers.size() > 999) {
            throw new IllegalArgumentException("at most 999 subjects per center (subject ids are <CENTER>-NNN): "
                    + subjects + " over " + centers.size() + " centers");
        }
        if (enrolmentTo.isBefore(enrolmentFrom)) {
            throw new IllegalArgumentException("enrolment period ends before it starts: " + enrolmentFrom + " .. " + enrolmentTo);
        }
    }

    /** The default cohort: seed 42, 36 subjects over PAV, MIL and ROM, enrolled 2025-09-01 .. 2026-03-20. */
    public static CohortOptions defaults() {
        return new CohortOptions(DEFAULT_SEED, DEFAULT_CENTERS, DEFAULT_SUBJECTS, DEFAULT_ENROLMENT_FROM,
                DEFAULT_ENROLMENT_TO, DEFAULT_LATEST_DATE, DEFAULT_ZONE);
    }

    public CohortOptions withSeed(long value) {
        return new CohortOptions(value, centers, subjects, enrolmentFrom, enrolmentTo, latestDate, zone);
    }

    public CohortOptions withCenters(List<String> value) {
        return new CohortOptions(seed, value, subjects, enrolmentFrom, enrolmentTo, latestDate, zone);
    }

    /** {@code count} centers named by {@link CohortGenerator#centerCodes(int)}. */
    public CohortOptions withCenterCount(int count) {
        return withCenters(CohortGenerator.centerCodes(count));
    }

    public CohortOptions withSubjects(int value) {
        return new CohortOptions(seed, centers, value, enrolmentFrom, enrolmentTo, latestDate, zone);
    }

    public CohortOptions withEnrolment(LocalDate from, LocalDate to) {
        return new CohortOptions(seed, centers, subjects, from, to, latestDate, zone);
    }

    public CohortOptions withLatestDate(LocalDate value) {
        return new CohortOptions(seed, centers, subjects, enrolmentFrom, enrolmentTo, value, zone);
    }

    public CohortOptions withZone(ZoneId value) {
        return new CohortOptions(seed, centers, subjects, enrolmentFrom, enrolmentTo, latestDate, value);
    }
}
