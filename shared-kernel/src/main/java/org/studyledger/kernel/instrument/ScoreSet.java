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
        TreeMap<String, BigDecimal> normalised = new TreeMap<>();
        // 1.5000 and 1.5 are the same score; without this, equality would depend on where a value came from.
        (scores == null ? Map.<String, BigDecimal>of() : scores)
                .forEach((code, value) -> normalised.put(code, normalise(value)));
        scores = Collections.unmodifiableSortedMap(normalised);
        categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories == null ? Map.of() : categories));
    }

    /** Trailing fraction zeros dropped, never an exponent: 1.5000 → 1.5, 60 → 60 (not 6E+1). */
    private static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
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
