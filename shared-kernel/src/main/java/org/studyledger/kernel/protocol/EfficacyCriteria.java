package org.studyledger.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How response and remission are judged on the primary score (for ESK-TRD: MADRS_TOTAL).
 * Arithmetic is exact (no division), so a 50 % reduction is a response however it is reached.
 */
public record EfficacyCriteria(
        @JsonProperty("score") String score,
        @JsonProperty("response_min_reduction_percent") BigDecimal responseMinReductionPercent,
        @JsonProperty("remission_max_score") BigDecimal remissionMaxScore) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * Response: the score fell from {@code baseline} by at least the protocol's percentage. A
     * baseline of 0 cannot fall, so it is never a response.
     */
    public boolean isResponse(BigDecimal baseline, BigDecimal value) {
        requireScore(baseline, "baseline");
        requireScore(value, "value");
        if (baseline.signum() == 0) {
            return false;
        }
        // (baseline - value) / baseline >= p / 100, multiplied out to stay exact.
        return baseline.subtract(value).multiply(HUNDRED)
                .compareTo(responseMinReductionPercent.multiply(baseline)) >= 0;
    }

    public boolean isResponse(int baseline, int value) {
        return isResponse(BigDecimal.valueOf(baseline), BigDecimal.valueOf(value));
    }

    /** Remission with the protocol's threshold: score at or below it. */
    public boolean isRemission(BigDecimal value) {
        return isRemission(value, remissionMaxScore);
    }

    public boolean isRemission(int value) {
        return isRemission(BigDecimal.valueOf(value));
    }

    /**
     * Remission with another threshold, for sensitivity analyses (e.g. TRANSFORM's MADRS ≤ 12);
     * the protocol's own threshold stays the one derived flags use.
     */
    public boolean isRemission(BigDecimal value, BigDecimal maxScore) {
        requireScore(value, "value");
        Objects.requireNonNull(maxScore, "maxScore");
        return value.compareTo(maxScore) <= 0;
    }

    public boolean isRemission(int value, int maxScore) {
        return isRemission(BigDecimal.valueOf(value), BigDecimal.valueOf(maxScore));
    }

    private static void requireScore(BigDecimal score, String name) {
        Objects.requireNonNull(score, name);
        if (score.signum() < 0) {
            throw new IllegalArgumentException(name + " cannot be negative: " + score.toPlainString());
        }
    }
}
