package org.studyledger.hub.asof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.Cohort;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Sex;

/**
 * The subject timeline, the subject summaries and the audit trail as of a ledger position (docs/as-of.md). The
 * {@link Cohort} plus MIL-002 (T0 MADRS 30, W1 MADRS 20 and T0 AAQ-II, no dose yet) are read at the ledger's head P1;
 * then MIL-002's first dose is entered late (given before W1: every study day on its timeline is rewritten), W1 is
 * corrected to 15, the AAQ-II retracted and an M1 MADRS recorded. Every read with {@code position=P1} or
 * {@code asOf=<acceptance time of P1>} is byte-identical to the first one, while the current one differs.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectReadsAsOfTest {
    private static final List<String> URLS = List.of("/api/v1/subjects/MIL-002/timeline",
            "/api/v1/subjects/PAV-001/timeline", "/api/v1/subjects", "/api/v1/subjects?center=MIL",
            "/api/v1/subjects/MIL-002", "/api/v1/audit-trail", "/api/v1/audit-trail?format=csv",
            "/api/v1/audit-trail?subject=MIL-002");
    /** The reads the events after P1 change. */
    private static final List<String> CHANGED = List.of("/api/v1/subjects/MIL-002/timeline", "/api/v1/subjects",
            "/api/v1/subjects?center=MIL", "/api/v1/subjects/MIL-002", "/api/v1/audit-trail",
            "/api/v1/audit-trail?format=csv", "/api/v1/audit-trail?subject=MIL-002");

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final Cohort cohort = new Cohort();
    private final SubjectScript mil2 = new SubjectScript("MIL-002");
    private long p1;
    private long beforeMil2;
    private String p1AcceptedAt;
    private String statusAtP1;
    private final Map<String, ResponseEntity<byte[]>> first = new LinkedHashMap<>();
    private final Map<String, ResponseEntity<byte[]>> beforeMil2Answers = new LinkedHashMap<>();

    @BeforeAll
    void readThenIngestMore() {
        cohort.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
        beforeMil2 = head();
        for (String url : URLS.subList(2, 4)) {
            beforeMil2Answers.put(url, get(url));
        }
        mil2.enrol("2026-01-26T08:00:00.000Z", LocalDate.of(2026, 1, 26), 1975, Sex.M, 12, 2);
        mil2.assess("MADRS", "T0", "2026-01-27T07:30:00.000Z", null, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        AssessmentId w1 = mil2.assess(AssessmentId.random(), "MADRS", "W1", "2026-02-03T09:00:00.000Z", null, true,
                SubjectScript.items("MADRS", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
        AssessmentId aaq = mil2.assess("AAQ2", "T0", "2026-01-27T07:40:00.000Z", null, 3, 3, 3, 3, 3, 3, 3);
        mil2.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS + 4);
        p1 = head();
        p1AcceptedAt = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE global_index = ?", String.class, p1);
        for (String url : URLS) {
            first.put(url, get(url));
        }
        statusAtP1 = ledgerCounts(get("/api/v1/ledger/status"));

        mil2.dose(1, "2026-01-27T09:00:00.000Z", 56, new BloodPressure(125, 80), new BloodPressure(135, 85), 120, null);
        mil2.correct(w1, "2026-02-04T10:00:00.000Z", "transcription error", 2, 2, 2, 2, 2, 1, 1, 1, 1, 1);
        mil2.retract(aaq, "2026-02-04T10:05:00.000Z", "form belonged to another subject");
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
        return response;
    }

    private static String with(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    @Test
    void theCurrentAnswersDifferWhereTheNewEventsSay() throws Exception {
        for (String url : URLS) {
            boolean changed = CHANGED.contains(url);
            assertThat(get(url).getBody()).as(url).matches(now -> java.util.Arrays.equals(now, first.get(url).getBody()) != changed);
        }
        // the late first dose rewrote the study day of T0 on the current timeline; W1 shows its correction
        JsonNode now = json.readTree(get("/api/v1/subjects/MIL-002/timeline").getBody());
        assertThat(now.get(1).get("details").get("timing").get("study_day").asInt()).isEqualTo(1);
        assertThat(texts(now, "event_type")).contains("DoseAdministered", "AssessmentCorrected", "AssessmentRetracted");
    }

    @Test
    void atPositionP1EveryReadIsByteIdenticalToTheFirst() throws Exception {
        for (String url : URLS) {
            ResponseEntity<byte[]> then = first.get(url);
            ResponseEntity<byte[]> again = get(with(url, "position=" + p1));
            assertThat(new String(again.getBody())).as(url).isEqualTo(new String(then.getBody()));
            assertThat(again.getHeaders().getFirst(AsOf.HEADER)).as(url).isEqualTo(Long.toString(p1));
            assertThat(then.getHeaders().getFirst(AsOf.HEADER)).as(url).isNull();
        }
        // as it was: no dose yet, so no study day; the W1 total before its correction; the AAQ-II not retracted
        JsonNode timeline = json.readTree(get("/api/v1/subjects/MIL-002/timeline?position=" + p1).getBody());
        assertThat(timeline.get(1).get("details").get("timing").get("study_day").isNull()).isTrue();
        assertThat(texts(timeline, "event_type")).doesNotContain("DoseAdministered", "AssessmentCorrected", "AssessmentRetracted");
        JsonNode summary = json.readTree(get("/api/v1/subjects/MIL-002?position=" + p1).getBody());
        assertThat(summary.get("latest_madrs").asInt()).isEqualTo(20);
        assertThat(summary.get("doses_administered").asInt()).isZero();
    }

    @Test
    void asOfTheAcceptanceTimeOfP1EveryReadIsByteIdenticalToTheFirst() {
        for (String url : URLS) {
            ResponseEntity<byte[]> again = get(with(url, "asOf=" + p1AcceptedAt));
            assertThat(new String(again.getBody())).as(url).isEqualTo(new String(first.get(url).getBody()));
            assertThat(again.getHeaders().getFirst(AsOf.HEADER)).as(url).isEqualTo(Long.toString(p1));
        }
    }

    @Test
    void theLedgersStatusAsOfP1CountsWhatTheLedgerHeldThen() throws Exception {
        String now = ledgerCounts(get("/api/v1/ledger/status"));
        assertThat(now).isNotEqualTo(statusAtP1);
        for (String parameter : List.of("position=" + p1, "asOf=" + p1AcceptedAt)) {
            ResponseEntity<byte[]> then = get("/api/v1/ledger/status?" + parameter);
            assertThat(ledgerCounts(then)).as(parameter).isEqualTo(statusAtP1);
            assertThat(then.getHeaders().getFirst(AsOf.HEADER)).isEqualTo(Long.toString(p1));
        }
    }

    /** The ledger status without what has no past (consumer lag and liveness). */
    private String ledgerCounts(ResponseEntity<byte[]> status) {
        try {
            JsonNode node = json.readTree(status.getBody());
            StringBuilder counts = new StringBuilder(node.get("events") + "/" + node.get("last_position") + "/"
                    + node.get("quarantined"));
            node.get("centers").forEach(c -> counts.append(' ').append(c.get("center_id").asText()).append(':')
                    .append(c.get("events")).append('/').append(c.get("subjects")).append('/').append(c.get("last_position"))
                    .append('/').append(c.get("quarantined")));
            return counts.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void beforeASubjectWasEnrolledItIsNotThere() throws Exception {
        for (Map.Entry<String, ResponseEntity<byte[]>> then : beforeMil2Answers.entrySet()) {
            assertThat(new String(get(with(then.getKey(), "position=" + beforeMil2)).getBody())).as(then.getKey())
                    .isEqualTo(new String(then.getValue().getBody()));
        }
        for (String url : List.of("/api/v1/subjects/MIL-002", "/api/v1/subjects/MIL-002/timeline")) {
            ResponseEntity<String> response = http.getForEntity(with(url, "position=" + beforeMil2), String.class);
            assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void wrongParametersAre422ProblemsNamingEach() throws Exception {
        long head = head();
        for (String url : URLS) {
            assertProblem(with(url, "position=" + p1 + "&asOf=" + p1AcceptedAt), "asOf", "position");
            assertProblem(with(url, "asOf=yesterday"), "asOf");
            assertProblem(with(url, "position=abc"), "position");
            assertProblem(with(url, "position=-3"), "position");
            assertProblem(with(url, "position=" + (head + 1)), "position");
        }
    }

    @Test
    void anAsOfReadLeavesNothingBehind() {
        String before = checksum("timeline_event") + checksum("subject_summary") + checksum("summary_form");
        get("/api/v1/subjects?position=" + p1);
        get("/api/v1/subjects/MIL-002/timeline?position=" + p1);
        assertThat(checksum("timeline_event") + checksum("subject_summary") + checksum("summary_form")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relpersistence = 't'", Integer.class)).isZero();
    }

    private String checksum(String table) {
        return jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text COLLATE \"C\")), '-')"
                + " FROM " + table + " t", String.class);
    }

    private void assertProblem(String url, String... fields) throws Exception {
        ResponseEntity<String> response = http.getForEntity(url, String.class);
        assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getHeaders().getContentType()).as(url).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> named = new ArrayList<>();
        json.readTree(response.getBody()).get("errors").forEach(e -> named.add(e.get("field").asText()));
        assertThat(named).as(url).containsExactlyInAnyOrder(fields);
    }

    private static List<String> texts(JsonNode array, String member) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.get(member).asText()));
        return texts;
    }
}
