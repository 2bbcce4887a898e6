package org.studyledger.hub.asof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.Cohort;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Sex;

/**
 * As-of snapshots (docs/as-of.md): the {@link Cohort} plus MIL-002 (T0 MADRS 30, a dose, T0 AAQ-II, W1 MADRS 20) are
 * exported at the ledger's head P1; then W1 MADRS is corrected to 15, the T0 AAQ-II retracted and an M1 MADRS (12)
 * recorded. Exports with {@code position=P1} or {@code asOf=<acceptance time of P1>} are byte-identical to the first
 * ones; the current ADQS differs exactly where the new events say.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfSnapshotTest {
    private static final List<String> ADQS = Datasets.ADQS.variables();
    private static final List<String> URLS = List.of("/api/v1/datasets/adqs?format=dataset-json",
            "/api/v1/datasets/adqs?format=csv", "/api/v1/datasets/adqs?format=json", "/api/v1/datasets/adsl?format=csv",
            "/api/v1/datasets/adex?format=dataset-json", "/api/v1/datasets/adqs?format=dataset-ndjson",
            "/api/v1/exports/odm");

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final Cohort cohort = new Cohort();
    private final SubjectScript mil2 = new SubjectScript("MIL-002");
    private AssessmentId mil2W1;
    private AssessmentId mil2T0Aaq;
    private long p1;
    private String p1AcceptedAt;
    private final Map<String, ResponseEntity<byte[]>> first = new LinkedHashMap<>();

    @BeforeAll
    void exportThenIngestMore() {
        mil2.enrol("2026-01-26T08:00:00.000Z", LocalDate.of(2026, 1, 26), 1975, Sex.M, 12, 2);
        mil2.assess("MADRS", "T0", "2026-01-27T07:30:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        mil2.dose(1, "2026-01-27T09:00:00.000Z", 56, new BloodPressure(125, 80), new BloodPressure(135, 85), 120, null);
        mil2W1 = mil2.assess("MADRS", "W1", "2026-02-03T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        mil2T0Aaq = mil2.assess("AAQ2", "T0", "2026-01-27T07:40:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3);
        cohort.feed(intake, hub);
        mil2.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS + 5);
        p1 = head();
        p1AcceptedAt = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE global_index = ?", String.class, p1);
        for (String url : URLS) {
            first.put(url, get(url));
        }

        mil2.correct(mil2W1, "2026-02-04T10:00:00.000Z", "transcription error", 2, 2, 2, 2, 2, 1, 1, 1, 1, 1);
        mil2.retract(mil2T0Aaq, "2026-02-04T10:05:00.000Z", "form belonged to another subject");
        mil2.assess("MADRS", "M1", "2026-02-24T09:00:00.000Z", 29, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1);
        mil2.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS + 8);
        assertThat(head()).isGreaterThan(p1);
    }

    private long head() {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    private ResponseEntity<byte[]> get(String url) {
        ResponseEntity<byte[]> response = http.getForEntity(url, byte[].class);
        assertThat(response.getStatusCode()).as("%s: %s", url, response.getBody() == null ? "" : new String(response.getBody()))
                .isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst(ContentHash.HEADER)).as(url).isEqualTo(ContentHash.of(response.getBody()));
        assertThat(response.getHeaders().getFirst("X-Ledger-Position")).as(url).isNotNull();
        return response;
    }

    private static String with(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    @Test
    void theFirstExportsReflectP1() {
        for (String url : URLS) {
            assertThat(first.get(url).getHeaders().getFirst("X-Ledger-Position")).as(url).isEqualTo(Long.toString(p1));
        }
    }

    @Test
    void anExportAtPositionP1IsByteIdenticalToTheFirst() {
        for (String url : URLS) {
            ResponseEntity<byte[]> then = first.get(url);
            ResponseEntity<byte[]> again = get(with(url, "position=" + p1));
            assertThat(again.getBody()).as(url).isEqualTo(then.getBody());
            assertThat(again.getHeaders().getFirst(ContentHash.HEADER)).as(url)
                    .isEqualTo(then.getHeaders().getFirst(ContentHash.HEADER));
            assertThat(again.getHeaders().getFirst("X-Ledger-Position")).as(url).isEqualTo(Long.toString(p1));
            // and the current export is not where the new events show (ADSL has no column they change; its CSV names no position)
            if (!url.contains("adsl")) {
                assertThat(get(url).getBody()).as(url).isNotEqualTo(then.getBody());
            }
        }
    }

    @Test
    void anExportAsOfTheAcceptanceTimeOfP1IsByteIdenticalToTheFirst() {
        for (String url : URLS) {
            ResponseEntity<byte[]> then = first.get(url);
            ResponseEntity<byte[]> again = get(with(url, "asOf=" + p1AcceptedAt));
            assertThat(again.getBody()).as(url).isEqualTo(then.getBody());
            assertThat(again.getHeaders().getFirst(ContentHash.HEADER)).as(url)
                    .isEqualTo(then.getHeaders().getFirst(ContentHash.HEADER));
        }
    }

    @Test
    void theCurrentExportDiffersExactlyWhereTheNewEventsSay() throws Exception {
        Map<String, JsonNode> before = rows(first.get(URLS.get(0)).getBody());
        Map<String, JsonNode> now = rows(get(URLS.get(0)).getBody());
        String corrected = mil2W1 + "/MADRSTOT";
        String retracted = mil2T0Aaq + "/AAQTOT";
        // the retracted row is gone
        assertThat(before).containsKey(retracted);
        assertThat(now).doesNotContainKey(retracted);
        // the corrected row: AVAL 20 -> 15, CHG -10 -> -15, PCHG -33.33 -> -50.00 (baseline 30)
        JsonNode was = before.get(corrected);
        JsonNode is = now.get(corrected);
        assertThat(decimal(was, "AVAL")).isEqualByComparingTo("20");
        assertThat(decimal(was, "CHG")).isEqualByComparingTo("-10");
        assertThat(decimal(was, "PCHG")).isEqualByComparingTo("-33.33");
        assertThat(decimal(is, "AVAL")).isEqualByComparingTo("15");
        assertThat(decimal(is, "CHG")).isEqualByComparingTo("-15");
        assertThat(decimal(is, "PCHG")).isEqualByComparingTo("-50.00");
        for (String v : ADQS) {
            if (!List.of("AVAL", "CHG", "PCHG", "CRIT1FL", "CRIT2FL").contains(v)) {
                assertThat(is.get(ADQS.indexOf(v))).as(v).isEqualTo(was.get(ADQS.indexOf(v)));
            }
        }
        // the new visit: M1 MADRS 12, CHG -18, PCHG -60.00
        List<String> added = now.keySet().stream().filter(k -> !before.containsKey(k)).toList();
        assertThat(added).hasSize(1);
        JsonNode m1 = now.get(added.get(0));
        assertThat(m1.get(ADQS.indexOf("USUBJID")).asText()).isEqualTo("MIL-002");
        assertThat(m1.get(ADQS.indexOf("PARAMCD")).asText()).isEqualTo("MADRSTOT");
        assertThat(m1.get(ADQS.indexOf("VISIT")).asText()).isEqualTo("M1");
        assertThat(decimal(m1, "AVAL")).isEqualByComparingTo("12");
        assertThat(decimal(m1, "CHG")).isEqualByComparingTo("-18");
        assertThat(decimal(m1, "PCHG")).isEqualByComparingTo("-60.00");
        // every other row is identical
        for (Map.Entry<String, JsonNode> row : before.entrySet()) {
            if (!row.getKey().equals(corrected) && !row.getKey().equals(retracted)) {
                assertThat(now.get(row.getKey())).as(row.getKey()).isEqualTo(row.getValue());
            }
        }
        assertThat(now).hasSize(before.size());
    }

    /** ADQS rows of a Dataset-JSON export by {@code QSREFID/PARAMCD}. */
    private Map<String, JsonNode> rows(byte[] export) throws Exception {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode row : json.readTree(export).get("rows")) {
            String key = row.get(ADQS.indexOf("QSREFID")).asText() + "/" + row.get(ADQS.indexOf("PARAMCD")).asText();
            assertThat(rows.put(key, row)).as(key).isNull();
        }
        return rows;
    }

    private static BigDecimal decimal(JsonNode row, String variable) {
        return new BigDecimal(row.get(ADQS.indexOf(variable)).asText());
    }

    @Test
    void wrongParametersAre422() throws Exception {
        long head = head();
        for (String url : List.of("/api/v1/datasets/adqs?format=dataset-json", "/api/v1/datasets/adsl", "/api/v1/exports/odm")) {
            assertProblem(with(url, "position=" + p1 + "&asOf=" + p1AcceptedAt), "asOf", "position");
            assertProblem(with(url, "asOf=yesterday"), "asOf");
            assertProblem(with(url, "asOf=2026-02-30"), "asOf");
            assertProblem(with(url, "position=abc"), "position");
            assertProblem(with(url, "position=-3"), "position");
            assertProblem(with(url, "position=" + (head + 1)), "position");
        }
    }

    private void assertProblem(String url, String... fields) throws Exception {
        ResponseEntity<String> response = http.getForEntity(url, String.class);
        assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode errors = json.readTree(response.getBody()).get("errors");
        List<String> named = new java.util.ArrayList<>();
        errors.forEach(e -> named.add(e.get("field").asText()));
        assertThat(named).as(url).containsExactlyInAnyOrder(fields);
    }

    @Test
    void anAsOfBeforeTheFirstEventIsTheEmptyDataset() throws Exception {
        ResponseEntity<byte[]> empty = get("/api/v1/datasets/adsl?format=dataset-json&asOf=2000-01-01T00:00:00Z");
        assertThat(json.readTree(empty.getBody()).get("records").asInt()).isZero();
        assertThat(empty.getHeaders().getFirst("X-Ledger-Position")).isEqualTo("-1");
    }

    @Test
    void aSnapshotLeavesNothingBehind() {
        String before = checksum("adqs") + checksum("adsl") + checksum("dataset_form");
        get("/api/v1/datasets/adqs?format=csv&position=" + p1);
        get("/api/v1/datasets/adsl?format=dataset-json&position=" + p1);
        assertThat(checksum("adqs") + checksum("adsl") + checksum("dataset_form")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'replay\\_%'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relpersistence = 't'", Integer.class)).isZero();
    }

    private String checksum(String table) {
        return jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text COLLATE \"C\")), '-')"
                + " FROM " + table + " t", String.class);
    }
}
