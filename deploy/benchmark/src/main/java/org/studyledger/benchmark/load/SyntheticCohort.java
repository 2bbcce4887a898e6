package org.studyledger.benchmark.load;

import java.util.List;
import org.studyledger.cohort.model.CohortGenerator;
import org.studyledger.cohort.plan.CohortPlan;

/**
 * The benchmark's cohort, as one {@link CohortGenerator} plan per center. The generator holds a whole plan in memory
 * (about 80 MB per 1000 subjects) and allows at most 999 subjects per center, so a cohort of 100 000 is generated center
 * by center: center {@code i} (code {@code CohortGenerator.centerCodes(centers).get(i)}) is a complete plan of its own
 * with seed {@code seed + i}. Each plan scales the generator's special cases (withdrawals, corrections, retractions,
 * withheld doses …) with its size, so the whole cohort has them at the same rate as one large plan would.
 *
 * @param seed              the cohort's seed: the same seed and sizes give the same cohort
 * @param subjects          subjects in total
 * @param subjectsPerCenter subjects per center (the last centers may have one fewer)
 */
public record SyntheticCohort(long seed, int subjects, int subjectsPerCenter) {

    public SyntheticCohort {
        if (subjects < 1) {
            throw new IllegalArgumentException("at least one subject is needed, got " + subjects);
        }
        if (subjectsPerCenter < 1 || subjectsPerCenter > 999) {
            throw new IllegalArgumentException("subjects per center must be 1..999 (subject ids are <CENTER>-NNN), got "
                    + subjectsPerCenter);
        }
    }

    public int centers() {
        return (subjects + subjectsPerCenter - 1) / subjectsPerCenter;
    }

    public List<String> centerCodes() {
        return CohortGenerator.centerCodes(centers());
    }

    /** The subjects of center {@code index}: spread evenly, the first centers take the remainder. */
    public int subjectsOf(int index) {
        int centers = centers();
        return subjects / centers + (index < subjects % centers ? 1 : 0);
    }

    public long seedOf(int index) {
        return seed + index;
    }

    /** Center {@code index}'s plan; a new one on every call (plans are large: hold one only while it is needed). */
    public CohortPlan plan(int index) {
        return CohortGenerator.generate(seedOf(index), List.of(centerCodes().get(index)), subjectsOf(index));
    }
}
