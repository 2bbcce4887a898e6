package org.studyledger.hub.auditcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the ledger as it is stored, subject by subject, so a whole-ledger scan holds one subject's events in
 * memory at a time. Everything is read in one read-only REPEATABLE READ transaction: the scan sees the ledger as
 * it stood at one moment, and an append arriving meanwhile cannot make a subject's events disagree with its head.
 */
@Repository
class StoredLedger {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    StoredLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** Calls {@code each} for every subject in scope, in subject-id order (code points), in one snapshot. */
    void forEachSubject(LedgerScope scope, Consumer<SubjectHistory> each) {
        snapshot.executeWithoutResult(tx -> {
            for (String subject : subjects(scope)) {
                each.accept(history(subject));
            }
        });
    }

    /** Whether the ledger knows anything (events or a head) of the scope's subject; true for other scopes. */
    boolean knows(LedgerScope scope) {
        return scope.subjectId() == null || !subjects(scope).isEmpty();
    }

    /**
     * The subjects with stored events or a chain head (a subject whose every event was deleted still has its
     * head), restricted to the scope.
     */
    private List<String> subjects(LedgerScope scope) {
        StringBuilder sql = new StringBuilder("""
                SELECT subject FROM (
                  SELECT DISTINCT aggregate_identifier AS subject FROM domain_event_entry
                  UNION SELECT subject_id FROM ledger_head) s
                WHERE true""");
        List<Object> args = new ArrayList<>();
        if (scope.subjectId() != null) {
            sql.append(" AND subject = ?");
            args.add(scope.subjectId());
        }
        if (scope.centerId() != null) {
            // center ids are upper-case letters, never a LIKE wildcard
            sql.append(" AND subject LIKE ?");
            args.add(scope.centerId() + "-%");
        }
        sql.append(" ORDER BY subject COLLATE \"C\"");
        return jdbc.queryForList(sql.toString(), String.class, args.toArray());
    }

    private SubjectHistory history(String subject) {
        List<StoredEvent> events = jdbc.query("""
                SELECT d.global_index, d.event_identifier, d.aggregate_identifier, d.sequence_number, d.payload_type,
                       d.payload_revision, d.payload, d.meta_data, h.hash
                FROM domain_event_entry d LEFT JOIN ledger_event_hash h ON h.event_id = d.event_identifier
                WHERE d.aggregate_identifier = ?
                ORDER BY d.sequence_number, d.global_index
                """, (rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8), rs.getString(9)), subject);
        SubjectHistory.Head head = jdbc.query("SELECT last_sequence, last_hash FROM ledger_head WHERE subject_id = ?",
                (rs, n) -> new SubjectHistory.Head(rs.getLong(1), rs.getString(2)), subject).stream().findFirst().orElse(null);
        return new SubjectHistory(subject, events, head);
    }
}
