package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.asof.ContentHash;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.Cohort;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Sex;

/**
 * The views against the first dose's instant, fed through the ledger and worked by hand (zone Europe/Rome, UTC+1 in
 * winter; ESK-TRD windows T0 pre-dose, W1 days 5..11):
 * <ul>
 *   <li>PAV-001 — first dose at 10:00 on 2026-01-12; a MADRS (recorded for W1) taken at 14:00 that day, entered first;
 *   the T0 MADRS taken at 08:00 before the dose, transcribed afterwards. T0 (30) is the baseline; the 14:00 form (20)
 *   is post-baseline on day 1, UNSCHEDULED, and the latest MADRS by instant although it was entered first.</li>
 *   <li>PAV-002 — never dosed (its one session was withheld): T0 MADRS 30, W1 MADRS 22. The T0 form is the baseline,
 *   W1 is not, and there is no post-baseline row.</li>
 *   <li>PAV-003 — T0 MADRS 30 and W1 MADRS 15 recorded before any dose was entered (W1 recorded out of window, no study
 *   day); then the first dose, given at 10:00 on 2026-01-12, is entered late. Before it: W1 at AVISIT T0, out of window
 *   everywhere. After it: day 8, in window, -50 % (a response) in the timeline, the summary and ADQS alike.</li>
 *   <li>PAV-004 — T0 MADRS 0 and W1 MADRS 0: no percent change, never a response, not response-evaluable.</li>
 *   <li>MIL-001 — the subject of the ADQS CSV example in docs/hub.md, with its assessment ids.</li>
 * </ul>
 * Stage 1 feeds everything but PAV-003's dose (ledger head P1); stage 2 feeds the dose.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstDoseViewsTest {
    private static final String MIL_T0 = "8e8e0b9e-8a85-4c92-aae5-94b1335d60aa";
    private static final String MIL_W1 = "b0bbcf43-3bf3-4cb2-b5a7-ec9179d857f9";
    private static final List<String> SUMMARIES = List.of("/api/v1/cohort/summary", "/api/v1/cohort/summary?format=csv");

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
    private final SubjectScript pav1 = new SubjectScript("PAV-001");
    private final SubjectScript pav2 = new SubjectScript("PAV-002");
    private final SubjectScript pav3 = new SubjectScript("PAV-003");
    private final SubjectScript pav4 = new SubjectScript("PAV-004");
    private final SubjectScript mil1 = new SubjectScript("MIL-001");
    private AssessmentId pav1Afternoon;
    private AssessmentId pav3W1;
    private long p1;
    private final List<ResponseEntity<byte[]>> summariesAtP1 = new ArrayList<>();

    @BeforeAll
    void stageOne() {
        pav1.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1970, Sex.F, 14, 3);
        pav1.dose(1, "2026-01-12T09:00:00.000Z", 56, new BloodPressure(128, 82), new BloodPressure(141, 90), 120, null);
        pav1Afternoon = pav1.assess(AssessmentId.random(), "MADRS", "W1", "2026-01-12T13:00:00.000Z", 1, true,
                SubjectScript.items("MADRS", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
        pav1.assess(AssessmentId.random(), "MADRS", "T0", "2026-01-12T07:00:00.000Z", 1, false,
                SubjectScript.items("MADRS", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));

        pav2.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1980, Sex.M, 10, 2);
        pav2.assess("MADRS", "T0", "2026-01-09T09:00:00.000Z", null, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        pav2.withhold(1, "2026-01-12T09:00:00.000Z", "pre-dose BP 170/105", new BloodPressure(170, 105));
        pav2.assess(AssessmentId.random(), "MADRS", "W1", "2026-01-20T09:00:00.000Z", null, true,
                SubjectScript.items("MADRS", 3, 3, 2, 2, 2, 2, 2, 2, 2, 2));

        pav3.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1975, Sex.F, 20, 3);
        pav3.assess(AssessmentId.random(), "MADRS", "T0", "2026-01-12T07:00:00.000Z", null, false,
                SubjectScript.items("MADRS", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        pav3W1 = pav3.assess(AssessmentId.random(), "MADRS", "W1", "2026-01-19T09:00:00.000Z", null, true,
                SubjectScript.items("MADRS", 2, 2, 2, 2, 2, 1, 1, 1, 1, 1));

        pav4.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1990, Sex.F, 6, 2);
        pav4.assess("MADRS", "T0", "2026-01-12T07:00:00.000Z", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        pav4.dose(1, "2026-01-12T09:00:00.000Z", 56, new BloodPressure(120, 80), new BloodPressure(125, 82), 120, null);
        pav4.assess("MADRS", "W1", "2026-01-19T09:00:00.000Z", 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        mil1.enrol("2026-01-07T08:00:00.000Z", LocalDate.of(2026, 1, 7), 1958, Sex.M, 30, 2);
        mil1.assess(AssessmentId.of(MIL_T0), "MADRS", "T0", "2026-01-08T08:00:00.000Z", 1, false,
                SubjectScript.items("MADRS", 3, 3, 3, 3, 3, 3, 3, 3, 2, 2));
        mil1.dose(1, "2026-01-08T09:00:00.000Z", 28, new BloodPressure(120, 80), new BloodPressure(130, 85), 120, null);
        mil1.assess(AssessmentId.of(MIL_W1), "MADRS", "W1", "2026-01-15T09:00:00.000Z", 8, false,
                SubjectScript.items("MADRS", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2));

        for (SubjectScript s : List.of(pav1, pav2, pav3, pav4, mil1)) {
            s.feed(intake, hub);
        }
        Cohort.awaitCaughtUp(http, events());
        p1 = head();
        for (String url : SUMMARIES) {
            summariesAtP1.add(bytes(url));
        }
    }

    private int events() {
        return List.of(pav1, pav2, pav3, pav4, mil1).stream().mapToInt(s -> s.envelopes().size()).sum();
    }

    private void stageTwo() {
        if (head() > p1) {
            return;
        }
        pav3.dose(1, "2026-01-12T09:00:00.000Z", 56, new BloodPressure(125, 80), new BloodPressure(135, 85), 120, null);
        pav3.feed(intake, hub);
        Cohort.awaitCaughtUp(http, events());
    }

    private long head() {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    private long lastPositionOf(String subject) {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, subject);
    }

    private JsonNode get(String url) throws Exception {
        ResponseEntity<String> response = http.getForEntity(url, String.class);
        assertThat(response.getStatusCode()).as("GET %s: %s", url, response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private ResponseEntity<byte[]> bytes(String url) {
        ResponseEntity<byte[]> response = http.getForEntity(url, byte[].class);
        assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst(ContentHash.HEADER)).as(url).isEqualTo(ContentHash.of(response.getBody()));
        return response;
    }

    private static JsonNode row(JsonNode rows, String member, String value) {
        return StreamSupport.stream(rows.spliterator(), false).filter(r -> r.get(member).asText().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError("no row with " + member + " = " + value + " in " + rows));
    }

    private static JsonNode entry(JsonNode timeline, String assessmentId) {
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(e -> e.get("event_type").asText().equals("AssessmentRecorded")
                        && e.get("details").get("payload").get("assessment_id").asText().equals(assessmentId))
                .findFirst().orElseThrow(() -> new AssertionError("no timeline entry of " + assessmentId));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static void decimal(JsonNode node, String expected) {
        assertThat(node.isNumber()).as("%s is a number", node).isTrue();
        assertThat(node.decimalValue()).isEqualByComparingTo(new BigDecimal(expected));
    }

    private static JsonNode line(JsonNode lines, String group, String visit) {
        for (JsonNode l : lines) {
            if (l.get("group").asText().equals(group) && l.get("avisit").asText().equals(visit)) {
                return l;
            }
        }
        throw new AssertionError("no line " + group + " " + visit);
    }

    // ------------------------------------------------------------------------ stage 1: as the ledger stood at P1

    @Test
    @Order(1)
    void aMadrsAt14AfterA10OClockFirstDoseIsPostBaselineAndTheLatestByInstant() throws Exception {
        JsonNode adqs = get("/api/v1/datasets/adqs?subject=PAV-001&paramcd=MADRSTOT");
        JsonNode t0 = row(adqs, "VISIT", "T0");
        assertThat(t0.get("ABLFL").asText()).isEqualTo("Y");
        assertThat(t0.get("AVISIT").asText()).isEqualTo("T0");
        assertThat(t0.get("ADTM").asText()).isEqualTo("2026-01-12T07:00:00.000Z");
        assertThat(t0.get("ADY").asInt()).isEqualTo(1);
        JsonNode afternoon = row(adqs, "QSREFID", pav1Afternoon.toString());
        assertThat(afternoon.get("ADY").asInt()).isEqualTo(1);
        assertThat(afternoon.get("ADTM").asText()).isEqualTo("2026-01-12T13:00:00.000Z");
        assertThat(afternoon.get("AVISIT").asText()).isEqualTo("UNSCHEDULED");
        assertThat(afternoon.get("ABLFL").isNull()).isTrue();
        decimal(afternoon.get("BASE"), "30");
        decimal(afternoon.get("CHG"), "-10");                         // 20 - 30
        assertThat(afternoon.get("PCHG").asText()).isEqualTo("-33.33");  // -10 / 30
        assertThat(afternoon.get("CRIT1FL").asText()).isEqualTo("N");
        JsonNode adsl = get("/api/v1/datasets/adsl?subject=PAV-001").get(0);
        assertThat(adsl.get("TRTSDTM").asText()).isEqualTo("2026-01-12T09:00:00.000Z");
        decimal(adsl.get("BMADRS"), "30");

        JsonNode summary = get("/api/v1/subjects/PAV-001");
        decimal(summary.get("baseline_madrs"), "30");
        // entered first, taken last: the latest by instant, not by date and then ledger order
        decimal(summary.get("latest_madrs"), "20");
        assertThat(summary.get("latest_madrs_visit").asText()).isEqualTo("UNSCHEDULED");
        assertThat(summary.get("latest_madrs_day").asInt()).isEqualTo(1);
        assertThat(summary.get("response").asBoolean()).isFalse();
        assertThat(texts(summary.get("out_of_window_visits"))).containsExactly("W1");

        JsonNode timeline = get("/api/v1/subjects/PAV-001/timeline");
        assertThat(entry(timeline, pav1Afternoon.toString()).get("summary").asText())
                .isEqualTo("MADRS/1 at W1 (day 1): total 20 (moderate); out of window");
    }

    @Test
    @Order(2)
    void aSubjectNeverDosedHasItsT0FormAsBaselineAndNoPostBaselineRow() throws Exception {
        JsonNode adqs = get("/api/v1/datasets/adqs?subject=PAV-002");
        assertThat(adqs).hasSize(2);
        JsonNode t0 = row(adqs, "VISIT", "T0");
        JsonNode w1 = row(adqs, "VISIT", "W1");
        assertThat(t0.get("ABLFL").asText()).isEqualTo("Y");
        assertThat(t0.get("ANL01FL").asText()).isEqualTo("Y");
        assertThat(w1.get("ABLFL").isNull()).as("W1 is not the baseline").isTrue();
        assertThat(w1.get("ANL01FL").isNull()).isTrue();
        for (JsonNode r : adqs) {
            assertThat(r.get("AVISIT").asText()).isEqualTo("T0");
            assertThat(r.get("ADY").isNull()).isTrue();
            decimal(r.get("BASE"), "30");
            for (String v : List.of("CHG", "PCHG", "CRIT1", "CRIT1FL", "CRIT2", "CRIT2FL")) {
                assertThat(r.get(v).isNull()).as(v).isTrue();
            }
        }
        JsonNode summary = get("/api/v1/subjects/PAV-002");
        decimal(summary.get("baseline_madrs"), "30");
        decimal(summary.get("latest_madrs"), "22");
        assertThat(summary.has("latest_madrs_day")).isFalse();
        assertThat(summary.has("response")).isFalse();
        assertThat(summary.has("remission")).isFalse();
        assertThat(texts(summary.get("out_of_window_visits"))).containsExactly("W1");
        assertThat(get("/api/v1/datasets/adsl?subject=PAV-002").get(0).get("TRTSDTM").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void beforeTheLateDoseArrivesTheFormsAreUnplacedEverywhere() throws Exception {
        assertThat(head()).isEqualTo(p1);
        JsonNode w1 = row(get("/api/v1/datasets/adqs?subject=PAV-003"), "VISIT", "W1");
        assertThat(w1.get("AVISIT").asText()).isEqualTo("T0");
        assertThat(w1.get("ADY").isNull()).isTrue();
        assertThat(w1.get("CHG").isNull()).isTrue();
        JsonNode summary = get("/api/v1/subjects/PAV-003");
        assertThat(texts(summary.get("out_of_window_visits"))).containsExactly("W1");
        assertThat(summary.has("latest_madrs_day")).isFalse();
        JsonNode entry = entry(get("/api/v1/subjects/PAV-003/timeline"), pav3W1.toString());
        assertThat(entry.get("summary").asText()).isEqualTo("MADRS/1 at W1: total 15 (mild); out of window");
        assertThat(entry.get("details").get("timing").get("out_of_window").asBoolean()).isTrue();
        assertThat(entry.get("details").get("timing").get("study_day").isNull()).isTrue();
    }

    @Test
    @Order(4)
    void theAdqsCsvExampleOfTheDocsIsTheRealOutput() throws Exception {
        List<String> documented = documentedExample("GET /api/v1/datasets/adqs?subject=MIL-001&format=csv");
        String actual = new String(bytes("/api/v1/datasets/adqs?subject=MIL-001&format=csv").getBody(),
                StandardCharsets.UTF_8);
        assertThat(actual.split("\r\n")).containsExactlyElementsOf(documented);
    }

    /** The lines of the code block in docs/hub.md that starts with {@code request} and a blank line. */
    private static List<String> documentedExample(String request) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/hub.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/hub.md above the working directory").isNotNull();
        List<String> lines = Files.readAllLines(dir.resolve("docs/hub.md"), StandardCharsets.UTF_8);
        int at = lines.indexOf(request);
        assertThat(at).as("docs/hub.md has the example '%s'", request).isNotNegative();
        List<String> block = new ArrayList<>();
        for (int i = at + 2; !lines.get(i).startsWith("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    @Test
    @Order(5)
    void theCohortSummaryCountsAnalysisRecordsAndLeavesABaselineOfZeroOutOfTheResponseRate() throws Exception {
        JsonNode lines = get("/api/v1/cohort/summary");
        // T0: PAV-001 30, PAV-002 30, PAV-003 30, PAV-004 0, MIL-001 28: mean 23.60; deviations 6.4 ×3, -23.6, 4.4:
        // squares 122.88 + 556.96 + 19.36 = 699.2, / 4 = 174.8, sqrt = 13.221… → 13.22
        JsonNode t0 = line(lines, "ALL", "T0");
        assertThat(t0.get("n").asInt()).isEqualTo(5);
        assertThat(t0.get("mean").decimalValue()).isEqualTo(new BigDecimal("23.60"));
        assertThat(t0.get("sd").decimalValue()).isEqualTo(new BigDecimal("13.22"));
        // W1 at P1: MIL-001 20 (-28.57 %), PAV-004 0 (baseline 0, no PCHG); PAV-001's day-1 form is UNSCHEDULED and
        // PAV-002's and PAV-003's W1 forms are pre-dose (no dose yet)
        JsonNode w1 = line(lines, "ALL", "W1");
        assertThat(w1.get("n").asInt()).isEqualTo(2);
        assertThat(w1.get("mean").decimalValue()).isEqualTo(new BigDecimal("10.00"));
        assertThat(w1.get("n_response_evaluated").asInt()).isEqualTo(1);
        assertThat(w1.get("responders").asInt()).isZero();
        assertThat(w1.get("responders_pct").decimalValue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(w1.get("n_remission_evaluated").asInt()).isEqualTo(2);
        assertThat(w1.get("remitters").asInt()).isEqualTo(1);          // PAV-004: 0 <= 10
        assertThat(w1.get("remitters_pct").decimalValue()).isEqualTo(new BigDecimal("50.00"));
    }

    // ------------------------------------------------------------------------ stage 2: the late dose

    @Test
    @Order(10)
    void aFirstDoseEnteredLateMovesTheTimelineTheSummaryAndAdqsAlike() throws Exception {
        stageTwo();
        JsonNode w1 = row(get("/api/v1/datasets/adqs?subject=PAV-003"), "VISIT", "W1");
        assertThat(w1.get("AVISIT").asText()).isEqualTo("W1");
        assertThat(w1.get("ADY").asInt()).isEqualTo(8);
        assertThat(w1.get("ANL01FL").asText()).isEqualTo("Y");
        assertThat(w1.get("PCHG").asText()).isEqualTo("-50.00");        // 15 from 30
        assertThat(w1.get("CRIT1FL").asText()).isEqualTo("Y");

        JsonNode summary = get("/api/v1/subjects/PAV-003");
        assertThat(summary.get("first_dose_date").asText()).isEqualTo("2026-01-12");
        assertThat(summary.get("latest_madrs_day").asInt()).isEqualTo(8);
        assertThat(summary.get("latest_madrs_visit").asText()).isEqualTo("W1");
        assertThat(summary.get("response").asBoolean()).isTrue();
        assertThat(summary.get("out_of_window_visits")).isEmpty();

        JsonNode timeline = get("/api/v1/subjects/PAV-003/timeline");
        JsonNode entry = entry(timeline, pav3W1.toString());
        assertThat(entry.get("summary").asText()).isEqualTo("MADRS/1 at W1 (day 8): total 15 (mild);"
                + " recorded as out of window; in window by the current first dose");
        JsonNode timing = entry.get("details").get("timing");
        assertThat(timing.get("study_day").asInt()).isEqualTo(8);
        assertThat(timing.get("analysis_visit").asText()).isEqualTo("W1");
        assertThat(timing.get("out_of_window").asBoolean()).isFalse();
        // the event as recorded is unchanged
        assertThat(entry.get("details").get("payload").get("out_of_window").asBoolean()).isTrue();
        assertThat(entry.get("details").get("payload").has("study_day")).isFalse();
        assertThat(timeline.get(1).get("summary").asText()).isEqualTo("MADRS/1 at T0 (day 1): total 30 (moderate)");
    }

    @Test
    @Order(11)
    void theRowsRewrittenForTheLateDoseAreWhatAReplayGives() throws Exception {
        stageTwo();
        ResponseEntity<String> proof = http.postForEntity("/api/v1/admin/projections/replay-proof?timeout=PT1M", null,
                String.class);
        assertThat(proof.getStatusCode()).as(proof.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode report = json.readTree(proof.getBody());
        assertThat(report.get("equal").asBoolean()).as(proof.getBody()).isTrue();
    }

    @Test
    @Order(12)
    void theCohortSummaryAsOfP1IsByteIdenticalToTheAnswerThen() throws Exception {
        stageTwo();
        String acceptedAt = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE global_index = ?",
                String.class, p1);
        for (int i = 0; i < SUMMARIES.size(); i++) {
            String url = SUMMARIES.get(i);
            ResponseEntity<byte[]> then = summariesAtP1.get(i);
            assertThat(then.getHeaders().getFirst("X-Ledger-Position")).as(url).isEqualTo(Long.toString(p1));
            for (String point : List.of("position=" + p1, "asOf=" + acceptedAt)) {
                ResponseEntity<byte[]> again = bytes(url + (url.contains("?") ? "&" : "?") + point);
                assertThat(again.getBody()).as(url + " " + point).isEqualTo(then.getBody());
                assertThat(again.getHeaders().getFirst(ContentHash.HEADER)).isEqualTo(then.getHeaders()
                        .getFirst(ContentHash.HEADER));
                assertThat(again.getHeaders().getFirst("X-Ledger-Position")).isEqualTo(Long.toString(p1));
                assertThat(again.getHeaders().getFirst("X-As-Of-Position")).isEqualTo(Long.toString(p1));
            }
            // now PAV-003's W1 is an analysis record: W1 has three values, 15, 20 and 0
            ResponseEntity<byte[]> now = bytes(url);
            assertThat(now.getBody()).as(url).isNotEqualTo(then.getBody());
            assertThat(now.getHeaders().getFirst("X-Ledger-Position")).isEqualTo(Long.toString(head()));
        }
        JsonNode w1 = line(get("/api/v1/cohort/summary"), "ALL", "W1");
        assertThat(w1.get("n").asInt()).isEqualTo(3);
        assertThat(w1.get("n_response_evaluated").asInt()).isEqualTo(2);   // PAV-004's baseline is 0
        assertThat(w1.get("responders_pct").decimalValue()).isEqualTo(new BigDecimal("50.00"));
    }

    @Test
    @Order(13)
    void aSubjectFilteredAnswerStatesTheSubjectsOwnLastPosition() throws Exception {
        stageTwo();
        for (String format : List.of("json", "csv", "dataset-json")) {
            ResponseEntity<byte[]> adqs = bytes("/api/v1/datasets/adqs?subject=PAV-001&format=" + format);
            assertThat(adqs.getHeaders().getFirst("X-Ledger-Position")).as(format).isEqualTo(Long.toString(head()));
            assertThat(adqs.getHeaders().getFirst("X-Subject-Ledger-Position")).as(format)
                    .isEqualTo(Long.toString(lastPositionOf("PAV-001")));
        }
        // as of P1, PAV-003's last event was its W1 form
        long pav3AtP1 = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'PAV-003' AND global_index <= ?", Long.class, p1);
        ResponseEntity<byte[]> then = bytes("/api/v1/datasets/adqs?subject=PAV-003&position=" + p1);
        assertThat(then.getHeaders().getFirst("X-Subject-Ledger-Position")).isEqualTo(Long.toString(pav3AtP1));
        assertThat(bytes("/api/v1/datasets/adqs?subject=PAV-003").getHeaders().getFirst("X-Subject-Ledger-Position"))
                .isEqualTo(Long.toString(lastPositionOf("PAV-003")));
        assertThat(bytes("/api/v1/datasets/adsl?subject=PAV-099").getHeaders().getFirst("X-Subject-Ledger-Position"))
                .isEqualTo("-1");
        assertThat(bytes("/api/v1/datasets/adsl").getHeaders().getFirst("X-Subject-Ledger-Position")).isNull();
    }

    @Test
    @Order(14)
    void theAnalysisVisitFilterSelectsRows() throws Exception {
        stageTwo();
        JsonNode unscheduled = get("/api/v1/datasets/adqs?avisit=unscheduled");
        assertThat(StreamSupport.stream(unscheduled.spliterator(), false).map(r -> r.get("QSREFID").asText()).toList())
                .containsExactly(pav1Afternoon.toString());
        JsonNode w1 = get("/api/v1/datasets/adqs?avisit=W1&paramcd=MADRSTOT");
        assertThat(StreamSupport.stream(w1.spliterator(), false).map(r -> r.get("USUBJID").asText()).toList())
                .containsExactly("MIL-001", "PAV-003", "PAV-004");
    }

    // ------------------------------------------------------------------------ refusals

    private List<String> refusedFields(String url, HttpStatus status) throws Exception {
        ResponseEntity<String> response = http.getForEntity(url, String.class);
        assertThat(response.getStatusCode()).as("GET %s: %s", url, response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> fields = new ArrayList<>();
        json.readTree(response.getBody()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    @Order(20)
    void aRefusalNamesEveryProblemOfTheRequestAtOnce() throws Exception {
        // a time without offset, an unknown visit, a position out of range (and both asOf and position)
        assertThat(refusedFields("/api/v1/datasets/adqs?asOf=2026-02-04T10:00:00&avisit=W9&position=-3",
                HttpStatus.UNPROCESSABLE_ENTITY)).containsExactlyInAnyOrder("avisit", "asOf", "position", "asOf",
                "position");
        ResponseEntity<String> noOffset = http.getForEntity("/api/v1/datasets/adqs?asOf=2026-02-04T10:00:00",
                String.class);
        assertThat(noOffset.getBody()).contains("has no offset");
        // a position beyond the head is named with the others, not in a second refusal
        assertThat(refusedFields("/api/v1/datasets/adqs?avisit=W9&paramcd=HAMD&subject=PAV-1&format=xml&position="
                + (head() + 1), HttpStatus.UNPROCESSABLE_ENTITY))
                .containsExactlyInAnyOrder("subject", "paramcd", "avisit", "format", "position");
        assertThat(refusedFields("/api/v1/datasets/adsl?avisit=W1&paramcd=MADRSTOT", HttpStatus.UNPROCESSABLE_ENTITY))
                .containsExactlyInAnyOrder("avisit", "paramcd");
        // an unknown dataset is 404 and still names the request's other problems
        assertThat(refusedFields("/api/v1/datasets/adae?center=x&asOf=yesterday", HttpStatus.NOT_FOUND))
                .containsExactly("dataset", "center", "asOf");
        assertThat(refusedFields("/api/v1/datasets/adae/dictionary?format=xml", HttpStatus.NOT_FOUND))
                .containsExactly("dataset", "format");
        assertThat(refusedFields("/api/v1/cohort/summary?format=xml&asOf=2026-02-04T10:00&position=" + (head() + 1),
                HttpStatus.UNPROCESSABLE_ENTITY)).containsExactlyInAnyOrder("format", "asOf", "position", "asOf",
                "position");
        assertThat(refusedFields("/api/v1/cohort/summary?position=" + (head() + 1), HttpStatus.UNPROCESSABLE_ENTITY))
                .containsExactly("position");
    }
}
