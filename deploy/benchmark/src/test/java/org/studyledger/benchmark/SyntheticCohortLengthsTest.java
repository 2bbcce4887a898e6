package org.studyledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.benchmark.load.LedgerLoader;
import org.studyledger.benchmark.load.LoadSummary;
import org.studyledger.benchmark.load.SyntheticCohort;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.dataset.dictionary.DataDictionary;
import org.studyledger.hub.dataset.dictionary.Variable;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The synthetic cohort (the generator's 36 subjects over PAV, MIL and ROM, every special case of it: withdrawals,
 * withheld doses, overrides, corrections, retractions, adverse events), recorded as its centers would and loaded into
 * a hub on real PostgreSQL, then exported in every form that declares lengths: each dataset as Dataset-JSON (JSON and
 * NDJSON) and CSV, and the whole study as ODM. Every text value must fit the length its column or ItemDef declares,
 * and every number its ODM Length: a value longer than its defined length is a defect of the definition (or of the
 * generator), caught here.
 */
class SyntheticCohortLengthsTest {
    private static final SyntheticCohort COHORT = new SyntheticCohort(42, 36, 12);

    @TempDir
    Path keys;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void everyExportedValueOfTheSyntheticCohortFitsItsDefinedLength() throws Exception {
        TestDatabase db = TestInfrastructure.newDatabase("cohort-lengths");
        Path out = Files.createDirectories(Path.of("target", "cohort-lengths-test"));
        HubSettings settings = new HubSettings(HubSettings.Mode.SERVE, db.jdbcUrl(), db.user(),
                db.password() == null ? "" : db.password(), out.resolve("hub.log"), COHORT, 2, 0, false, keys,
                TestIssuer.settings(TestIssuer.HUB_AUDIENCE).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
        try (ConfigurableApplicationContext hub = HubProcess.start(settings)) {
            LoadSummary load = new LedgerLoader(hub).load(COHORT, 2, 0, false, line -> { });
            assertThat(load.subjects()).isEqualTo(36);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) hub).getWebServer().getPort();
            List<String> tooLong = new ArrayList<>();
            int checked = 0;
            for (Datasets dataset : Datasets.values()) {
                String url = base + "/api/v1/datasets/" + dataset.table();
                checked += datasetJson(json.readTree(get(url + "?format=dataset-json")), tooLong);
                checked += ndjson(get(url + "?format=dataset-ndjson"), tooLong);
                checked += csv(dataset, get(url + "?format=csv"), tooLong);
            }
            checked += odm(get(base + "/api/v1/exports/odm"), tooLong);
            assertThat(tooLong).as("values longer than their defined length").isEmpty();
            assertThat(checked).as("values checked").isGreaterThan(10_000);
        }
    }

    @Test
    void aValueLongerThanItsColumnsLengthIsCaught() throws Exception {
        JsonNode export = json.readTree("""
                {"name": "ADSL", "columns": [{"name": "DCSREAS", "dataType": "string", "length": 5},
                 {"name": "AGE", "dataType": "integer"}], "rows": [["moved", 61], ["moved abroad", 70], [null, 9999]]}""");
        List<String> tooLong = new ArrayList<>();
        datasetJson(export, tooLong);
        assertThat(tooLong).containsExactly("ADSL.DCSREAS row 2: 12 characters, length 5: moved abroad");
        tooLong.clear();
        odm(("<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\"><ItemDef OID=\"I.T\" DataType=\"text\" Length=\"2\"/>"
                + "<ItemDef OID=\"I.N\" DataType=\"integer\" Length=\"2\"/><ItemDef OID=\"I.F\" DataType=\"float\" Length=\"5\""
                + " SignificantDigits=\"4\"/><ItemData ItemOID=\"I.T\" Value=\"abc\"/><ItemData ItemOID=\"I.N\" Value=\"-99\"/>"
                + "<ItemData ItemOID=\"I.N\" Value=\"100\"/><ItemData ItemOID=\"I.F\" Value=\"1.23456\"/>"
                + "<ItemData ItemOID=\"I.F\" Value=\"12.5\"/><ItemData ItemOID=\"I.F\" Value=\"3.0000\"/></ODM>")
                .getBytes(StandardCharsets.UTF_8), tooLong);
        assertThat(tooLong).containsExactly("I.T = abc: text of Length 2", "I.N = 100: integer of Length 2",
                "I.F = 1.23456: float of Length 5, SignificantDigits 4", "I.F = 12.5: float of Length 5, SignificantDigits 4");
    }

    private byte[] get(String url) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization",
                        "Bearer " + TestIssuer.hubToken(Identity.study("lengths-reader", "analyst", "auditor"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** Checks a Dataset-JSON export's rows against its own columns; returns the number of values checked. */
    private static int datasetJson(JsonNode export, List<String> tooLong) {
        int checked = 0;
        for (JsonNode row : export.get("rows")) {
            checked += row(export, row, tooLong);
        }
        return checked;
    }

    private int ndjson(byte[] body, List<String> tooLong) throws Exception {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        JsonNode metadata = json.readTree(lines[0]);
        int checked = 0;
        for (int i = 1; i < lines.length; i++) {
            checked += row(metadata, json.readTree(lines[i]), tooLong);
        }
        return checked;
    }

    private static int row(JsonNode metadata, JsonNode row, List<String> tooLong) {
        JsonNode columns = metadata.get("columns");
        for (int c = 0; c < columns.size(); c++) {
            JsonNode column = columns.get(c);
            JsonNode value = row.get(c);
            if (column.get("dataType").asText().equals("string")) {
                assertThat(column.has("length")).as("%s.%s has a length", metadata.get("name").asText(),
                        column.get("name").asText()).isTrue();
                if (!value.isNull()) {
                    check(metadata.get("name").asText() + "." + column.get("name").asText(), row, value.asText(),
                            column.get("length").asInt(), metadata.get("rows"), tooLong);
                }
            }
        }
        return columns.size();
    }

    private static void check(String variable, JsonNode row, String value, int length, JsonNode rows, List<String> tooLong) {
        int characters = value.codePointCount(0, value.length());
        if (characters > length) {
            int index = 0;
            if (rows != null) {
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i) == row) {
                        index = i + 1;
                    }
                }
            }
            tooLong.add(variable + " row " + index + ": " + characters + " characters, length " + length + ": " + value);
        }
    }

    /** Checks a CSV answer's string fields against the data dictionary's lengths. */
    private static int csv(Datasets dataset, byte[] body, List<String> tooLong) throws Exception {
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(new String(body, StandardCharsets.UTF_8)))
                .getRecords();
        List<Variable> variables = DataDictionary.of(dataset).variables();
        assertThat(records.get(0).toList()).containsExactlyElementsOf(DataDictionary.of(dataset).variableNames());
        int checked = 0;
        for (CSVRecord record : records.subList(1, records.size())) {
            for (int c = 0; c < variables.size(); c++) {
                Variable v = variables.get(c);
                if (v.tooLong(record.get(c))) {
                    tooLong.add(dataset + ".csv line " + record.getRecordNumber() + " " + v.name() + ": " + record.get(c));
                }
                checked++;
            }
        }
        return checked;
    }

    /** Checks every ItemData value of an ODM file against its ItemDef, as ODM 1.3.2 reads Length and SignificantDigits. */
    private static int odm(byte[] body, List<String> tooLong) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document odm = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Map<String, Element> defs = new HashMap<>();
        NodeList itemDefs = odm.getElementsByTagNameNS("*", "ItemDef");
        for (int i = 0; i < itemDefs.getLength(); i++) {
            Element def = (Element) itemDefs.item(i);
            defs.put(def.getAttribute("OID"), def);
        }
        NodeList data = odm.getElementsByTagNameNS("*", "ItemData");
        int checked = 0;
        for (int i = 0; i < data.getLength(); i++) {
            Element item = (Element) data.item(i);
            if (!item.hasAttribute("Value")) {
                continue;
            }
            String oid = item.getAttribute("ItemOID");
            String value = item.getAttribute("Value");
            Element def = defs.get(oid);
            assertThat(def).as("ItemDef %s", oid).isNotNull();
            String type = def.getAttribute("DataType");
            boolean fits = switch (type) {
                case "text" -> value.codePointCount(0, value.length()) <= Integer.parseInt(def.getAttribute("Length"));
                case "integer" -> new BigInteger(value).abs().compareTo(BigInteger.TEN.pow(
                        Integer.parseInt(def.getAttribute("Length")))) < 0;
                case "float" -> {
                    BigDecimal number = new BigDecimal(value);
                    int length = Integer.parseInt(def.getAttribute("Length"));
                    int digits = Integer.parseInt(def.getAttribute("SignificantDigits"));
                    yield number.scale() <= digits && number.abs().compareTo(BigDecimal.TEN.pow(length - digits)) < 0;
                }
                default -> true; // dates and datetimes have no Length
            };
            if (!fits) {
                tooLong.add(oid + " = " + value + ": " + type + " of Length " + def.getAttribute("Length")
                        + (type.equals("float") ? ", SignificantDigits " + def.getAttribute("SignificantDigits") : ""));
            }
            checked++;
        }
        return checked;
    }
}
