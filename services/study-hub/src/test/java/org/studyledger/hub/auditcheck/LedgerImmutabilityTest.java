package org.studyledger.hub.auditcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.SubjectScript;

/**
 * The database keeps the ledger append-only (db/hub/V4__ledger_immutability.sql): the trigger refuses UPDATE,
 * DELETE and TRUNCATE even to the tables' owner and a superuser, and a login in the hub's runtime role may only
 * read and append.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerImmutabilityTest {
    static final List<String> LEDGER_TABLES = List.of("domain_event_entry", "ledger_event_hash");

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Value("${spring.datasource.url}")
    String url;

    private final String runtimeLogin = "test_hub_login_" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = UUID.randomUUID().toString();

    @BeforeAll
    void feedTheLedgerAndCreateALogin() {
        SubjectScript s = LedgerVerificationTest.history("IMM-001");
        s.feed(intake, hub);
        // The test database's user is a superuser, as a DBA would be; it creates a login like a deployment's.
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class)).isTrue();
        jdbc.execute("CREATE ROLE " + runtimeLogin + " LOGIN PASSWORD '" + password + "' IN ROLE studyledger_hub_runtime");
    }

    @AfterAll
    void dropTheLogin() {
        jdbc.execute("DROP ROLE IF EXISTS " + runtimeLogin);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Test
    void theTriggerRefusesUpdateDeleteAndTruncateEvenToASuperuser() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables t JOIN pg_roles r ON r.rolname = t.tableowner"
                + " WHERE t.tablename = 'domain_event_entry' AND r.rolname = current_user", Long.class))
                .as("the test user owns the ledger's table").isEqualTo(1);
        long before = events();
        for (String table : LEDGER_TABLES) {
            String column = table.equals("domain_event_entry") ? "event_identifier" : "event_id";
            for (String sql : List.of(
                    "UPDATE " + table + " SET " + column + " = " + column,
                    "UPDATE " + table + " SET " + column + " = 'x' WHERE false",   // refused even when it matches nothing
                    "DELETE FROM " + table + " WHERE " + column + " IN (SELECT " + column + " FROM " + table + " LIMIT 1)",
                    "TRUNCATE " + table,
                    "TRUNCATE " + table + " CASCADE")) {
                String op = sql.split(" ")[0].toUpperCase(Locale.ROOT);
                assertThatThrownBy(() -> jdbc.execute(sql)).as(sql)
                        .hasMessageContaining("the ledger is append-only: " + op + " on " + table + " is not allowed");
            }
        }
        assertThat(events()).isEqualTo(before);
        assertVerifies("?subject=IMM-001");
    }

    @Test
    void aLoginInTheRuntimeRoleMayOnlyReadAndAppendTheLedger() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, runtimeLogin, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(6);
                // INSERT works (the global_index sequence included) — rolled back, this is not a real event
                assertThat(s.executeUpdate("INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp,"
                        + " aggregate_identifier, sequence_number, type) VALUES ('" + UUID.randomUUID() + "', '\\x7b7d',"
                        + " 'x', '2026-01-01T00:00:00Z', 'IMM-001', 99, 'Subject')")).isEqualTo(1);
                assertThat(s.executeUpdate("INSERT INTO ledger_event_hash (event_id, subject_id, sequence, hash) VALUES ('"
                        + UUID.randomUUID() + "', 'IMM-001', 99, '" + "0".repeat(64) + "')")).isEqualTo(1);
                // the mutable bookkeeping may change
                assertThat(s.executeUpdate("UPDATE ledger_head SET updated_at = now() WHERE subject_id = 'IMM-001'")).isEqualTo(1);
                c.rollback();
            }
            for (String table : LEDGER_TABLES) {
                String column = table.equals("domain_event_entry") ? "aggregate_identifier" : "subject_id";
                for (String sql : List.of("UPDATE " + table + " SET " + column + " = " + column, "DELETE FROM " + table,
                        "TRUNCATE " + table)) {
                    try (Statement s = c.createStatement()) {
                        assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class)
                                .hasMessageContaining("permission denied")
                                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                    } finally {
                        c.rollback();
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER ALL"))
                        .hasMessageContaining("must be owner");
            } finally {
                c.rollback();
            }
        }
        assertThat(events()).isEqualTo(6);
        assertVerifies("");
    }

    /** The verify endpoint finds nothing wrong: the refused statements changed nothing. */
    private void assertVerifies(String query) {
        @SuppressWarnings("unchecked")
        Map<String, Object> report = http.getForObject("/api/v1/audit/verify" + query, Map.class);
        assertThat(report.get("valid")).as("%s", report).isEqualTo(true);
    }
}
