package org.studyledger.hub.dataset;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.Visit;

/**
 * Analysis visits by protocol window (pure). AVISIT is the protocol visit whose window contains ADY
 * ({@link Protocol#nominalVisit(int)}); a value taken while the subject has had no dose (ADY null) is
 * pre-dose and belongs to the baseline visit T0; a day outside every window is {@link #UNSCHEDULED}.
 * AWTARGET is the visit's target day, AWTDIFF = |ADY − AWTARGET|.
 */
public final class AnalysisVisits {
    public static final String UNSCHEDULED = "UNSCHEDULED";

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

    public Window of(Integer ady) {
        Optional<Visit> visit = ady == null ? protocol.visit(Baseline.VISIT) : protocol.nominalVisit(ady);
        return visit.map(v -> new Window(v.code(), v.targetDay())).orElse(new Window(UNSCHEDULED, null));
    }

    /**
     * Which of several values of one subject, parameter and analysis visit is the analysis record
     * (ANL01FL = Y): the one closest to the target day; ties go to the earlier ADT, then the lower QSSEQ
     * (recording sequence), then the assessment id. Values without ADY (no dose yet) count as distance 0
     * only when they are all there is; the baseline visit's analysis record is the baseline record
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
