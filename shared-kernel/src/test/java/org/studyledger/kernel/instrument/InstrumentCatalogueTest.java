package org.studyledger.kernel.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

class InstrumentCatalogueTest {

    /** A small instrument using every rule, with a placeholder for the version. */
    static String toy(String version) {
        return """
                {
                  "format": 1, "code": "TOY", "version": "%s", "name": "Toy scale", "source": "test",
                  "items": [
                    {"code": "TOY_01", "label": "a", "min": 0, "max": 3, "integer": true},
                    {"code": "TOY_02", "label": "b", "min": 0, "max": 1, "integer": true},
                    {"code": "TOY_03", "label": "c", "min": 1, "max": 2, "integer": true,
                     "applies_when": {"score": "TOY_SUM", "op": ">=", "value": 2}}
                  ],
                  "scores": [
                    {"code": "TOY_SUM", "label": "sum", "rule": "sum", "items": ["TOY_01", "TOY_02"], "min": 0, "max": 4},
                    {"code": "TOY_BAND", "label": "band", "rule": "bands", "of": "TOY_SUM",
                     "bands": [{"min": 0, "max": 1, "label": "low"}, {"min": 2, "max": 4, "label": "high"}]},
                    {"code": "TOY_HIGH", "label": "highest", "rule": "highest_positive", "items": ["TOY_02"], "min": 0, "max": 1},
                    {"code": "TOY_ANY", "label": "any", "rule": "any_positive", "items": ["TOY_02"]},
                    {"code": "TOY_FLAG", "label": "flag", "rule": "flag", "when": {"score": "TOY_SUM", "op": "==", "value": 4}},
                    {"code": "TOY_MEAN", "label": "mean", "rule": "mean", "scale": 2, "rounding": "HALF_UP",
                     "groups": [{"items": ["TOY_03"], "recode": {"1": 10, "2": 20}}], "min": 10, "max": 20,
                     "applies_when": {"score": "TOY_SUM", "op": ">=", "value": 2}}
                  ]
                }
                """.formatted(version);
    }

    @Test
    void standardCatalogueHasTheSevenReferenceInstruments() {
        InstrumentCatalogue catalogue = InstrumentCatalogue.standard();
        assertThat(catalogue.instruments()).extracting(Instrument::ref).containsExactly(
                new InstrumentRef("AAQ2", "1"), new InstrumentRef("CADSS", "1"), new InstrumentRef("CSSRS", "1"),
                new InstrumentRef("MADRS", "1"), new InstrumentRef("PSYCHACHE", "1"), new InstrumentRef("RFQ8", "1"),
                new InstrumentRef("RMET", "1"));
        assertThat(catalogue.instruments()).allSatisfy(i -> {
            assertThat(i.source()).isNotBlank();
            assertThat(i.name()).isNotBlank();
        });
        assertThat(catalogue.latest("MADRS")).map(Instrument::ref).contains(new InstrumentRef("MADRS", "1"));
        assertThat(catalogue.latest("HAMD")).isEmpty();
        assertThat(catalogue.find(new InstrumentRef("MADRS", "2"))).isEmpty();
        assertThat(InstrumentCatalogue.standard()).isSameAs(catalogue);
    }

    @Test
    void declaredRangesMatchTheReference() {
        Map<String, List<String>> ranges = Map.of(
                "MADRS_TOTAL", List.of("0", "60"), "RFQ_C", List.of("0", "3"), "RFQ_U", List.of("0", "3"),
                "PSYCHACHE_TOTAL", List.of("13", "65"), "CSSRS_IDEATION_SEVERITY", List.of("0", "5"),
                "CSSRS_INTENSITY", List.of("2", "25"), "RMET_TOTAL", List.of("0", "36"),
                "AAQ2_TOTAL", List.of("7", "49"), "CADSS_TOTAL", List.of("0", "92"));
        ranges.forEach((code, range) -> {
            ScoreRule.NumericRule rule = (ScoreRule.NumericRule) InstrumentCatalogue.standard().instruments().stream()
                    .flatMap(i -> i.score(code).stream()).findFirst().orElseThrow();
            assertThat(rule.min()).as(code).isEqualByComparingTo(range.get(0));
            assertThat(rule.max()).as(code).isEqualByComparingTo(range.get(1));
        });
    }

    @Test
    void versionsAreOrderedNumericallyAndLatestIsTheHighest() {
        InstrumentCatalogue catalogue = InstrumentCatalogue.fromJson(List.of(toy("1.10"), toy("2"), toy("1"), toy("1.9")));
        assertThat(catalogue.versions("TOY")).containsExactly("1", "1.9", "1.10", "2");
        assertThat(catalogue.latest("TOY")).map(Instrument::version).contains("2");
        assertThat(catalogue.find(new InstrumentRef("TOY", "1.10"))).map(Instrument::version).contains("1.10");
        assertThat(catalogue.versions("MADRS")).isEmpty();
    }

    @Test
    void aCatalogueFromOtherJsonScoresWithTheSameEngine() {
        ScoringEngine engine = new ScoringEngine(InstrumentCatalogue.fromJson(List.of(toy("1"))));
        InstrumentRef toy = new InstrumentRef("TOY", "1");

        ScoreSet low = engine.scoreOrThrow(toy, Map.of("TOY_01", 1, "TOY_02", 0)).scores();
        assertThat(low.scores()).containsExactly(Map.entry("TOY_HIGH", BigDecimal.ZERO), Map.entry("TOY_SUM", BigDecimal.ONE));
        assertThat(low.categories()).containsExactly(
                Map.entry("TOY_ANY", "N"), Map.entry("TOY_BAND", "low"), Map.entry("TOY_FLAG", "N"));

        ScoreSet high = engine.scoreOrThrow(toy, Map.of("TOY_01", 3, "TOY_02", 1, "TOY_03", 2)).scores();
        assertThat(high.scores()).containsExactly(
                Map.entry("TOY_HIGH", BigDecimal.ONE), Map.entry("TOY_MEAN", new BigDecimal("20")),
                Map.entry("TOY_SUM", BigDecimal.valueOf(4)));
        assertThat(high.categories()).containsExactly(
                Map.entry("TOY_ANY", "Y"), Map.entry("TOY_BAND", "high"), Map.entry("TOY_FLAG", "Y"));
    }

    @Test
    void definitionProblemsAreAllReportedWithPaths() {
        String broken = toy("1")
                .replace("\"max\": 4}", "\"max\": 5}")                              // TOY_SUM declared max wrong
                .replace("{\"min\": 2, \"max\": 4, \"label\": \"high\"}",
                        "{\"min\": 3, \"max\": 4, \"label\": \"high\"}")           // gap at 2
                .replace("\"recode\": {\"1\": 10, \"2\": 20}", "\"recode\": {\"1\": 10, \"3\": 30}")
                .replace("\"items\": [\"TOY_02\"], \"min\": 0", "\"items\": [\"TOY_03\"], \"min\": 0")
                .replace("\"when\": {\"score\": \"TOY_SUM\"", "\"when\": {\"score\": \"TOY_MEAN\"");

        assertThatThrownBy(() -> InstrumentCatalogue.fromJson(List.of(broken)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem("TOY/1.scores[0].max", "is 5 but the items give 4"),
                        new Problem("TOY/1.scores[1].bands[1].min",
                                "must be 2 so the bands neither overlap nor leave a gap, got 3"),
                        new Problem("TOY/1.scores[1].bands", "cover 0 to 4 but TOY_SUM ranges 0 to 5"),
                        new Problem("TOY/1.scores[2].items", "TOY_03 must be a yes/no item (0 to 1) for rule highest_positive"),
                        new Problem("TOY/1.scores[2].items", "TOY_03 is asked only when TOY_SUM >= 2, so this score needs the same applies_when"),
                        new Problem("TOY/1.scores[4].when.score",
                                "refers to TOY_MEAN, which is not a score defined before this one"),
                        new Problem("TOY/1.scores[5].groups[0].recode",
                                "must give a value for every answer of TOY_03 (1 to 2); missing [2]"),
                        new Problem("TOY/1.scores[5].groups[0].recode", "maps [3], which TOY_03 cannot take (1 to 2)")));
    }

    @Test
    void headerAndItemProblems() {
        String broken = toy("1")
                .replace("\"format\": 1", "\"format\": 2")
                .replace("\"code\": \"TOY\"", "\"code\": \"toy\"")
                .replace("\"source\": \"test\"", "\"source\": \" \"")
                .replace("\"label\": \"b\", \"min\": 0, \"max\": 1, \"integer\": true",
                        "\"label\": \"b\", \"min\": 2, \"max\": 1, \"integer\": false")
                .replace("{\"code\": \"TOY_SUM\", \"label\": \"sum\"", "{\"code\": \"TOY_01\", \"label\": \"sum\"");

        assertThatThrownBy(() -> Instrument.fromJson(broken))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).extracting(Problem::path)
                        .startsWith("format", "code", "source", "items[1].max", "items[1].integer", "scores[0].code"));
    }

    @Test
    void syntaxAndVocabularyErrorsNameTheField() {
        assertThatThrownBy(() -> Instrument.fromJson(toy("1").replace("\"rule\": \"flag\"", "\"rule\": \"median\"")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.path()).isEqualTo("scores[4]");
                            assertThat(p.message()).isEqualTo("unknown rule 'median' (known rules: sum, mean, "
                                    + "highest_positive, any_positive, bands, flag)");
                        }));
        assertThatThrownBy(() -> Instrument.fromJson(toy("1").replace("\"label\": \"a\"", "\"lable\": \"a\"")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.path()).isEqualTo("items[0].lable")));
        assertThatThrownBy(() -> Instrument.fromJson(toy("1").replace("\"max\": 3,", "\"max\": 3.5,")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.path()).isEqualTo("items[0].max")));
        assertThatThrownBy(() -> Instrument.fromJson(toy("1").replace("\"max\": 3,", "\"max\": \"3\",")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.path()).isEqualTo("items[0].max")));
        assertThatThrownBy(() -> Instrument.fromJson("{\"format\": 1,"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).startsWith("not valid JSON at line 1")));
    }

    @Test
    void conditionsMayOnlyTestAlwaysComputedNumericScores() {
        String onCategory = toy("1").replace("\"applies_when\": {\"score\": \"TOY_SUM\", \"op\": \">=\", \"value\": 2}}\n",
                "\"applies_when\": {\"score\": \"TOY_BAND\", \"op\": \">=\", \"value\": 2}}\n");
        assertThatThrownBy(() -> Instrument.fromJson(onCategory))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).contains(
                        new Problem("items[2].applies_when.score", "TOY_BAND is a category; conditions test numeric scores")));
        String onConditional = toy("1").replace("\"when\": {\"score\": \"TOY_SUM\"", "\"when\": {\"score\": \"TOY_NONE\"");
        assertThatThrownBy(() -> Instrument.fromJson(onConditional))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem("scores[4].when.score", "refers to TOY_NONE, which is not a score defined before this one")));
    }

    @Test
    void aVersionCannotBeDefinedTwice() {
        assertThatThrownBy(() -> InstrumentCatalogue.fromJson(List.of(toy("1"), toy("1"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("TOY/1", "is defined twice")));
    }

    @Test
    void indexedFileNamesMustMatchWhatTheyDefine() {
        assertThatThrownBy(() -> InstrumentCatalogue.fromIndex(InstrumentCatalogueTest.class, "misnamed/index.json"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem("toy-2.json", "defines TOY/1, so it must be named toy-1.json")));
    }
}
