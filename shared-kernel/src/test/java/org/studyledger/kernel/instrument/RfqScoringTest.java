package org.studyledger.kernel.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.studyledger.kernel.validation.Problem;

/**
 * RFQ-8 scores are means of recoded items with four decimals, HALF_UP. Expected values are
 * written as decimal strings so the scale (4) is asserted too: it is part of the hashed event.
 */
class RfqScoringTest {
    private static final InstrumentRef RFQ8 = new InstrumentRef("RFQ8", "1");
    private final ScoringEngine engine = ScoringEngine.standard();

    /** Certainty recode 1→3, 2→2, 3→1, 4..7→0: all six RFQ_C items at one answer give that recode. */
    @ParameterizedTest(name = "RFQ_C with items 1-6 = {0} is {1}")
    @CsvSource({"1, 3.0000", "2, 2.0000", "3, 1.0000", "4, 0.0000", "5, 0.0000", "6, 0.0000", "7, 0.0000"})
    void everyCertaintyRecode(int answer, String expected) {
        Map<String, Object> form = Forms.numbered("RFQ8", answer, answer, answer, answer, answer, answer, 4, 4);
        assertThat(score(form, "RFQ_C")).isEqualByComparingTo(new BigDecimal(expected));
    }

    /**
     * Uncertainty recode of items 2, 4, 5, 6, 8 (1..4→0, 5→1, 6→2, 7→3), isolated by holding
     * item 7 at 4 (→0): RFQ_U = 5 × recode / 6.
     */
    @ParameterizedTest(name = "RFQ_U with items 2,4,5,6,8 = {0} and item 7 = 4 is {1}")
    @CsvSource({
            "1, 0.0000", "2, 0.0000", "3, 0.0000", "4, 0.0000",
            "5, 0.8333",   // 5/6 = 0.83333…
            "6, 1.6667",   // 10/6 = 1.66666… rounds up
            "7, 2.5000"})  // 15/6
    void everyUncertaintyRecodeOfTheFiveItems(int answer, String expected) {
        Map<String, Object> form = Forms.numbered("RFQ8", 4, answer, 4, answer, answer, answer, 4, answer);
        assertThat(score(form, "RFQ_U")).isEqualByComparingTo(new BigDecimal(expected));
    }

    /**
     * Item 7 enters RFQ_U with the certainty-style recode (1→3, 2→2, 3→1, 4..7→0), isolated by
     * holding items 2, 4, 5, 6, 8 at 1 (→0): RFQ_U = recode / 6.
     */
    @ParameterizedTest(name = "RFQ_U with item 7 = {0} and the other five = 1 is {1}")
    @CsvSource({
            "1, 0.5000",   // 3/6
            "2, 0.3333",   // 2/6
            "3, 0.1667",   // 1/6 = 0.16666… rounds up
            "4, 0.0000", "5, 0.0000", "6, 0.0000", "7, 0.0000"})
    void everyRecodeOfItemSevenInUncertainty(int answer, String expected) {
        Map<String, Object> form = Forms.numbered("RFQ8", 4, 1, 4, 1, 1, 1, answer, 1);
        assertThat(score(form, "RFQ_U")).isEqualByComparingTo(new BigDecimal(expected));
    }

    @Test
    void fullHandComputedForm() {
        // Answers, items 1..8:      1  3  2  6  3  7  1  6
        // RFQ_C (items 1-6):        3 +1 +2 +0 +1 +0          = 7  → 7/6  = 1.16666… → 1.1667
        // RFQ_U (2,4,5,6,8):          0    +2 +0 +3     +2    = 7
        //       (item 7, 1→3):                        +3      = 10 → 10/6 = 1.66666… → 1.6667
        ScoredForm scored = engine.scoreOrThrow(RFQ8, Forms.numbered("RFQ8", 1, 3, 2, 6, 3, 7, 1, 6));
        assertThat(scored.scores().scores()).containsExactly(
                Map.entry("RFQ_C", new BigDecimal("1.1667")),
                Map.entry("RFQ_U", new BigDecimal("1.6667")));
        assertThat(scored.scores().categories()).isEmpty();
    }

    @Test
    void extremesAreZeroAndThree() {
        // All 1: certainty at its highest (3), uncertainty only from item 7 (3/6).
        assertThat(score(Forms.uniform("RFQ8", 8, 1), "RFQ_C")).isEqualByComparingTo(new BigDecimal("3.0000"));
        assertThat(score(Forms.uniform("RFQ8", 8, 1), "RFQ_U")).isEqualByComparingTo(new BigDecimal("0.5000"));
        // Items 2,4,5,6,8 = 7 and item 7 = 1: uncertainty at its highest (18/6).
        assertThat(score(Forms.numbered("RFQ8", 7, 7, 7, 7, 7, 7, 1, 7), "RFQ_U")).isEqualByComparingTo(new BigDecimal("3.0000"));
        assertThat(score(Forms.numbered("RFQ8", 7, 7, 7, 7, 7, 7, 1, 7), "RFQ_C")).isEqualByComparingTo(new BigDecimal("0.0000"));
    }

    @Test
    void meanRoundsHalfUpOnceFromTheExactQuotient() {
        // 1/32 = 0.03125: HALF_UP gives 0.0313 where HALF_EVEN would give 0.0312.
        assertThat(ScoringEngine.mean(1, 32, 4, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("0.0313"));
        assertThat(ScoringEngine.mean(2, 3, 4, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("0.6667"));
        assertThat(ScoringEngine.mean(6, 6, 4, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void answersOutsideOneToSevenAreRejected() {
        Map<String, Object> form = Forms.numbered("RFQ8", 0, 1, 1, 1, 1, 1, 8, 1);
        assertThat(engine.score(RFQ8, form).problems()).containsExactly(
                new Problem("items.RFQ8_01", "must be an integer from 1 to 7, got 0"),
                new Problem("items.RFQ8_07", "must be an integer from 1 to 7, got 8"));
    }

    private BigDecimal score(Map<String, Object> form, String code) {
        return engine.scoreOrThrow(RFQ8, form).scores().score(code);
    }
}
