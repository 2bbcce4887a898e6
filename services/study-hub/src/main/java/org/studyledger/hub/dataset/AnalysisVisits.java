package org.studyledger.hub.dataset;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;

/**
 * Analysis visits by protocol window (pure). AVISIT is the subject's study clock's analysis visit
 * ({@link StudyClock#analysisVisit}): a value taken at or before the first dose (or while there is none) belongs to
 * the baseline visit T0, a value taken after it to the visit whose window contains ADY (never T0: a form on day 1
 * after the dose is post-baseline); {@link #UNSCHEDULED} outside every window. AWTARGET is the visit's target day,
 * AWTDIFF = |ADY − AWTARGET|.
 */
public final class AnalysisVisits {
    public static final String UNSCHEDULED = StudyClock.UNSCHEDULED;

    private final Protocol protocol;

    public AnalysisVisits(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** The analysis visit of a study day: code and target day (target null for UNSCHEDULED). */
    public record Window(String avisit, Integer target) {
        public boolean scheduled() {
            return target != null;
        }

        /** AWTDIFF: |ADY − target|; null when unscheduled or ADY is null. */
        public Integer distance(Integer ady) {
            return target == null || ady == null ? null : Math.abs(ady - target);
        }
    }

    /** The analysis visit of a value taken at {@code at}, by the subject's study clock. */
    public Window of(StudyClock clock, Instant at) {
        return clock.analysisVisit(at).map(v -> new Window(v.code(), v.targetDay())).orElse(new Window(UNSCHEDULED, null));
    }

    /** Whether {@code avisit} is the protocol's baseline visit (T0). */
    public boolean isBaselineVisit(String avisit) {
        return protocol.baselineVisit().code().equals(avisit);
    }

    /**
     * Which of several values of one subject, parameter and analysis visit is the analysis record
     * (ANL01FL = Y): the one closest to the target day; ties go to the earlier ADT, then the lower QSSEQ
     * (recording sequence), then the assessment id. The baseline visit's analysis record is the baseline record
     * instead (see {@link AnalysisDerivation}).
     */
    public static Optional<Candidate> closest(List<Candidate> candidates) {
        return candidates.stream().min(CLOSEST);
    }

    /** One value competing for ANL01FL within a subject × PARAMCD × AVISIT. */
    public record Candidate(String ref, java.time.LocalDate adt, Integer awtdiff, long sequence) {
    }

    static final Comparator<Candidate> CLOSEST = Comparator
            .comparing(Candidate::awtdiff, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Candidate::adt).thenComparingLong(Candidate::sequence).thenComparing(Candidate::ref);
}
