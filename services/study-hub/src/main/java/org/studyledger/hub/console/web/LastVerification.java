package org.studyledger.hub.console.web;

import static org.studyledger.hub.projectionsupport.Sql.instant;
import static org.studyledger.hub.projectionsupport.Sql.ts;

import java.time.Instant;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.studyledger.hub.auditcheck.VerificationReport;
import org.studyledger.hub.console.ConsoleConfigured;

/**
 * The verifications auditors ran from the console, for the overview's "last verification". Kept in the hub's database
 * ({@code console_verification}) so that every hub instance shows the same one and a restart forgets none.
 */
@Repository
@Conditional(ConsoleConfigured.class)
class LastVerification {
    /** A run: when, by whom, up to which ledger position, over what, and its outcome. */
    record Run(Instant at, String by, long position, String scope, boolean valid, int failures, long eventsChecked,
               long subjectsChecked) {
    }

    private final JdbcTemplate jdbc;

    LastVerification(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void remember(String by, long position, VerificationReport report) {
        String scope = report.scope().subjectId() != null ? "subject " + report.scope().subjectId()
                : report.scope().centerId() != null ? "center " + report.scope().centerId() : "the whole ledger";
        jdbc.update("""
                INSERT INTO console_verification (ran_at, ran_by, ledger_position, scope, valid, failures, events_checked,
                  subjects_checked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                ts(Instant.now()), by, position, scope, report.valid(), report.failures().size(), report.eventsChecked(),
                report.subjectsChecked());
    }

    Run last() {
        return jdbc.query("""
                SELECT ran_at, ran_by, ledger_position, scope, valid, failures, events_checked, subjects_checked
                FROM console_verification ORDER BY id DESC LIMIT 1""",
                rs -> rs.next() ? new Run(instant(rs, "ran_at"), rs.getString("ran_by"), rs.getLong("ledger_position"),
                        rs.getString("scope"), rs.getBoolean("valid"), rs.getInt("failures"), rs.getLong("events_checked"),
                        rs.getLong("subjects_checked")) : null);
    }
}
