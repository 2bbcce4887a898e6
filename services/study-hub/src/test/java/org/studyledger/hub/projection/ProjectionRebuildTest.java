package org.studyledger.hub.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.rebuild.ProjectionRebuild;
import org.studyledger.hub.rebuild.RebuildOnStart;

/**
 * Projections are disposable: a rebuild (reset every processor's tokens, whose reset handlers truncate the
 * tables, and replay the ledger) gives the live rows back, row for row. The hub here starts with
 * {@code studyledger.hub.rebuild-projections-on-start=true} (on an empty ledger), so the start-up command is
 * exercised too.
 */
@HubTest
@TestPropertySource(properties = "studyledger.hub.rebuild-projections-on-start=true")
class ProjectionRebuildTest {
    /** Every projection table with the key that orders its rows. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("timeline_event", "position");
        TABLES.put("timeline_form", "assessment_id");
        TABLES.put("timeline_subject", "subject_id");
        TABLES.put("subject_summary", "subject_id");
        TABLES.put("summary_form", "assessment_id");
        TABLES.put("dataset_subject", "subject_id");
        TABLES.put("dataset_form", "assessment_id");
        TABLES.put("dataset_dose", "dose_id");
        TABLES.put("dataset_applied", "position");
        TABLES.put("adsl_version", "usubjid, valid_from");
        TABLES.put("adqs_version", "usubjid, paramcd, qsrefid, valid_from");
        TABLES.put("adex_version", "usubjid, exrefid, valid_from");
        TABLES.put("adsl", "usubjid");
        TABLES.put("adqs", "usubjid, paramcd, qsrefid");
        TABLES.put("adex", "usubjid, exrefid");
        TABLES.put("audit_trail", "position");
    }

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RebuildOnStart rebuildOnStart;
    @Autowired
    EventProcessingConfiguration processing;

    private Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        TABLES.forEach((table, key) -> sums.put(table, jdbc.queryForObject(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY " + key + ")), '-') FROM "
                        + table + " t", String.class)));
        return sums;
    }

    /**
     * Stops every projection processor, moves each segment's stored token back to ledger position {@code index}
     * (as if the events after it had been handled but their tokens never stored) and starts them again.
     */
    private void redeliverFrom(long index) {
        for (String name : ProjectionRebuild.PROJECTIONS) {
            StreamingEventProcessor p = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
            p.shutDown();
            List<Map<String, Object>> tokens = jdbc.queryForList(
                    "SELECT segment, convert_from(token, 'UTF8') AS token, token_type FROM token_entry WHERE processor_name = ?",
                    name);
            assertThat(tokens).isNotEmpty();
            for (Map<String, Object> t : tokens) {
                assertThat(t.get("token_type")).as("%s", t).isEqualTo(GapAwareTrackingToken.class.getName());
                // (a segment's stored token may lag behind its last event: idle segments store theirs lazily)
                assertThat((String) t.get("token")).as("%s", t).containsPattern("\"index\":\\d+");
                String rewound = ((String) t.get("token")).replaceFirst("\"index\":\\d+", "\"index\":" + index);
                jdbc.update("UPDATE token_entry SET token = convert_to(?, 'UTF8') WHERE processor_name = ? AND segment = ?",
                        rewound, name, t.get("segment"));
            }
            p.start();
        }
    }

    private void tamper() {
        jdbc.update("UPDATE subject_summary SET latest_madrs = 99 WHERE subject_id = 'PAV-001'");
        jdbc.update("UPDATE adqs SET aval = aval + 1 WHERE paramcd = 'MADRSTOT'");
        jdbc.update("DELETE FROM audit_trail WHERE position = (SELECT max(position) FROM audit_trail)");
        jdbc.update("DELETE FROM timeline_event WHERE sequence = 0");
        jdbc.update("INSERT INTO adex_version (studyid, usubjid, siteid, sessnum, exrefid, exoccur, adtm, adt, valid_from)"
                + " VALUES ('ESK-TRD', 'PAV-009', 'PAV', 1, 'forged', 'Y', now(), current_date, 0)");
    }

    @Test
    void aRebuildGivesBackTheLiveRowsRowForRowAndTheProjectionsFollowTheLedgerAfterwards() {
        Cohort cohort = new Cohort();
        cohort.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
        Map<String, String> live = checksums();
        assertThat(live.get("timeline_event")).startsWith(Cohort.EVENTS + ":");
        assertThat(live.get("audit_trail")).startsWith(Cohort.EVENTS + ":");
        assertThat(live.get("adsl")).startsWith("4:");
        assertThat(live.get("adqs")).startsWith("10:");   // PAV-001: 8 rows, MIL-001: 2
        assertThat(live.get("adex")).startsWith("5:");    // PAV-001: 3, MIL-001: 1, PAV-003: 1

        // At-least-once: events handled again (tokens rewound, no reset) change nothing.
        redeliverFrom(5);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
        assertThat(checksums()).isEqualTo(live);

        tamper();
        assertThat(checksums()).isNotEqualTo(live);

        ResponseEntity<Map> rebuilt = http.postForEntity("/api/v1/admin/projections/rebuild?timeout=PT60S", null, Map.class);
        assertThat(rebuilt.getStatusCode()).as("%s", rebuilt.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(rebuilt.getBody().get("caught_up")).isEqualTo(true);
        assertThat(((Number) rebuilt.getBody().get("head")).longValue()).isEqualTo(Cohort.EVENTS);
        assertThat(checksums()).isEqualTo(live);

        // The processors run on after the rebuild: a new event reaches every projection.
        cohort.pav2.assess("MADRS", "T0", "2026-01-27T08:00:00.000Z", null, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        cohort.pav2.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS + 1);
        assertThat(http.getForObject("/api/v1/subjects/PAV-002", Map.class).get("baseline_madrs")).isEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_trail", Integer.class)).isEqualTo(Cohort.EVENTS + 1);
        Map<String, String> withNewEvent = checksums();

        // The start-up command does the same as the endpoint.
        tamper();
        rebuildOnStart.run(new DefaultApplicationArguments());
        await().atMost(Cohort.PATIENCE).untilAsserted(() -> assertThat(checksums()).isEqualTo(withNewEvent));
    }

    @Test
    void aRebuildTimeoutMustBeAPositiveIsoDuration() {
        ResponseEntity<String> bad = http.postForEntity("/api/v1/admin/projections/rebuild?timeout=soon", null, String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(bad.getBody()).contains("\"field\":\"timeout\"");
        assertThat(http.postForEntity("/api/v1/admin/projections/rebuild?timeout=PT0S", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }
}
