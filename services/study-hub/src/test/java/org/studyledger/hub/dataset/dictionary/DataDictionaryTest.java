package org.studyledger.hub.dataset.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.studyledger.hub.dataset.Datasets;

/**
 * The dictionary defines exactly the variables the dataset endpoints output, in their order, and
 * docs/data-dictionary.md is generated from it ({@code -Dstudyledger.docs.write=true} rewrites the file).
 */
class DataDictionaryTest {

    @Test
    void everyDatasetsVariablesAreDefinedInOutputOrder() {
        assertThat(DataDictionary.all()).extracting(DatasetDefinition::name).containsExactly("ADSL", "ADQS", "ADEX");
        for (Datasets dataset : Datasets.values()) {
            DatasetDefinition definition = DataDictionary.of(dataset);
            assertThat(definition.name()).isEqualTo(dataset.name());
            assertThat(definition.variableNames()).as(dataset.name()).containsExactlyElementsOf(dataset.variables());
        }
    }

    @Test
    void definitionsAreComplete() {
        for (DatasetDefinition d : DataDictionary.all()) {
            Set<Integer> keys = new HashSet<>();
            for (Variable v : d.variables()) {
                assertThat(v.label()).as(v.name()).isNotBlank().hasSizeLessThanOrEqualTo(40);
                assertThat(v.derivation()).as(v.name()).isNotBlank();
                if (v.keySequence() != null) {
                    assertThat(keys.add(v.keySequence())).as("key sequence of %s unique", v.name()).isTrue();
                }
                if (v.length() != null) {
                    assertThat(v.dataType()).as(v.name()).isEqualTo(DataType.STRING);
                }
                if (v.name().endsWith("FL")) {
                    assertThat(v.dataType()).as("flag %s is a Y/N string", v.name()).isEqualTo(DataType.STRING);
                    assertThat(v.length()).isEqualTo(1);
                }
            }
            // key sequences are 1..n
            assertThat(keys).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, keys.size()).boxed().toList());
            assertThat(d.keys()).startsWith("STUDYID", "USUBJID");
        }
        assertThat(DataDictionary.of(Datasets.ADQS).keys()).containsExactly("STUDYID", "USUBJID", "PARAMCD", "QSREFID");
        assertThat(DataDictionary.of(Datasets.ADEX).variable("ADTM").orElseThrow().dataType()).isEqualTo(DataType.DATETIME);
        assertThat(DataDictionary.of(Datasets.ADQS).variable("AVAL").orElseThrow().dataType()).isEqualTo(DataType.DECIMAL);
    }

    @Test
    void theDocIsGeneratedFromTheDictionary() throws IOException {
        Path doc = docs().resolve("data-dictionary.md");
        String expected = DataDictionary.markdown();
        if (Boolean.getBoolean("studyledger.docs.write")) {
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
        }
        assertThat(doc).as("docs/data-dictionary.md exists (generate it with -Dstudyledger.docs.write=true)").exists();
        String actual = Files.readString(doc, StandardCharsets.UTF_8);
        for (DatasetDefinition d : DataDictionary.all()) {
            for (Variable v : d.variables()) {
                assertThat(actual).contains("| `" + v.name() + "` |");
            }
        }
        assertThat(actual).as("docs/data-dictionary.md is out of date: regenerate it with -Dstudyledger.docs.write=true")
                .isEqualTo(expected);
    }

    @Test
    void csvRowsListEveryVariable() {
        List<Object[]> rows = DataDictionary.rows(DataDictionary.all());
        assertThat(rows).hasSize(Datasets.ADSL.variables().size() + Datasets.ADQS.variables().size()
                + Datasets.ADEX.variables().size());
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(DataDictionary.CSV_COLUMNS.size()));
    }

    /** The repository's docs/ directory, found by walking up from the working directory. */
    static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docs/hub.md"))) {
                return dir.resolve("docs");
            }
            dir = dir.getParent();
        }
        throw new AssertionError("no docs/hub.md above " + Path.of("").toAbsolutePath());
    }
}
