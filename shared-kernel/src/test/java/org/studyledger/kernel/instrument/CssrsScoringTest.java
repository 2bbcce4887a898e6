package org.studyledger.kernel.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.studyledger.kernel.validation.Problem;

class CssrsScoringTest {
    private static final InstrumentRef CSSRS = new InstrumentRef("CSSRS", "1");
    private static final String[] INTENSITY = {
            "CSSRS_FREQUENCY", "CSSRS_DURATION", "CSSRS_CONTROLLABILITY", "CSSRS_DETERRENTS", "CSSRS_REASONS"};
    private final ScoringEngine engine = ScoringEngine.standard();

    /** Ideation answers (items 1-5), no intensity, no behaviour. */
    private static Map<String, Object> form(int i1, int i2, int i3, int i4, int i5) {
        Map<String, Object> form = new LinkedHashMap<>(Forms.numbered("CSSRS", i1, i2, i3, i4, i5));
        form.put("CSSRS_ACTUAL", 0);
        form.put("CSSRS_INTERRUPTED", 0);
        form.put("CSSRS_ABORTED", 0);
        form.put("CSSRS_PREPARATORY", 0);
        return form;
    }

    private static Map<String, Object> withIntensity(Map<String, Object> form, int... values) {
        for (int i = 0; i < INTENSITY.length; i++) {
            form.put(INTENSITY[i], values[i]);
        }
        return form;
    }

    @Test
    void noIdeationMeansSeverityZeroAndNoIntensityScore() {
        ScoreSet scores = engine.scoreOrThrow(CSSRS, form(0, 0, 0, 0, 0)).scores();
        assertThat(scores.score("CSSRS_IDEATION_SEVERITY")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(scores.scores()).doesNotContainKey("CSSRS_INTENSITY");
        assertThat(scores.categories()).containsExactly(
                Map.entry("CSSRS_ABORTED_ATTEMPT", "N"),
                Map.entry("CSSRS_ACTUAL_ATTEMPT", "N"),
                Map.entry("CSSRS_ANY_BEHAVIOUR", "N"),
                Map.entry("CSSRS_INTERRUPTED_ATTEMPT", "N"),
                Map.entry("CSSRS_PREPARATORY_BEHAVIOUR", "N"));
    }

    @ParameterizedTest(name = "ideation {0}{1}{2}{3}{4} → severity {5}")
    @CsvSource({
            "1,0,0,0,0, 1",
            "0,1,0,0,0, 2",
            "1,1,1,0,0, 3",
            "0,1,0,1,0, 4",   // highest yes counts, not the number of yeses
            "0,0,0,0,1, 5",
            "1,1,1,1,1, 5"})
    void severityIsTheHighestTypeAnsweredYes(int i1, int i2, int i3, int i4, int i5, int severity) {
        ScoreSet scores = engine.scoreOrThrow(CSSRS, withIntensity(form(i1, i2, i3, i4, i5), 2, 3, 1, 0, 4)).scores();
        assertThat(scores.score("CSSRS_IDEATION_SEVERITY")).isEqualByComparingTo(BigDecimal.valueOf(severity));
        assertThat(scores.score("CSSRS_INTENSITY")).isEqualByComparingTo(BigDecimal.valueOf(10));
    }

    @Test
    void intensityRangesTwoToTwentyFive() {
        assertThat(engine.scoreOrThrow(CSSRS, withIntensity(form(1, 0, 0, 0, 0), 1, 1, 0, 0, 0))
                .scores().score("CSSRS_INTENSITY")).isEqualByComparingTo(BigDecimal.valueOf(2));
        assertThat(engine.scoreOrThrow(CSSRS, withIntensity(form(1, 0, 0, 0, 0), 5, 5, 5, 5, 5))
                .scores().score("CSSRS_INTENSITY")).isEqualByComparingTo(BigDecimal.valueOf(25));
    }

    @Test
    void intensityAnswersWithoutIdeationMustBeLeftOut() {
        Map<String, Object> form = withIntensity(form(0, 0, 0, 0, 0), 2, 2, 2, 2, 2);
        form.put("CSSRS_REASONS", 9); // the fix is still "leave it out", not "fix the range"

        assertThat(engine.score(CSSRS, form).problems()).containsExactly(
                leftOut("CSSRS_FREQUENCY"), leftOut("CSSRS_DURATION"), leftOut("CSSRS_CONTROLLABILITY"),
                leftOut("CSSRS_DETERRENTS"), leftOut("CSSRS_REASONS"));
    }

    @Test
    void oneIntensityAnswerWithoutIdeationIsOneProblem() {
        Map<String, Object> form = form(0, 0, 0, 0, 0);
        form.put("CSSRS_DURATION", 1);
        assertThat(engine.score(CSSRS, form).problems()).containsExactly(leftOut("CSSRS_DURATION"));
    }

    @Test
    void ideationWithoutIntensityAnswersIsOneProblemPerMissingItem() {
        Map<String, Object> form = form(0, 1, 0, 0, 0);
        form.put("CSSRS_FREQUENCY", 3);
        form.put("CSSRS_DETERRENTS", 6);

        assertThat(engine.score(CSSRS, form).problems()).containsExactly(
                new Problem("items.CSSRS_DURATION",
                        "is required because CSSRS_IDEATION_SEVERITY is 2 (an integer from 1 to 5)"),
                new Problem("items.CSSRS_CONTROLLABILITY",
                        "is required because CSSRS_IDEATION_SEVERITY is 2 (an integer from 0 to 5)"),
                new Problem("items.CSSRS_DETERRENTS", "must be an integer from 0 to 5, got 6"),
                new Problem("items.CSSRS_REASONS",
                        "is required because CSSRS_IDEATION_SEVERITY is 2 (an integer from 0 to 5)"));
    }

    @Test
    void whenIdeationItselfIsInvalidIntensityPresenceIsNotJudged() {
        Map<String, Object> form = form(0, 1, 0, 0, 0);
        form.put("CSSRS_02", "yes");
        form.put("CSSRS_FREQUENCY", 0);
        // Whether intensity is required depends on the ideation answers, which must be fixed first;
        // a present intensity answer is still checked for its range.
        assertThat(engine.score(CSSRS, form).problems()).containsExactly(
                new Problem("items.CSSRS_02", "must be an integer from 0 to 1, got the text \"yes\""),
                new Problem("items.CSSRS_FREQUENCY", "must be an integer from 1 to 5, got 0"));
    }

    @Test
    void normalisedResponsesHoldOnlyTheItemsThatApplied() {
        assertThat(engine.normalise(CSSRS, form(0, 0, 0, 0, 0))).doesNotContainKeys(INTENSITY).hasSize(9);
        assertThat(engine.normalise(CSSRS, withIntensity(form(1, 0, 0, 0, 0), 1, 1, 1, 1, 1)))
                .containsKeys(INTENSITY).hasSize(14);
    }

    @ParameterizedTest(name = "{0} yes → {1} = Y")
    @CsvSource({
            "CSSRS_ACTUAL, CSSRS_ACTUAL_ATTEMPT",
            "CSSRS_INTERRUPTED, CSSRS_INTERRUPTED_ATTEMPT",
            "CSSRS_ABORTED, CSSRS_ABORTED_ATTEMPT",
            "CSSRS_PREPARATORY, CSSRS_PREPARATORY_BEHAVIOUR"})
    void eachBehaviourRaisesItsOwnFlagAndAnyBehaviour(String item, String flag) {
        Map<String, Object> form = form(0, 0, 0, 0, 0);
        form.put(item, 1);
        ScoreSet scores = engine.scoreOrThrow(CSSRS, form).scores();
        assertThat(scores.category(flag)).isEqualTo("Y");
        assertThat(scores.category("CSSRS_ANY_BEHAVIOUR")).isEqualTo("Y");
        assertThat(scores.categories().values()).filteredOn("Y"::equals).hasSize(2);
    }

    @Test
    void behaviourItemsAreRequiredEvenWithoutIdeation() {
        Map<String, Object> form = form(0, 0, 0, 0, 0);
        form.remove("CSSRS_PREPARATORY");
        assertThat(engine.score(CSSRS, form).problems()).containsExactly(
                new Problem("items.CSSRS_PREPARATORY", "is required (an integer from 0 to 1)"));
    }

    private static Problem leftOut(String item) {
        return new Problem("items." + item, "must be left out: it is asked only when "
                + "CSSRS_IDEATION_SEVERITY > 0, and CSSRS_IDEATION_SEVERITY is 0");
    }
}
