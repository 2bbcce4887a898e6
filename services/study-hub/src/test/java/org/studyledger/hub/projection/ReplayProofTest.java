package org.studyledger.hub.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
import org.studyledger.hub.rebuild.ReplayProof;
import org.studyledger.hub.rebuild.ReplayProofOnStart;

/**
 * The replay proof: the ledger replayed into a separate schema equals the live projections on a clean ledger, and a
 * projection row altered by hand shows up as a difference in that table and only there. The replay schema is gone
 * afterwards unless kept. The hub starts with {@code studyledger.hub.replay-proof-on-start=true} (on an empty ledger),
 * so the start-up command runs too.
 */
@HubTest
@TestPropertySource(properties = "studyledger.hub.replay-proof-on-start=true")
class ReplayProofTest {
    private static final String PROOF = "/api/v1/admin/projections/replay-proof";

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReplayProofOnStart proofOnStart;

    @SuppressWarnings("unchecked")
    private Map<String, Object> prove(String query) {
        ResponseEntity<Map> response = http.postForEntity(PROOF + query, null, Map.class);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> tables(Map<String, Object> report) {
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) report.get("tables")) {
            byName.put((String) t.get("table"), t);
        }
        return byName;
    }

    private List<String> replaySchemas() {
        return jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'replay\\_%'", String.class);
    }

    private static long rows(Map<String, Object> table, String side) {
        return ((Number) table.get(side + "_rows")).longValue();
    }

    @Test
    void theReplayEqualsTheLiveProjectionsUntilARowIsAlteredByHand() {
        Cohort cohort = new Cohort();
        cohort.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        // Clean ledger: every table equal, none empty.
        Map<String, Object> clean = prove("");
        assertThat(clean.get("equal")).as("%s", clean).isEqualTo(true);
        assertThat(((Number) clean.get("ledger_position")).longValue()).isEqualTo(head);
        assertThat(((Number) clean.get("events_replayed")).longValue()).isEqualTo(Cohort.EVENTS);
        assertThat(clean.get("kept")).isEqualTo(false);
        Map<String, Map<String, Object>> cleanTables = tables(clean);
        assertThat(cleanTables.keySet()).containsExactlyElementsOf(ReplayProof.TABLES);
        cleanTables.forEach((name, t) -> {
            assertThat(t.get("equal")).as("%s", t).isEqualTo(true);
            assertThat(rows(t, "live")).as("%s", t).isPositive().isEqualTo(rows(t, "replay"));
            assertThat(t.get("live_checksum")).as("%s", t).isEqualTo(t.get("replay_checksum"));
        });
        assertThat(rows(cleanTables.get("timeline_event"), "live")).isEqualTo(Cohort.EVENTS);
        assertThat(rows(cleanTables.get("adqs_version"), "live"))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM adqs_version", Long.class));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM adqs", Long.class)).isEqualTo(10);
        assertThat(replaySchemas()).as("the replay schema is dropped").isEmpty();

        // One ADQS value altered by hand (through the adqs view: the row's version holding now): ADQS differs (same row
        // count), nothing else.
        String qsrefid = jdbc.queryForObject("SELECT min(qsrefid) FROM adqs WHERE paramcd = 'MADRSTOT'", String.class);
        assertThat(jdbc.update("UPDATE adqs SET aval = aval + 1 WHERE paramcd = 'MADRSTOT' AND qsrefid = ?", qsrefid)).isEqualTo(1);
        Map<String, Object> altered = prove("?keep=false");
        assertThat(altered.get("equal")).isEqualTo(false);
        Map<String, Map<String, Object>> alteredTables = tables(altered);
        alteredTables.forEach((name, t) -> assertThat(t.get("equal")).as("%s", t).isEqualTo(!name.equals("adqs_version")));
        Map<String, Object> adqs = alteredTables.get("adqs_version");
        assertThat(rows(adqs, "live")).isEqualTo(rows(adqs, "replay"));
        assertThat(adqs.get("live_checksum")).isNotEqualTo(adqs.get("replay_checksum"));
        assertThat(adqs.get("replay_checksum")).isEqualTo(cleanTables.get("adqs_version").get("replay_checksum"));
        assertThat(replaySchemas()).isEmpty();

        // Put back: equal again. Delete a timeline row: the timeline differs, one row short, nothing else.
        jdbc.update("UPDATE adqs SET aval = aval - 1 WHERE paramcd = 'MADRSTOT' AND qsrefid = ?", qsrefid);
        assertThat(jdbc.update("DELETE FROM timeline_event WHERE position = (SELECT max(position) FROM timeline_event)")).isEqualTo(1);
        Map<String, Object> deleted = prove("");
        assertThat(deleted.get("equal")).isEqualTo(false);
        Map<String, Map<String, Object>> deletedTables = tables(deleted);
        deletedTables.forEach((name, t) -> assertThat(t.get("equal")).as("%s", t).isEqualTo(!name.equals("timeline_event")));
        Map<String, Object> timeline = deletedTables.get("timeline_event");
        assertThat(rows(timeline, "live")).isEqualTo(Cohort.EVENTS - 1);
        assertThat(rows(timeline, "replay")).isEqualTo(Cohort.EVENTS);

        // keep=true: the replay schema stays for inspection, with the replayed rows.
        Map<String, Object> kept = prove("?keep=true");
        String schema = (String) kept.get("schema");
        assertThat(kept.get("kept")).isEqualTo(true);
        assertThat(replaySchemas()).containsExactly(schema);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".timeline_event", Integer.class))
                .isEqualTo(Cohort.EVENTS);
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");

        // The start-up command runs the same proof and only logs.
        proofOnStart.run(new DefaultApplicationArguments());
        assertThat(replaySchemas()).isEmpty();
    }

    @Test
    void theTimeoutMustBeAPositiveIsoDuration() {
        ResponseEntity<String> bad = http.postForEntity(PROOF + "?timeout=soon", null, String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(bad.getBody()).contains("\"field\":\"timeout\"");
    }
}
