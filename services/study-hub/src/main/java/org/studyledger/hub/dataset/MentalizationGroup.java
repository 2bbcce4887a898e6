package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * ADSL.MENTGRP, the baseline mentalization group (pure): relative to the cohort median of baseline RFQ_u
 * (BRFQU) over the subjects that have one, a subject above the median is {@link #HIGH}, at or below it
 * {@link #LOW} (a tie with the median is LOW); without a baseline RFQ_u the group is null. The median of an
 * even count is the mean of the two middle values, exact. It depends on the whole cohort, so the projection
 * recomputes it for every subject whenever a baseline RFQ_u changes.
 */
public final class MentalizationGroup {
    public static final String HIGH = "HIGH RFQ_U";
    public static final String LOW = "LOW RFQ_U";

    private MentalizationGroup() {
    }

    /** The median of {@code values} (nulls ignored); null when there is none. */
    public static BigDecimal median(Collection<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().filter(Objects::nonNull).sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        BigDecimal sum = sorted.get(n / 2 - 1).add(sorted.get(n / 2));
        return sum.divide(BigDecimal.valueOf(2), Math.max(sum.scale(), 0) + 1, RoundingMode.UNNECESSARY).stripTrailingZeros();
    }

    public static String group(BigDecimal brfqu, BigDecimal median) {
        if (brfqu == null || median == null) {
            return null;
        }
        return brfqu.compareTo(median) > 0 ? HIGH : LOW;
    }

    /** The group of every subject, by subject id, from each subject's BRFQU (null when it has none). */
    public static Map<String, String> groups(Map<String, BigDecimal> baselineRfqu) {
        BigDecimal median = median(baselineRfqu.values());
        Map<String, String> groups = new TreeMap<>();
        baselineRfqu.forEach((subject, value) -> groups.put(subject, group(value, median)));
        return groups;
    }
}
