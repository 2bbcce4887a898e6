package org.studyledger.kernel.instrument;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the scoring engine derived from one completed form: numeric scores by code
 * (e.g. {@code MADRS_TOTAL → 27}, {@code RFQ_U → 1.1667}) and categories by code
 * (e.g. {@code MADRS_SEVERITY → moderate}, {@code CSSRS_ANY_BEHAVIOUR → Y}).
 * Sorted maps so the encoding of an event never depends on insertion order.
 */
public record ScoreSet(SortedMap<String, BigDecimal> scores, SortedMap<String, String> categories) {
    public ScoreSet {
        scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores == null ? Map.of() : scores));
        categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories == null ? Map.of() : categories));
    }

    public static ScoreSet empty() {
        return new ScoreSet(new TreeMap<>(), new TreeMap<>());
    }

    public BigDecimal score(String code) {
        return scores.get(code);
    }

    public String category(String code) {
        return categories.get(code);
    }
}
