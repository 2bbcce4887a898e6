package org.studyledger.kernel.instrument;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A form that passed validation: the instrument version it was scored with, the answers as whole
 * numbers keyed by item code (conditional items that did not apply are absent), and the scores.
 * This is what an assessment event records.
 */
public record ScoredForm(InstrumentRef instrument, SortedMap<String, Integer> responses, ScoreSet scores) {
    public ScoredForm {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(scores, "scores");
        responses = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(responses, "responses")));
    }
}
