package org.studyledger.kernel.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

class MadrsScoringTest {
    private static final InstrumentRef MADRS = new InstrumentRef("MADRS", "1");
    private final ScoringEngine engine = ScoringEngine.standard();

    @Test
    void itemsAreTheTenReferenceItemsScoredZeroToSix() {
        Instrument madrs = engine.catalogue().find(MADRS).orElseThrow();
        assertThat(madrs.items()).extracting(Item::code).containsExactly(
                "MADRS_01", "MADRS_02", "MADRS_03", "MADRS_04", "MADRS_05",
                "MADRS_06", "MADRS_07", "MADRS_08", "MADRS_09", "MADRS_10");
        assertThat(madrs.items()).extracting(Item::label).containsExactly(
                "Apparent sadness", "Reported sadness", "Inner tension", "Reduced sleep", "Reduced appetite",
                "Concentration difficulties", "Lassitude", "Inability to feel", "Pessimistic thoughts",
                "Suicidal thoughts");
        assertThat(madrs.items()).allSatisfy(item -> {
            assertThat(item.min()).isZero();
            assertThat(item.max()).isEqualTo(6);
        });
    }

    @Test
    void allZeroIsTotalZeroAndNormal() {
        ScoreSet scores = engine.scoreOrThrow(MADRS, Forms.uniform("MADRS", 10, 0)).scores();
        assertThat(scores.score("MADRS_TOTAL")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(scores.category("MADRS_SEVERITY")).isEqualTo("normal/absent");
    }

    @Test
    void allSixIsTotalSixtyAndSevere() {
        ScoreSet scores = engine.scoreOrThrow(MADRS, Forms.uniform("MADRS", 10, 6)).scores();
        assertThat(scores.score("MADRS_TOTAL")).isEqualByComparingTo(BigDecimal.valueOf(60));
        assertThat(scores.category("MADRS_SEVERITY")).isEqualTo("severe");
    }

    @Test
    void totalIsTheSumOfMixedAnswers() {
        // 3+1+4+1+5+0+2+6+5+3 = 30
        ScoreSet scores = engine.scoreOrThrow(MADRS, Forms.numbered("MADRS", 3, 1, 4, 1, 5, 0, 2, 6, 5, 3)).scores();
        assertThat(scores.score("MADRS_TOTAL")).isEqualByComparingTo(BigDecimal.valueOf(30));
        assertThat(scores.category("MADRS_SEVERITY")).isEqualTo("moderate");
        assertThat(scores.scores()).containsOnlyKeys("MADRS_TOTAL");
        assertThat(scores.categories()).containsOnlyKeys("MADRS_SEVERITY");
    }

    @ParameterizedTest(name = "total {0} is {1}")
    @CsvSource({
            "6, normal/absent", "7, mild",
            "19, mild", "20, moderate",
            "34, moderate", "35, severe"})
    void severityCutOffs(int total, String severity) {
        ScoreSet scores = engine.scoreOrThrow(MADRS, Forms.madrsWithTotal(total)).scores();
        assertThat(scores.score("MADRS_TOTAL")).isEqualByComparingTo(BigDecimal.valueOf(total));
        assertThat(scores.category("MADRS_SEVERITY")).isEqualTo(severity);
    }

    @Test
    void invalidFormReportsEveryProblemAtOnce() {
        Map<String, Object> form = Forms.uniform("MADRS", 10, 2);
        form.put("MADRS_03", 7);
        form.remove("MADRS_05");
        form.put("MADRS_08", "three");
        form.put("MADRS_11", 1);

        ScoringResult result = engine.score(MADRS, form);

        assertThat(result.isValid()).isFalse();
        assertThat(result.form()).isEmpty();
        assertThat(result.scores()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new Problem("items.MADRS_03", "must be an integer from 0 to 6, got 7"),
                new Problem("items.MADRS_05", "is required (an integer from 0 to 6)"),
                new Problem("items.MADRS_08", "must be an integer from 0 to 6, got the text \"three\""),
                new Problem("items.MADRS_11", "is not an item of MADRS/1"));
    }

    @Test
    void scoreOrThrowCarriesAllProblems() {
        Map<String, Object> form = Forms.uniform("MADRS", 10, 2);
        form.put("MADRS_01", -1);
        form.put("MADRS_10", 6.5);
        assertThatThrownBy(() -> engine.scoreOrThrow(MADRS, form))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactly("items.MADRS_01", "items.MADRS_10"));
        assertThatThrownBy(() -> engine.normalise(MADRS, form)).isInstanceOf(ValidationException.class);
    }

    @Test
    void emptyFormListsEveryItemAsRequired() {
        ScoringResult result = engine.score(MADRS, Map.of());
        assertThat(result.problems()).hasSize(10).allSatisfy(p -> assertThat(p.message()).startsWith("is required"));
    }

    @Test
    void rejectsEveryWrongTypeWithAMessageARaterUnderstands() {
        Map<String, Object> form = new LinkedHashMap<>(Forms.uniform("MADRS", 10, 1));
        form.put("MADRS_01", 2.5);
        form.put("MADRS_02", "3");
        form.put("MADRS_03", true);
        form.put("MADRS_04", null);
        form.put("MADRS_05", new BigDecimal("1.01"));
        form.put("MADRS_06", List.of(1));
        form.put("MADRS_07", Double.NaN);
        form.put("MADRS_08", BigInteger.TEN.pow(20));

        assertThat(engine.score(MADRS, form).problems()).containsExactly(
                new Problem("items.MADRS_01", "must be an integer from 0 to 6, got 2.5"),
                new Problem("items.MADRS_02", "must be an integer from 0 to 6, got the text \"3\""),
                new Problem("items.MADRS_03", "must be an integer from 0 to 6, got true (a true/false value)"),
                new Problem("items.MADRS_04", "must be an integer from 0 to 6, got an empty value (null)"),
                new Problem("items.MADRS_05", "must be an integer from 0 to 6, got 1.01"),
                new Problem("items.MADRS_06", "must be an integer from 0 to 6, got a list of values"),
                new Problem("items.MADRS_07", "must be an integer from 0 to 6, got NaN"),
                new Problem("items.MADRS_08", "must be an integer from 0 to 6, got 100000000000000000000"));
    }

    @Test
    void aNullKeyIsAnUnknownItemNotACrash() {
        Map<String, Object> form = new java.util.HashMap<>(Forms.uniform("MADRS", 10, 1));
        form.put(null, 1);
        assertThat(engine.score(MADRS, form).problems())
                .containsExactly(new Problem("items.null", "is not an item of MADRS/1"));
    }

    @Test
    void absurdNumbersAreReportedCompactly() {
        Map<String, Object> form = Forms.uniform("MADRS", 10, 1);
        form.put("MADRS_01", new BigDecimal("1E+999999999"));
        form.put("MADRS_02", new BigDecimal("1E-999999999"));
        assertThat(engine.score(MADRS, form).problems()).containsExactly(
                new Problem("items.MADRS_01", "must be an integer from 0 to 6, got 1E+999999999"),
                new Problem("items.MADRS_02", "must be an integer from 0 to 6, got 1E-999999999"));
    }

    @Test
    void acceptsEveryWholeNumberRepresentationJsonCanProduce() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("MADRS_01", 1);
        form.put("MADRS_02", 2L);
        form.put("MADRS_03", BigInteger.valueOf(3));
        form.put("MADRS_04", new BigDecimal("4"));
        form.put("MADRS_05", new BigDecimal("5.00"));
        form.put("MADRS_06", 6.0d);
        form.put("MADRS_07", 0.0f);
        form.put("MADRS_08", (short) 1);
        form.put("MADRS_09", (byte) 2);
        form.put("MADRS_10", new BigDecimal("3E0"));

        ScoredForm scored = engine.scoreOrThrow(MADRS, form);

        assertThat(scored.scores().score("MADRS_TOTAL")).isEqualByComparingTo(BigDecimal.valueOf(27));
        SortedMap<String, Integer> normalised = engine.normalise(MADRS, form);
        assertThat(normalised).containsExactly(
                Map.entry("MADRS_01", 1), Map.entry("MADRS_02", 2), Map.entry("MADRS_03", 3),
                Map.entry("MADRS_04", 4), Map.entry("MADRS_05", 5), Map.entry("MADRS_06", 6),
                Map.entry("MADRS_07", 0), Map.entry("MADRS_08", 1), Map.entry("MADRS_09", 2),
                Map.entry("MADRS_10", 3));
        assertThat(scored.responses()).isEqualTo(normalised);
        assertThat(scored.instrument()).isEqualTo(MADRS);
    }

    @Test
    void aTotalSentAsAnItemIsRejectedWithAnExplanation() {
        Map<String, Object> form = Forms.uniform("MADRS", 10, 1);
        form.put("MADRS_TOTAL", 10);
        assertThat(engine.score(MADRS, form).problems()).containsExactly(new Problem("items.MADRS_TOTAL",
                "is a score of MADRS/1; scores are computed from the items, not entered"));
    }

    @Test
    void aFormBoundAsAJacksonTreeIsReadLikePlainValues() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode tree = mapper.readTree("""
                {"MADRS_01": 1, "MADRS_02": 2.0, "MADRS_03": 3, "MADRS_04": 4, "MADRS_05": 5,
                 "MADRS_06": 6, "MADRS_07": 0, "MADRS_08": 1, "MADRS_09": 2, "MADRS_10": 3}""");
        Map<String, Object> form = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> form.put(e.getKey(), e.getValue()));
        assertThat(engine.scoreOrThrow(MADRS, form).scores().score("MADRS_TOTAL")).isEqualByComparingTo(BigDecimal.valueOf(27));

        form.put("MADRS_01", mapper.readTree("\"1\""));
        form.put("MADRS_02", mapper.readTree("null"));
        form.put("MADRS_03", mapper.readTree("2.5"));
        assertThat(engine.score(MADRS, form).problems()).containsExactly(
                new Problem("items.MADRS_01", "must be an integer from 0 to 6, got the text \"1\""),
                new Problem("items.MADRS_02", "must be an integer from 0 to 6, got an empty value (null)"),
                new Problem("items.MADRS_03", "must be an integer from 0 to 6, got 2.5"));
    }

    @Test
    void theSameFormParsedByJacksonScoresTheSame() throws Exception {
        // What a REST endpoint hands over: Integer, Double or BigDecimal depending on the mapper.
        String json = "{\"MADRS_01\": 6, \"MADRS_02\": 5.0, \"MADRS_03\": 4, \"MADRS_04\": 3, \"MADRS_05\": 2,"
                + " \"MADRS_06\": 1, \"MADRS_07\": 0, \"MADRS_08\": 6, \"MADRS_09\": 5, \"MADRS_10\": 4}";
        Map<String, Object> asDoubles = new ObjectMapper().readValue(json, new TypeReference<>() { });
        Map<String, Object> asDecimals = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readValue(json, new TypeReference<>() { });
        assertThat(engine.scoreOrThrow(MADRS, asDoubles)).isEqualTo(engine.scoreOrThrow(MADRS, asDecimals));
        assertThat(engine.scoreOrThrow(MADRS, asDoubles).scores().score("MADRS_TOTAL")).isEqualByComparingTo(BigDecimal.valueOf(36));
    }

    @Test
    void unknownInstrumentOrVersionIsOneProblemAtInstrument() {
        ScoringResult unknownCode = engine.score(new InstrumentRef("HAMD", "1"), Forms.uniform("MADRS", 10, 0));
        assertThat(unknownCode.isValid()).isFalse();
        assertThat(unknownCode.problems()).containsExactly(new Problem("instrument",
                "unknown instrument HAMD/1 (the catalogue has: AAQ2, CADSS, CSSRS, MADRS, PSYCHACHE, RFQ8, RMET)"));

        ScoringResult unknownVersion = engine.score(new InstrumentRef("MADRS", "2"), Forms.uniform("MADRS", 10, 0));
        assertThat(unknownVersion.problems()).containsExactly(new Problem("instrument",
                "MADRS has no version 2 in the catalogue (versions: 1)"));
        assertThatThrownBy(() -> engine.scoreOrThrow(new InstrumentRef("MADRS", "2"), Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("instrument: MADRS has no version 2");
    }

    @Test
    void resultsAreImmutable() {
        ScoredForm scored = engine.scoreOrThrow(MADRS, Forms.uniform("MADRS", 10, 1));
        assertThatThrownBy(() -> scored.responses().put("MADRS_01", 6)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> scored.scores().scores().put("MADRS_TOTAL", BigDecimal.ONE))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
