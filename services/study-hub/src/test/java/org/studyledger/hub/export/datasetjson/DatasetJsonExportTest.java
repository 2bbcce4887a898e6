package org.studyledger.hub.export.datasetjson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.dataset.DatasetPosition;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.dataset.dictionary.DataDictionary;
import org.studyledger.hub.dataset.dictionary.DataType;
import org.studyledger.hub.dataset.dictionary.DatasetDefinition;
import org.studyledger.hub.dataset.dictionary.Variable;
import org.studyledger.hub.export.DatasetController;
import org.studyledger.hub.export.cache.ExportCache;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.Cohort;
import org.studyledger.hub.rebuild.ProjectionRebuild;

/**
 * The CDISC Dataset-JSON 1.1 export ({@code GET /api/v1/datasets/{name}?format=dataset-json}) and the data
 * dictionary endpoints, on the scripted {@link Cohort}. The exports are validated against the official
 * Dataset-JSON 1.1 JSON Schema, read from {@code shared/cdisc/dataset-json-1.1/} beside the checkout (found by
 * walking up from the working directory) or from the directory in the system property
 * {@code studyledger.cdisc.dir}; without it, the schema test is skipped and says where it looked.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetJsonExportTest {
    static final String CDISC_DIR_PROPERTY = "studyledger.cdisc.dir";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ProjectionRebuild projections;
    @Autowired
    ExportCache exportCache;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final Cohort cohort = new Cohort();

    @BeforeAll
    void feedTheLedger() {
        cohort.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
    }

    private ResponseEntity<byte[]> export(Datasets dataset) {
        ResponseEntity<byte[]> response = http.getForEntity("/api/v1/datasets/" + dataset.table() + "?format=dataset-json",
                byte[].class);
        assertThat(response.getStatusCode()).as("%s: %s", dataset, response.getBody() == null ? "" : new String(response.getBody()))
                .isEqualTo(HttpStatus.OK);
        return response;
    }

    /** The official Dataset-JSON 1.1 schema directory, or an aborted (skipped) test saying where it looked. */
    static Path cdiscDir() {
        String configured = System.getProperty(CDISC_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath();
            Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("dataset.schema.json")),
                    "Dataset-JSON 1.1 schema not found at " + dir.resolve("dataset.schema.json") + " (" + CDISC_DIR_PROPERTY + ")");
            return dir;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/cdisc/dataset-json-1.1");
            if (Files.isRegularFile(candidate.resolve("dataset.schema.json"))) {
                return candidate;
            }
        }
        Assumptions.abort("Dataset-JSON 1.1 schema not found at shared/cdisc/dataset-json-1.1/dataset.schema.json in "
                + start + " or any directory above it; set -D" + CDISC_DIR_PROPERTY + " to its directory");
        return null;
    }

    @ParameterizedTest
    @EnumSource(Datasets.class)
    void theExportValidatesAgainstTheOfficialSchema(Datasets dataset) throws Exception {
        Path dir = cdiscDir();
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(dir.resolve("dataset.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        }
        JsonNode export = json.readTree(export(dataset).getBody());
        Set<ValidationMessage> errors = schema.validate(export);
        assertThat(errors).as("%s against %s", dataset, dir).isEmpty();
        // the schema does accept a broken file: the validator is really at work
        ((com.fasterxml.jackson.databind.node.ObjectNode) export).put("records", -1);
        assertThat(schema.validate(export)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Datasets.class)
    void theExportHasTheDictionarysColumnsAndTypedRows(Datasets dataset) throws Exception {
        ResponseEntity<byte[]> response = export(dataset);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        JsonNode export = json.readTree(response.getBody());
        DatasetDefinition definition = DataDictionary.of(dataset);

        List<String> topLevel = new ArrayList<>();
        export.fieldNames().forEachRemaining(topLevel::add);
        assertThat(topLevel).containsExactly("datasetJSONCreationDateTime", "datasetJSONVersion", "fileOID",
                "dbLastModifiedDateTime", "originator", "sourceSystem", "studyOID", "metaDataVersionOID", "itemGroupOID",
                "records", "name", "label", "columns", "rows");
        assertThat(export.get("datasetJSONVersion").asText()).isEqualTo("1.1.0");
        assertThat(export.get("originator").asText()).isEqualTo("StudyLedger");
        assertThat(export.get("studyOID").asText()).isEqualTo("ESK-TRD");
        assertThat(export.get("itemGroupOID").asText()).isEqualTo("IG." + dataset.name());
        assertThat(export.get("name").asText()).isEqualTo(dataset.name());
        assertThat(export.get("label").asText()).isEqualTo(definition.label());
        assertThat(export.get("sourceSystem").get("name").asText()).isNotBlank();

        JsonNode columns = export.get("columns");
        assertThat(columns).hasSize(definition.variables().size());
        for (int i = 0; i < columns.size(); i++) {
            Variable v = definition.variables().get(i);
            JsonNode c = columns.get(i);
            assertThat(c.get("itemOID").asText()).isEqualTo("IT." + dataset.name() + "." + v.name());
            assertThat(c.get("name").asText()).isEqualTo(v.name());
            assertThat(c.get("label").asText()).isEqualTo(v.label());
            assertThat(c.get("dataType").asText()).isEqualTo(v.dataType().json());
            assertThat(c.has("length")).isEqualTo(v.length() != null);
            assertThat(c.has("keySequence")).isEqualTo(v.keySequence() != null);
            // the members in the specification's order, each from the dictionary
            List<String> members = new ArrayList<>();
            c.fieldNames().forEachRemaining(members::add);
            List<String> expected = new ArrayList<>(List.of("itemOID", "name", "label", "dataType"));
            if (v.targetDataType() != null) {
                expected.add("targetDataType");
                assertThat(c.get("targetDataType").asText()).as(v.name()).isEqualTo(v.targetDataType().json());
            }
            if (v.length() != null) {
                expected.add("length");
                assertThat(c.get("length").asInt()).as(v.name()).isEqualTo(v.length());
            }
            if (v.displayFormat() != null) {
                expected.add("displayFormat");
                assertThat(c.get("displayFormat").asText()).as(v.name()).isEqualTo(v.displayFormat());
            }
            if (v.keySequence() != null) {
                expected.add("keySequence");
            }
            assertThat(members).as(v.name()).containsExactlyElementsOf(expected);
            switch (v.dataType()) {
                case STRING -> assertThat(c.get("length").asInt()).as("every string column has a length").isPositive();
                case DECIMAL -> assertThat(c.get("targetDataType").asText()).as(v.name()).isEqualTo("decimal");
                case DATE -> {
                    assertThat(c.get("targetDataType").asText()).as("%s: an ADaM numeric date", v.name()).isEqualTo("integer");
                    assertThat(c.get("displayFormat").asText()).as(v.name()).isEqualTo("E8601DA.");
                }
                case DATETIME -> {
                    assertThat(c.get("targetDataType").asText()).as(v.name()).isEqualTo("integer");
                    assertThat(c.get("displayFormat").asText()).as(v.name()).isEqualTo("E8601DT.");
                }
                default -> assertThat(c.has("targetDataType")).as(v.name()).isFalse();
            }
        }
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(dataset.variables());

        JsonNode rows = export.get("rows");
        assertThat(export.get("records").asLong()).isEqualTo(rows.size());
        assertThat(rows.size()).isEqualTo(switch (dataset) {
            case ADSL -> 4;     // PAV-001, MIL-001, PAV-002, PAV-003
            case ADEX -> 5;     // PAV-001: 2 doses + 1 withheld; MIL-001: 1; PAV-003: 1
            case ADQS -> rows.size();
        });
        assertThat(rows.size()).isPositive();
        for (JsonNode row : rows) {
            assertThat(row.isArray()).isTrue();
            assertThat(row).hasSize(columns.size());
            for (int i = 0; i < row.size(); i++) {
                Variable v = definition.variables().get(i);
                JsonNode value = row.get(i);
                if (value.isNull()) {
                    continue;
                }
                switch (v.dataType()) {
                    case INTEGER -> assertThat(value.isIntegralNumber()).as("%s %s", v.name(), value).isTrue();
                    case DECIMAL -> {
                        assertThat(value.isTextual()).as("%s %s", v.name(), value).isTrue();
                        assertThat(new BigDecimal(value.asText()).toPlainString()).isEqualTo(value.asText());
                    }
                    case DATE -> assertThat(value.asText()).as(v.name()).matches(DATE);
                    case DATETIME -> assertThat(value.asText()).as(v.name()).matches(DATETIME);
                    default -> {
                        assertThat(value.isTextual()).as("%s %s", v.name(), value).isTrue();
                        assertThat(value.asText().codePointCount(0, value.asText().length())).as("%s %s", v.name(), value)
                                .isLessThanOrEqualTo(v.length());
                    }
                }
                if (v.name().endsWith("FL")) {
                    assertThat(value.asText()).as(v.name()).isIn("Y", "N");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------- NDJSON

    private ResponseEntity<byte[]> ndjson(Datasets dataset, String query) {
        ResponseEntity<byte[]> response = http.getForEntity("/api/v1/datasets/" + dataset.table()
                + "?format=dataset-ndjson" + query, byte[].class);
        assertThat(response.getStatusCode()).as("%s: %s", dataset, response.getBody() == null ? "" : new String(response.getBody()))
                .isEqualTo(HttpStatus.OK);
        return response;
    }

    /** The NDJSON form's lines: every line, the last one included, ends with a line feed. */
    private static List<String> lines(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\r");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** A schema for one of {@code document}'s definitions, with the document's other definitions beside it. */
    private static JsonSchema definition(JsonNode document, String name) {
        com.fasterxml.jackson.databind.node.ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("$schema", document.get("$schema").asText());
        schema.set("$defs", document.get("$defs"));
        schema.put("$ref", "#/$defs/" + name);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema);
    }

    @ParameterizedTest
    @EnumSource(Datasets.class)
    void theNdjsonFormValidatesLineByLineAgainstTheOfficialSchemas(Datasets dataset) throws Exception {
        Path dir = cdiscDir();
        Path ndjsonSchema = dir.resolve("dataset-ndjson-schema.utf8.json");
        Assumptions.assumeTrue(Files.isRegularFile(ndjsonSchema), "the NDJSON schema is not at " + ndjsonSchema);
        JsonNode ndjsonDocument = json.readTree(ndjsonSchema.toFile());
        JsonNode jsonDocument = json.readTree(dir.resolve("dataset.schema.json").toFile());
        JsonSchema metadataSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(ndjsonDocument);
        // the root of the NDJSON schema admits other members; its DatasetMetadata admits exactly the metadata
        JsonSchema strictMetadata = definition(ndjsonDocument, "DatasetMetadata");
        JsonSchema rowSchema = definition(jsonDocument, "Row");

        ResponseEntity<byte[]> response = ndjson(dataset, "");
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/x-ndjson"));
        List<String> lines = lines(response.getBody());
        JsonNode metadata = json.readTree(lines.get(0));
        assertThat(metadata.isObject()).isTrue();
        assertThat(metadataSchema.validate(metadata)).as("%s metadata against %s", dataset, ndjsonSchema).isEmpty();
        assertThat(strictMetadata.validate(metadata)).as("%s metadata against DatasetMetadata", dataset).isEmpty();
        assertThat(metadata.has("rows")).isFalse();
        assertThat(lines).hasSize(1 + metadata.get("records").asInt());
        for (String line : lines.subList(1, lines.size())) {
            JsonNode row = json.readTree(line);
            assertThat(row.isArray()).as(line).isTrue();
            assertThat(row).as(line).hasSize(metadata.get("columns").size());
            assertThat(rowSchema.validate(row)).as("%s row %s", dataset, line).isEmpty();
        }
        // the validation is not vacuous
        ((com.fasterxml.jackson.databind.node.ObjectNode) metadata).put("records", -1);
        assertThat(metadataSchema.validate(metadata)).isNotEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) metadata).put("records", 0).putArray("rows");
        assertThat(strictMetadata.validate(metadata)).as("rows do not belong on the metadata line").isNotEmpty();
        assertThat(rowSchema.validate(json.readTree("{\"STUDYID\": \"ESK-TRD\"}"))).as("a row is an array").isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Datasets.class)
    void theNdjsonFormHasTheJsonFormsContentAndItsOwnPositionAndHash(Datasets dataset) throws Exception {
        ResponseEntity<byte[]> whole = export(dataset);
        ResponseEntity<byte[]> lines = ndjson(dataset, "");
        List<String> text = lines(lines.getBody());
        com.fasterxml.jackson.databind.node.ObjectNode rebuilt = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(text.get(0));
        com.fasterxml.jackson.databind.node.ArrayNode rows = rebuilt.putArray("rows");
        for (String line : text.subList(1, text.size())) {
            rows.add(json.readTree(line));
        }
        assertThat(rebuilt).isEqualTo(json.readTree(whole.getBody()));
        List<String> order = new ArrayList<>();
        rebuilt.fieldNames().forEachRemaining(order::add);
        List<String> wholeOrder = new ArrayList<>();
        json.readTree(whole.getBody()).fieldNames().forEachRemaining(wholeOrder::add);
        assertThat(order).containsExactlyElementsOf(wholeOrder);

        assertThat(lines.getHeaders().getFirst(DatasetPosition.HEADER)).isEqualTo(whole.getHeaders().getFirst(DatasetPosition.HEADER));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lines.getBody()));
        assertThat(lines.getHeaders().getFirst(DatasetJsonExport.HASH_HEADER)).isEqualTo(sha);
        assertThat(lines.getHeaders().getFirst("Content-Disposition")).contains(dataset.table() + ".ndjson");
        assertThat(ndjson(dataset, "").getBody()).as("deterministic").isEqualTo(lines.getBody());
    }

    @Test
    void theNdjsonFormTakesTheFilters() throws Exception {
        List<String> pav1 = lines(ndjson(Datasets.ADQS, "&subject=PAV-001&paramcd=MADRSTOT").getBody());
        JsonNode metadata = json.readTree(pav1.get(0));
        assertThat(metadata.get("records").asInt()).isEqualTo(3).isEqualTo(pav1.size() - 1);
        assertThat(metadata.get("fileOID").asText()).contains("USUBJID-PAV-001").contains("PARAMCD-MADRSTOT");
        assertThat(json.readTree(pav1.get(2)).get(Datasets.ADQS.variables().indexOf("PCHG")).asText()).isEqualTo("-50.00");
        List<String> none = lines(ndjson(Datasets.ADEX, "&center=ROM").getBody());
        assertThat(none).hasSize(1);
        assertThat(json.readTree(none.get(0)).get("records").asInt()).isZero();
    }

    @Test
    void valuesAreTheDatasetsValues() throws Exception {
        JsonNode adqs = json.readTree(http.getForEntity("/api/v1/datasets/adqs?format=dataset-json&subject=PAV-001&paramcd=MADRSTOT",
                byte[].class).getBody());
        // PAV-001 MADRS: T0 30 (baseline), W1 corrected 16 -> 15 (exactly -50 %), M1 10
        assertThat(adqs.get("records").asInt()).isEqualTo(3);
        JsonNode w1 = adqs.get("rows").get(1);
        List<String> vars = Datasets.ADQS.variables();
        assertThat(w1.get(vars.indexOf("AVISIT")).asText()).isEqualTo("W1");
        assertThat(w1.get(vars.indexOf("AVAL")).asText()).isEqualTo("15");
        assertThat(w1.get(vars.indexOf("PCHG")).asText()).isEqualTo("-50.00");
        assertThat(w1.get(vars.indexOf("CRIT1FL")).asText()).isEqualTo("Y");
        assertThat(w1.get(vars.indexOf("ABLFL")).isNull()).isTrue();
        assertThat(w1.get(vars.indexOf("ADY")).asInt()).isEqualTo(8);
        assertThat(w1.get(vars.indexOf("QSSEQ")).isIntegralNumber()).isTrue();
        assertThat(adqs.get("fileOID").asText()).contains("ADQS").contains("USUBJID-PAV-001").contains("PARAMCD-MADRSTOT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "dataset-json", "dataset-ndjson"})
    void anExportAskedAgainAtTheSameDatasetStateIsSentFromItsFileWithoutRenderingIt(String format) throws Exception {
        // a selection no other test asks for, so the first request here renders it
        String url = "/api/v1/datasets/adqs?format=" + format + "&center=PAV&avisit=W1";
        long before = exportCache.renders();
        ResponseEntity<byte[]> first = http.getForEntity(url, byte[].class);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exportCache.renders()).as("the first request renders").isEqualTo(before + 1);
        ResponseEntity<byte[]> second = http.getForEntity(url, byte[].class);
        assertThat(exportCache.renders()).as("the second request is sent from the file").isEqualTo(before + 1);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.getBody()));
        assertThat(first.getHeaders().getFirst(DatasetJsonExport.HASH_HEADER)).isEqualTo(sha);
        assertThat(second.getHeaders().getFirst(DatasetJsonExport.HASH_HEADER)).isEqualTo(sha);
        assertThat(second.getHeaders().getFirst(DatasetPosition.HEADER))
                .isEqualTo(first.getHeaders().getFirst(DatasetPosition.HEADER)).isEqualTo(Long.toString(projections.head()));
        assertThat(second.getHeaders().getContentType()).isEqualTo(first.getHeaders().getContentType());
        assertThat(second.getHeaders().getContentLength()).isEqualTo(first.getBody().length);
        assertThat(new String(first.getBody(), java.nio.charset.StandardCharsets.UTF_8)).contains("PAV-001");

        // the as-of answer at the head has the same rows, but is a snapshot of its own: rendered once, then kept
        String asOf = url + "&position=" + projections.head();
        ResponseEntity<byte[]> snapshot = http.getForEntity(asOf, byte[].class);
        assertThat(snapshot.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exportCache.renders()).isEqualTo(before + 2);
        ResponseEntity<byte[]> snapshotAgain = http.getForEntity(asOf, byte[].class);
        assertThat(exportCache.renders()).isEqualTo(before + 2);
        assertThat(snapshotAgain.getBody()).isEqualTo(snapshot.getBody()).isEqualTo(first.getBody());
        assertThat(snapshotAgain.getHeaders().getFirst(DatasetController.AS_OF_HEADER))
                .isEqualTo(Long.toString(projections.head()));
        assertThat(snapshotAgain.getHeaders().getFirst(DatasetJsonExport.HASH_HEADER)).isEqualTo(sha);
    }

    @Test
    void twoExportsAreByteIdenticalAndStateThePositionAndHash() throws Exception {
        long head = projections.head();
        for (Datasets dataset : Datasets.values()) {
            ResponseEntity<byte[]> first = export(dataset);
            ResponseEntity<byte[]> second = export(dataset);
            assertThat(second.getBody()).isEqualTo(first.getBody());
            assertThat(first.getHeaders().getFirst(DatasetPosition.HEADER)).isEqualTo(Long.toString(head));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.getBody()));
            assertThat(first.getHeaders().getFirst(DatasetJsonExport.HASH_HEADER)).isEqualTo(sha);
            assertThat(first.getHeaders().getFirst("Content-Disposition")).contains(dataset.table() + ".json");
            JsonNode export = json.readTree(first.getBody());
            // deterministic creation time: the acceptance time of the last ledger event the dataset reflects
            assertThat(export.get("datasetJSONCreationDateTime").asText()).matches(DATETIME);
            assertThat(export.get("fileOID").asText()).endsWith(".P" + head);
        }
    }

    @Test
    void jsonAndCsvStateThePositionToo() {
        long head = projections.head();
        for (String format : List.of("json", "csv")) {
            ResponseEntity<String> response = http.getForEntity("/api/v1/datasets/adsl?format=" + format, String.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getHeaders().getFirst(DatasetPosition.HEADER)).isEqualTo(Long.toString(head));
        }
    }

    @Test
    void aWrongFormatNamesDatasetJsonAmongTheChoices() throws Exception {
        ResponseEntity<String> response = http.getForEntity("/api/v1/datasets/adsl?format=xml", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(response.getBody()).get("errors").get(0).get("message").asText()).contains("dataset-json");
        assertThat(http.getForEntity("/api/v1/datasets/adzz?format=dataset-json", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/v1/datasets/adsl?format=dataset-json&paramcd=MADRSTOT", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    // ---------------------------------------------------------------------------------------- dictionary

    @Test
    void theDictionaryEndpointsServeEveryVariable() throws Exception {
        JsonNode all = json.readTree(http.getForEntity("/api/v1/datasets/dictionary", String.class).getBody());
        assertThat(all).hasSize(3);
        for (int d = 0; d < 3; d++) {
            Datasets dataset = Datasets.values()[d];
            JsonNode definition = all.get(d);
            assertThat(definition.get("name").asText()).isEqualTo(dataset.name());
            List<String> names = new ArrayList<>();
            definition.get("variables").forEach(v -> names.add(v.get("name").asText()));
            assertThat(names).containsExactlyElementsOf(dataset.variables());
        }
        ResponseEntity<String> adqs = http.getForEntity("/api/v1/datasets/adqs/dictionary", String.class);
        assertThat(adqs.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode aval = json.readTree(adqs.getBody()).get("variables").get(Datasets.ADQS.variables().indexOf("AVAL"));
        assertThat(aval.get("label").asText()).isEqualTo("Analysis Value");
        assertThat(aval.get("data_type").asText()).isEqualTo(DataType.DECIMAL.json());
        assertThat(aval.get("derivation").asText()).isNotBlank();
        JsonNode usubjid = json.readTree(adqs.getBody()).get("variables").get(1);
        assertThat(usubjid.get("key_sequence").asInt()).isEqualTo(2);
        assertThat(usubjid.get("length").asInt()).isEqualTo(12);
        JsonNode adt = json.readTree(adqs.getBody()).get("variables").get(Datasets.ADQS.variables().indexOf("ADT"));
        assertThat(adt.get("data_type").asText()).isEqualTo("date");
        assertThat(adt.get("target_data_type").asText()).isEqualTo("integer");
        assertThat(adt.get("display_format").asText()).isEqualTo("E8601DA.");
        assertThat(aval.get("target_data_type").asText()).isEqualTo("decimal");

        ResponseEntity<String> csv = http.getForEntity("/api/v1/datasets/adex/dictionary?format=csv", String.class);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", DataDictionary.CSV_COLUMNS));
        assertThat(lines).hasSize(1 + Datasets.ADEX.variables().size());
        assertThat(lines[1]).startsWith("ADEX,1,STUDYID,Study Identifier,string,,20,,1,");
        assertThat(lines[7]).startsWith("ADEX,7,ADTM,Analysis Datetime,datetime,integer,,E8601DT.,,");

        assertThat(http.getForEntity("/api/v1/datasets/adzz/dictionary", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theDictionaryMatchesTheColumnsTheDatasetEndpointOutputs() {
        for (Datasets dataset : Datasets.values()) {
            String header = http.getForEntity("/api/v1/datasets/" + dataset.table() + "?format=csv", String.class)
                    .getBody().split("\r\n")[0];
            assertThat(List.of(header.split(","))).containsExactlyElementsOf(DataDictionary.of(dataset).variableNames());
        }
    }
}
