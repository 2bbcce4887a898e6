package org.studyledger.hub.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.dataset.dictionary.DataDictionary;
import org.studyledger.hub.dataset.dictionary.Variable;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.Cohort;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Sex;

/**
 * The dataset CSVs as R and pandas read them (docs/csv-export.md), on the {@link Cohort} plus PAV-004, whose reasons
 * are the hard cases: a withheld session "N/A" and a discontinuation reason with quotes, a comma, a line break and
 * characters outside ASCII. The CSV's bytes are checked here (UTF-8 without a byte order mark, CRLF, empty for
 * missing, RFC 4180 quoting); pandas' reading of them is checked by running pandas where a Python with pandas is
 * found ({@code -Dstudyledger.python=…}, else {@code python3}, {@code /usr/bin/python3}, {@code python} on the PATH;
 * Debian: {@code apt-get install python3-pandas}); without one those tests are skipped and say so.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvReadersTest {
    static final String PYTHON_PROPERTY = "studyledger.python";
    static final String REASON = "moved to \"Torino\", Piemonte\r\nsecond line: è ü 🙂";
    static final String NOT_APPLICABLE = "N/A";
    /** The texts pandas' read_csv reads as missing by default (pandas 1.5 and 2.x; "None" since 2.0). */
    static final Set<String> PANDAS_NA = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
            "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @TempDir
    static Path dir;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final Cohort cohort = new Cohort();
    private final SubjectScript pav4 = new SubjectScript("PAV-004");
    private JsonNode pandas;

    @BeforeAll
    void feedTheLedger() throws IOException {
        pav4.enrol("2026-01-23T08:00:00.000Z", LocalDate.of(2026, 1, 23), 1960, Sex.F, 10, 2);
        pav4.withhold(1, "2026-01-24T08:30:00.000Z", NOT_APPLICABLE, new BloodPressure(172, 104));
        pav4.discontinue("2026-01-25T09:00:00.000Z", LocalDate.of(2026, 1, 25), REASON, true);
        cohort.feed(intake, hub);
        pav4.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS + 3);
        for (Datasets dataset : Datasets.values()) {
            Files.write(dir.resolve(dataset.table() + ".csv"), csv(dataset));
            Files.write(dir.resolve(dataset.table() + "-dictionary.csv"), get("/api/v1/datasets/" + dataset.table()
                    + "/dictionary?format=csv"));
        }
    }

    private byte[] get(String url) {
        ResponseEntity<byte[]> response = http.getForEntity(url, byte[].class);
        assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private byte[] csv(Datasets dataset) {
        return get("/api/v1/datasets/" + dataset.table() + "?format=csv");
    }

    /** The dataset's rows as the JSON answer has them (null for a missing value). */
    private List<JsonNode> rows(Datasets dataset) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        json.readTree(get("/api/v1/datasets/" + dataset.table() + "?format=json")).forEach(rows::add);
        return rows;
    }

    // ------------------------------------------------------------------------------------------------ the bytes

    @ParameterizedTest
    @EnumSource(Datasets.class)
    void theCsvIsUtf8WithoutAByteOrderMarkWithCrlfLineEndsAndAnEmptyFieldForEveryMissingValue(Datasets dataset)
            throws Exception {
        byte[] bytes = csv(dataset);
        assertThat(bytes.length).isGreaterThan(3);
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).as("no byte order mark")
                .isNotEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        assertThat(text).endsWith("\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        List<Variable> variables = DataDictionary.of(dataset).variables();
        assertThat(records.get(0).toList()).containsExactlyElementsOf(DataDictionary.of(dataset).variableNames());
        List<JsonNode> rows = rows(dataset);
        assertThat(records).hasSize(rows.size() + 1);
        for (int r = 0; r < rows.size(); r++) {
            CSVRecord record = records.get(r + 1);
            for (int c = 0; c < variables.size(); c++) {
                JsonNode value = rows.get(r).get(variables.get(c).name());
                String field = record.get(c);
                if (value.isNull()) {
                    assertThat(field).as("%s row %d %s", dataset, r, variables.get(c).name()).isEmpty();
                } else {
                    assertThat(field).as("%s row %d %s", dataset, r, variables.get(c).name()).isNotEmpty()
                            .isEqualTo(value.isNumber() ? value.decimalValue().toPlainString() : value.asText());
                }
            }
        }
        // every line break is a record's end, but the one inside the quoted reason
        if (dataset == Datasets.ADSL) {
            assertThat(text).contains("\"moved to \"\"Torino\"\", Piemonte\r\nsecond line: è ü 🙂\"");
        }
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    // ------------------------------------------------------------------------------------------------ pandas

    @ParameterizedTest
    @EnumSource(Datasets.class)
    void pandasReadsEveryCsvWithoutArguments(Datasets dataset) throws Exception {
        JsonNode read = pandas().get(dataset.table()).get("defaults");
        List<Variable> variables = DataDictionary.of(dataset).variables();
        assertColumns(read, dataset);
        List<JsonNode> rows = rows(dataset);
        JsonNode values = read.get("values");
        assertThat(values).hasSize(rows.size());
        boolean textReadAsMissing = false;
        for (int c = 0; c < variables.size(); c++) {
            Variable v = variables.get(c);
            boolean anyMissing = false;
            boolean anyValue = false;
            for (int r = 0; r < rows.size(); r++) {
                JsonNode expected = rows.get(r).get(v.name());
                JsonNode got = values.get(r).get(c);
                String as = dataset + " row " + r + " " + v.name();
                // pandas' defaults also read a text such as "N/A" or "NA" as missing: the reason to pass
                // keep_default_na=False, na_values=[""] (docs/csv-export.md)
                boolean missing = expected.isNull() || (expected.isTextual() && PANDAS_NA.contains(expected.asText()));
                textReadAsMissing |= !expected.isNull() && missing;
                anyMissing |= missing;
                anyValue |= !missing;
                if (missing) {
                    assertThat(got.isNull()).as("%s is NaN", as).isTrue();
                } else {
                    assertSameValue(as, v, expected, got);
                }
            }
            String dtype = read.get("dtypes").get(v.name()).asText();
            String expectedType = !anyValue ? "float64" : switch (v.dataType()) {
                case INTEGER -> anyMissing ? "float64" : "int64";
                case DECIMAL -> "float64";
                default -> "object";
            };
            assertThat(dtype).as("%s.%s read without arguments", dataset, v.name()).isEqualTo(expectedType);
        }
        if (dataset == Datasets.ADEX) {
            assertThat(textReadAsMissing).as("the withheld reason N/A is read as missing by pandas' defaults").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Datasets.class)
    void pandasWithTheDictionarysTypesKeepsIntegersTextDatesAndEveryValue(Datasets dataset) throws Exception {
        JsonNode read = pandas().get(dataset.table()).get("dictionary");
        List<Variable> variables = DataDictionary.of(dataset).variables();
        assertColumns(read, dataset);
        List<JsonNode> rows = rows(dataset);
        JsonNode values = read.get("values");
        assertThat(values).hasSize(rows.size());
        for (int c = 0; c < variables.size(); c++) {
            Variable v = variables.get(c);
            boolean anyValue = false;
            for (int r = 0; r < rows.size(); r++) {
                JsonNode expected = rows.get(r).get(v.name());
                JsonNode got = values.get(r).get(c);
                String as = dataset + " row " + r + " " + v.name();
                anyValue |= !expected.isNull();
                if (expected.isNull()) {
                    assertThat(got.isNull()).as("%s is missing", as).isTrue();
                } else {
                    assertSameValue(as, v, expected, got);
                }
            }
            if (anyValue) {
                assertThat(read.get("dtypes").get(v.name()).asText()).as("%s.%s", dataset, v.name()).isEqualTo(
                        switch (v.dataType()) {
                            case STRING -> "string";
                            case INTEGER -> "Int64";
                            case DECIMAL -> "float64";
                            case DATE -> "datetime64[ns]";
                            case DATETIME -> "datetime64[ns, UTC]";
                            default -> throw new AssertionError(v.dataType());
                        });
            }
        }
    }

    private void assertColumns(JsonNode read, Datasets dataset) {
        List<String> columns = new ArrayList<>();
        read.get("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).containsExactlyElementsOf(DataDictionary.of(dataset).variableNames());
    }

    /** A value pandas read against the JSON answer's: the same text, number, date or instant. */
    private static void assertSameValue(String as, Variable v, JsonNode expected, JsonNode got) {
        switch (v.dataType()) {
            case INTEGER -> assertThat(got.decimalValue()).as(as).isEqualByComparingTo(expected.decimalValue());
            // a binary double: the decimal's nearest, which prints back as the decimal
            case DECIMAL -> assertThat(got.decimalValue().subtract(expected.decimalValue()).abs()).as(as)
                    .isLessThan(new BigDecimal("1e-9"));
            case DATE -> assertThat(got.asText()).as(as).startsWith(expected.asText());
            case DATETIME -> assertThat(got.asText().endsWith("Z") ? Instant.parse(got.asText())
                    : got.asText().contains("+") ? OffsetDateTime.parse(got.asText()).toInstant() : null)
                    .as(as).isEqualTo(Instant.parse(expected.asText()));
            default -> assertThat(got.asText()).as(as).isEqualTo(expected.asText());
        }
    }

    @Test
    void theHardReasonsSurvivePandasReading() throws Exception {
        JsonNode adsl = pandas().get("adsl").get("dictionary");
        int dcsreas = Datasets.ADSL.variables().indexOf("DCSREAS");
        List<String> reasons = new ArrayList<>();
        adsl.get("values").forEach(row -> reasons.add(row.get(dcsreas).asText(null)));
        assertThat(reasons).contains(REASON, "moved abroad");
        JsonNode adex = pandas().get("adex").get("dictionary");
        int whreas = Datasets.ADEX.variables().indexOf("WHREAS");
        List<String> withheld = new ArrayList<>();
        adex.get("values").forEach(row -> withheld.add(row.get(whreas).asText(null)));
        assertThat(withheld).contains(NOT_APPLICABLE, "pre-dose BP 170/105");
    }

    /** What pandas made of the three CSVs (read once, by the script beside this class). */
    private JsonNode pandas() throws Exception {
        if (pandas == null) {
            String python = python();
            Path script = dir.resolve("read_csv_with_pandas.py");
            try (InputStream in = CsvReadersTest.class.getResourceAsStream("read_csv_with_pandas.py")) {
                Files.copy(in, script);
            }
            List<String> command = new ArrayList<>(List.of(python, script.toString(), dir.toString()));
            for (Datasets dataset : Datasets.values()) {
                command.add(dataset.table());
            }
            Path out = dir.resolve("pandas.json");
            Path err = dir.resolve("pandas.err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("pandas finished").isTrue();
            assertThat(process.exitValue()).as("%s: %s", command, Files.readString(err)).isZero();
            pandas = json.readTree(out.toFile());
        }
        return pandas;
    }

    /** A Python that has pandas, or an aborted (skipped) test saying where it looked. */
    static String python() {
        String configured = System.getProperty(PYTHON_PROPERTY);
        List<String> candidates = configured != null && !configured.isBlank() ? List.of(configured)
                : List.of("python3", "/usr/bin/python3", "python");
        for (String candidate : candidates) {
            try {
                Process check = new ProcessBuilder(candidate, "-c", "import pandas").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0) {
                    return candidate;
                }
                check.destroyForcibly();
            } catch (IOException e) {
                // not there: the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Assumptions.abort("no Python with pandas among " + candidates + " (Debian: apt-get install python3-pandas;"
                + " or -D" + PYTHON_PROPERTY + "=<python>): reading the CSVs with pandas is skipped");
        return null;
    }
}
