package org.studyledger.kernel.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.studyledger.kernel.validation.Problem;

/** RMET, AAQ-II, Psychache Scale and CADSS: sums of every item, checked at both ends of their range. */
class SummedInstrumentsTest {
    private final ScoringEngine engine = ScoringEngine.standard();

    @ParameterizedTest(name = "{0}: {2} items all {3} → {4} = {5}")
    @CsvSource({
            "RMET, RMET, 36, 0, RMET_TOTAL, 0",
            "RMET, RMET, 36, 1, RMET_TOTAL, 36",
            "AAQ2, AAQ2, 7, 1, AAQ2_TOTAL, 7",
            "AAQ2, AAQ2, 7, 7, AAQ2_TOTAL, 49",
            "PSYCHACHE, PSYCHACHE, 13, 1, PSYCHACHE_TOTAL, 13",
            "PSYCHACHE, PSYCHACHE, 13, 5, PSYCHACHE_TOTAL, 65",
            "CADSS, CADSS, 23, 0, CADSS_TOTAL, 0",
            "CADSS, CADSS, 23, 4, CADSS_TOTAL, 92"})
    void rangeEnds(String code, String prefix, int items, int answer, String score, int expected) {
        ScoreSet scores = engine.scoreOrThrow(new InstrumentRef(code, "1"), Forms.uniform(prefix, items, answer)).scores();
        assertThat(scores.score(score)).isEqualByComparingTo(BigDecimal.valueOf(expected));
    }

    @ParameterizedTest(name = "{0} has {1} items from {2} to {3}")
    @CsvSource({"RMET, 36, 0, 1", "AAQ2, 7, 1, 7", "PSYCHACHE, 13, 1, 5", "CADSS, 23, 0, 4"})
    void itemCountsAndRanges(String code, int count, int min, int max) {
        Instrument instrument = engine.catalogue().find(new InstrumentRef(code, "1")).orElseThrow();
        assertThat(instrument.items()).hasSize(count).allSatisfy(item -> {
            assertThat(item.min()).isEqualTo(min);
            assertThat(item.max()).isEqualTo(max);
            assertThat(item.integer()).isTrue();
            assertThat(item.appliesWhen()).isNull();
        });
        assertThat(instrument.items().get(count - 1).code()).isEqualTo(String.format("%s_%02d", code, count));
    }

    @Test
    void rmetCountsCorrectAnswers() {
        // 1 on photographs 1, 2 and 36 only.
        Map<String, Object> form = Forms.uniform("RMET", 36, 0);
        form.put("RMET_01", 1);
        form.put("RMET_02", 1);
        form.put("RMET_36", 1);
        assertThat(engine.scoreOrThrow(new InstrumentRef("RMET", "1"), form).scores().score("RMET_TOTAL"))
                .isEqualTo(BigDecimal.valueOf(3));
    }

    @Test
    void rmetTakesTheScoredAnswerNotTheChosenOption() {
        Map<String, Object> form = Forms.uniform("RMET", 36, 1);
        form.put("RMET_05", 3); // a chosen option (1-4) must be scored against the key before entry
        assertThat(engine.score(new InstrumentRef("RMET", "1"), form).problems())
                .containsExactly(new Problem("items.RMET_05", "must be an integer from 0 to 1, got 3"));
    }

    @ParameterizedTest(name = "CADSS total {0} → above 4 = {1}")
    @CsvSource({"0, N", "4, N", "5, Y", "92, Y"})
    void cadssThresholdIsStrictlyAboveFour(int total, String flag) {
        int[] values = new int[23];
        int left = total;
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.min(4, left);
            left -= values[i];
        }
        ScoreSet scores = engine.scoreOrThrow(new InstrumentRef("CADSS", "1"), Forms.numbered("CADSS", values)).scores();
        assertThat(scores.score("CADSS_TOTAL")).isEqualByComparingTo(BigDecimal.valueOf(total));
        assertThat(scores.category("CADSS_ABOVE_4")).isEqualTo(flag);
    }

    @Test
    void outOfRangeAtEitherEndIsRejected() {
        Map<String, Object> aaq = Forms.uniform("AAQ2", 7, 4);
        aaq.put("AAQ2_01", 0);
        aaq.put("AAQ2_07", 8);
        assertThat(engine.score(new InstrumentRef("AAQ2", "1"), aaq).problems()).containsExactly(
                new Problem("items.AAQ2_01", "must be an integer from 1 to 7, got 0"),
                new Problem("items.AAQ2_07", "must be an integer from 1 to 7, got 8"));

        Map<String, Object> psychache = Forms.uniform("PSYCHACHE", 13, 3);
        psychache.put("PSYCHACHE_13", 6);
        assertThat(engine.score(new InstrumentRef("PSYCHACHE", "1"), psychache).problems()).containsExactly(
                new Problem("items.PSYCHACHE_13", "must be an integer from 1 to 5, got 6"));

        Map<String, Object> cadss = Forms.uniform("CADSS", 23, 0);
        cadss.put("CADSS_12", 5);
        assertThat(engine.score(new InstrumentRef("CADSS", "1"), cadss).problems()).containsExactly(
                new Problem("items.CADSS_12", "must be an integer from 0 to 4, got 5"));
    }
}
