package org.studyledger.kernel.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A subject's study clock: where a clinical instant stands against the subject's <em>current</em> first dose. The one
 * rule for study day, pre-dose (baseline) and analysis visit and window status; every view (the hub's timeline,
 * subject summary and analysis dataset, the center's read model) asks it, never the study day and out-of-window flag
 * an assessment event recorded, which reflect the first dose known when the form was recorded: a dose entered late
 * may have been given before forms already recorded.
 *
 * <ul>
 *   <li><b>First dose</b>: the earliest administered dose by {@code administered_at}, whenever it was entered
 *   ({@link #withDose}); withheld sessions do not count.</li>
 *   <li><b>Study day</b>: {@link StudyDays#of} from the local dates (in {@code zone}) of the first dose and of the
 *   instant; none while the subject has had no dose.</li>
 *   <li><b>Pre-dose</b>: at or before the first dose's instant (ADaM: ADTM &lt;= TRTSDTM), or any time while the
 *   subject has had no dose. Esketamine acts within hours, so a form on day 1 after the dose is post-dose.</li>
 *   <li><b>Analysis visit</b>: a pre-dose instant belongs to the baseline visit ({@link Protocol#baselineVisit()},
 *   ESK-TRD: T0) when its window holds the study day (always, without a dose); a post-dose instant to the visit whose
 *   window holds its study day, never the baseline visit; otherwise to none (unscheduled).</li>
 *   <li><b>Window status</b>: a form recorded for a visit is in its window when its analysis visit is that visit.
 *   Without a dose only the baseline visit can be in window: every other window counts from day 1.</li>
 *   <li><b>Baseline candidate</b>: with a dose, every pre-dose value; without one, only the values recorded for the
 *   baseline visit (a W1 form of a subject never dosed is not a baseline).</li>
 * </ul>
 */
public final class StudyClock {
    /** The analysis visit's name for an instant no window holds (ADaM's AVISIT for unscheduled values). */
    public static final String UNSCHEDULED = "UNSCHEDULED";

    private final Protocol protocol;
    private final ZoneId zone;
    private final Instant firstDoseAt;
    /** The first dose's local date, taken once: every study day counts from it (a tenth of a rebuild's derivations). */
    private final LocalDate firstDoseDate;

    private StudyClock(Protocol protocol, ZoneId zone, Instant firstDoseAt) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.firstDoseAt = firstDoseAt;
        this.firstDoseDate = firstDoseAt == null ? null : firstDoseAt.atZone(zone).toLocalDate();
    }

    /** The clock of a subject first dosed at {@code firstDoseAt} (null: not dosed), local dates in {@code zone}. */
    public static StudyClock of(Protocol protocol, ZoneId zone, Instant firstDoseAt) {
        return new StudyClock(protocol, zone, firstDoseAt);
    }

    /** The first dose once a dose administered at {@code administeredAt} is known: the earlier of the two. */
    public static Instant firstDose(Instant known, Instant administeredAt) {
        Objects.requireNonNull(administeredAt, "administeredAt");
        return known == null || administeredAt.isBefore(known) ? administeredAt : known;
    }

    /** This clock after a dose administered at {@code administeredAt} became known (entered late or not). */
    public StudyClock withDose(Instant administeredAt) {
        return new StudyClock(protocol, zone, firstDose(firstDoseAt, administeredAt));
    }

    /** The first dose's instant (TRTSDTM); null while the subject has had no dose. */
    public Instant firstDoseAt() {
        return firstDoseAt;
    }

    /** The first dose's local date (TRTSDT); null while the subject has had no dose. */
    public LocalDate firstDoseDate() {
        return firstDoseDate;
    }

    public boolean dosed() {
        return firstDoseAt != null;
    }

    /** The local date of {@code at} in the clock's zone (ADT). */
    public LocalDate dateOf(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** The study day of {@code at}: day 1 is the first dose's date, no day 0; null while not dosed. */
    public Integer studyDay(Instant at) {
        return firstDoseAt == null ? null : StudyDays.of(firstDoseDate, dateOf(at));
    }

    /** At or before the first dose's instant, or at any time while the subject has had no dose. */
    public boolean preDose(Instant at) {
        return firstDoseAt == null || !at.isAfter(firstDoseAt);
    }

    /** After the first dose's instant: the values change from baseline, response and remission are judged on. */
    public boolean postDose(Instant at) {
        return !preDose(at);
    }

    /** The analysis visit of {@code at}; empty when no window holds it (unscheduled). */
    public Optional<Visit> analysisVisit(Instant at) {
        Visit baseline = protocol.baselineVisit();
        if (firstDoseAt == null) {
            return Optional.of(baseline);
        }
        int day = studyDay(at);
        if (preDose(at)) {
            return baseline.window().contains(day) ? Optional.of(baseline) : Optional.empty();
        }
        return protocol.nominalVisit(day).filter(v -> !v.code().equals(baseline.code()));
    }

    /** The code of the analysis visit of {@code at}, or {@link #UNSCHEDULED}. */
    public String analysisVisitCode(Instant at) {
        return analysisVisit(at).map(Visit::code).orElse(UNSCHEDULED);
    }

    /** A form recorded for {@code visit} at {@code at} is in its window: its analysis visit is that visit. */
    public boolean inWindow(String visit, Instant at) {
        return visit != null && analysisVisit(at).map(v -> v.code().equals(visit)).orElse(false);
    }

    /** A form recorded for a visit outside that visit's window; never a per-session form ({@code visit} null). */
    public boolean outOfWindow(String visit, Instant at) {
        return visit != null && !inWindow(visit, at);
    }

    /**
     * Where a form administered at {@code at} for {@code visit} (null for a per-session form) stands on this clock:
     * what an {@code AssessmentRecorded} records as its study day and window status when the form is recorded.
     */
    public Placement placementOf(String visit, Instant at) {
        return new Placement(studyDay(at), outOfWindow(visit, at));
    }

    /**
     * A form's place on the clock as recorded.
     *
     * @param studyDay    the study day; null while the subject has had no dose
     * @param outOfWindow recorded for a visit outside that visit's window
     */
    public record Placement(Integer studyDay, boolean outOfWindow) {
    }

    /** Whether a value recorded for {@code visit} at {@code at} may be the baseline (see the class comment). */
    public boolean baselineCandidate(String visit, Instant at) {
        return firstDoseAt == null ? protocol.baselineVisit().code().equals(visit) : preDose(at);
    }

    @Override
    public String toString() {
        return "StudyClock[" + protocol + ", " + zone + ", first dose " + (firstDoseAt == null ? "none" : firstDoseAt) + "]";
    }
}
