package org.studyledger.hub.dataset.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.studyledger.hub.dataset.AnalysisDerivation;
import org.studyledger.hub.dataset.AnalysisVisits;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.dataset.MentalizationGroup;
import org.studyledger.hub.dataset.Parameter;
import org.studyledger.hub.dataset.SubjectRecord;
import org.studyledger.kernel.instrument.InstrumentCatalogue;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.Visit;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * The dictionary defines exactly the variables the dataset endpoints output, in their order, each carried as
 * Dataset-JSON 1.1 says for its type, every string with the length its source defines; and docs/data-dictionary.md
 * is generated from it ({@code -Dstudyledger.docs.write=true} rewrites the file).
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
    void everyColumnIsCarriedAsDatasetJson11SaysForItsType() {
        for (DatasetDefinition d : DataDictionary.all()) {
            for (Variable v : d.variables()) {
                String name = d.name() + "." + v.name();
                switch (v.dataType()) {
                    case STRING -> {
                        assertThat(v.length()).as("%s has a length", name).isNotNull().isPositive();
                        assertThat(v.targetDataType()).as(name).isNull();
                        assertThat(v.displayFormat()).as(name).isNull();
                    }
                    case DECIMAL -> {
                        assertThat(v.targetDataType()).as("%s: a decimal exchanged as a string", name)
                                .isEqualTo(TargetDataType.DECIMAL);
                        assertThat(v.displayFormat()).as(name).isNull();
                    }
                    case DATE -> {
                        assertThat(v.targetDataType()).as("%s: an ADaM numeric date", name).isEqualTo(TargetDataType.INTEGER);
                        assertThat(v.displayFormat()).as(name).isEqualTo("E8601DA.");
                    }
                    case DATETIME -> {
                        assertThat(v.targetDataType()).as("%s: an ADaM numeric datetime", name)
                                .isEqualTo(TargetDataType.INTEGER);
                        assertThat(v.displayFormat()).as(name).isEqualTo("E8601DT.");
                    }
                    case INTEGER -> {
                        assertThat(v.targetDataType()).as(name).isNull();
                        assertThat(v.displayFormat()).as(name).isNull();
                    }
                    default -> throw new AssertionError(name + " has a type the datasets do not use: " + v.dataType());
                }
            }
        }
        assertThat(TargetDataType.INTEGER.json()).isEqualTo("integer");
        assertThat(TargetDataType.DECIMAL.json()).isEqualTo("decimal");
    }

    @Test
    void identifierLengthsAreTheKernelsFormats() {
        for (Datasets dataset : Datasets.values()) {
            DatasetDefinition d = DataDictionary.of(dataset);
            assertThat(length(d, "STUDYID")).isEqualTo(20);
            assertThat(length(d, "USUBJID")).isEqualTo(12);
            assertThat(length(d, "SITEID")).isEqualTo(8);
        }
        // the longest ids the kernel accepts have exactly these lengths, and one character more is refused
        assertThat(new StudyId("A".repeat(20)).value()).hasSize(20);
        assertThatThrownBy(() -> new StudyId("A".repeat(21))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SubjectId("ABCDEFGH-001").value()).hasSize(TextLengths.SUBJECT_ID);
        assertThatThrownBy(() -> new SubjectId("ABCDEFGHI-001")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CenterId("ABCDEFGH").value()).hasSize(TextLengths.CENTER_ID);
        assertThatThrownBy(() -> new CenterId("ABCDEFGHI")).isInstanceOf(IllegalArgumentException.class);
        assertThat(length(DataDictionary.of(Datasets.ADQS), "QSREFID")).isEqualTo(AssessmentId.random().toString().length());
        assertThat(length(DataDictionary.of(Datasets.ADEX), "EXREFID")).isEqualTo(DoseId.random().toString().length());
    }

    @Test
    void derivedTextLengthsAreTheLongestValueTheDerivationsProduce() {
        DatasetDefinition adsl = DataDictionary.of(Datasets.ADSL);
        DatasetDefinition adqs = DataDictionary.of(Datasets.ADQS);
        DatasetDefinition adex = DataDictionary.of(Datasets.ADEX);
        Protocol protocol = Protocol.eskTrd();
        AnalysisVisits visits = new AnalysisVisits(protocol);
        Set<String> avisits = new HashSet<>();
        java.time.Instant firstDose = java.time.Instant.parse("2026-03-02T10:00:00Z");
        org.studyledger.kernel.protocol.StudyClock undosed =
                org.studyledger.kernel.protocol.StudyClock.of(protocol, java.time.ZoneOffset.UTC, null);
        org.studyledger.kernel.protocol.StudyClock dosed =
                org.studyledger.kernel.protocol.StudyClock.of(protocol, java.time.ZoneOffset.UTC, firstDose);
        for (int hours = -400 * 24; hours <= 400 * 24; hours += 6) {
            java.time.Instant at = firstDose.plus(java.time.Duration.ofHours(hours));
            avisits.add(visits.of(undosed, at).avisit());
            avisits.add(visits.of(dosed, at).avisit());
        }
        assertThat(avisits).contains(AnalysisVisits.UNSCHEDULED, "T0", "M6");
        assertThat(length(adqs, "AVISIT")).isEqualTo(longest(avisits));
        assertThat(length(adqs, "VISIT")).isEqualTo(longest(protocol.visits().stream().map(Visit::code).toList()));
        assertThat(length(adqs, "PARAMCD")).isEqualTo(longest(Arrays.stream(Parameter.values()).map(Parameter::paramcd).toList()));
        assertThat(length(adqs, "PARAM")).isEqualTo(longest(Arrays.stream(Parameter.values()).map(Parameter::label).toList()));
        assertThat(length(adqs, "QSINST")).isEqualTo(longest(InstrumentCatalogue.standard().instruments().stream()
                .map(i -> i.ref().toString()).toList()));
        assertThat(length(adqs, "CRIT1")).isEqualTo(AnalysisDerivation.CRIT1.length());
        assertThat(length(adqs, "CRIT2")).isEqualTo(("MADRS total <= "
                + protocol.efficacy().remissionMaxScore().stripTrailingZeros().toPlainString()).length());
        List<String> statuses = List.of(
                AnalysisDerivation.endOfStudyStatus(SubjectRecord.Disposition.NONE),
                AnalysisDerivation.endOfStudyStatus(new SubjectRecord.Disposition(LocalDate.EPOCH, "r", false, null)),
                AnalysisDerivation.endOfStudyStatus(new SubjectRecord.Disposition(null, null, null, LocalDate.EPOCH)));
        assertThat(length(adsl, "EOSSTT")).isEqualTo(longest(statuses));
        assertThat(length(adsl, "MENTGRP")).isEqualTo(longest(List.of(MentalizationGroup.HIGH, MentalizationGroup.LOW)));
        assertThat(length(adsl, "SEX")).isEqualTo(1);
        assertThat(length(adsl, "AGEU")).isEqualTo("YEARS".length());
        assertThat(length(adex, "EXDOSU")).isEqualTo("mg".length());
        assertThat(length(adex, "EXFLAGS")).isEqualTo(
                "PRE_DOSE_BP_ABOVE_THRESHOLD,NOTABLE_BP_RISE,MONITORING_SHORT".length());
        for (String reason : List.of("ADSL.DCSREAS", "ADEX.OVRREAS", "ADEX.WHREAS")) {
            String[] at = reason.split("\\.");
            assertThat(length(DataDictionary.byName(at[0]).orElseThrow(), at[1])).as(reason).isEqualTo(TextLengths.FREE_TEXT);
        }
    }

    @Test
    void aValueIsTooLongByItsCodePoints() {
        Variable flag = DataDictionary.of(Datasets.ADSL).variable("CONWDFL").orElseThrow();
        assertThat(flag.tooLong("Y")).isFalse();
        assertThat(flag.tooLong("YY")).isTrue();
        assertThat(flag.tooLong("\uD83D\uDE00")).as("one character outside the BMP").isFalse();
        assertThat(DataDictionary.of(Datasets.ADSL).variable("AGE").orElseThrow().tooLong("123456789")).isFalse();
        assertThatThrownBy(() -> new Variable("X", "x", DataType.STRING, null, null, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Variable("X", "x", DataType.INTEGER, 3, null, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int length(DatasetDefinition d, String variable) {
        return d.variable(variable).orElseThrow().length();
    }

    private static int longest(java.util.Collection<String> values) {
        return values.stream().mapToInt(String::length).max().orElseThrow();
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
