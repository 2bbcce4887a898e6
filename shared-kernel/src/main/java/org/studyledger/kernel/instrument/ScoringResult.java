package org.studyledger.kernel.instrument;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/** Either a scored form or every problem found in it; never both, never a partial score. */
public final class ScoringResult {
    private final InstrumentRef instrument;
    private final ScoredForm form;
    private final List<Problem> problems;

    private ScoringResult(InstrumentRef instrument, ScoredForm form, List<Problem> problems) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.form = form;
        this.problems = List.copyOf(problems);
    }

    static ScoringResult valid(ScoredForm form) {
        return new ScoringResult(form.instrument(), form, List.of());
    }

    static ScoringResult invalid(InstrumentRef instrument, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one problem");
        }
        return new ScoringResult(instrument, null, problems);
    }

    public InstrumentRef instrument() {
        return instrument;
    }

    public boolean isValid() {
        return form != null;
    }

    /** Every problem, in the order of the instrument's items, then unknown items alphabetically. */
    public List<Problem> problems() {
        return problems;
    }

    public Optional<ScoredForm> form() {
        return Optional.ofNullable(form);
    }

    public Optional<ScoreSet> scores() {
        return form().map(ScoredForm::scores);
    }

    /** The scored form, or a {@link ValidationException} carrying all problems. */
    public ScoredForm orThrow() {
        if (form == null) {
            throw new ValidationException(problems);
        }
        return form;
    }

    @Override
    public String toString() {
        return isValid() ? instrument + " " + form.scores() : instrument + " invalid " + problems;
    }
}
