package org.studyledger.hub.export.odm;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.verification.StoredEnvelopeReader;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * Reads the ledger for the export: up to a fixed ledger position, subject by subject (subject-id order), each
 * subject's events in sequence order, in one read-only REPEATABLE READ snapshot. One subject's events are in memory
 * at a time.
 */
@Repository
class OdmLedger {
    private static final Logger log = LoggerFactory.getLogger(OdmLedger.class);

    private final JdbcTemplate jdbc;
    private final StoredEnvelopeReader reader;
    private final TransactionTemplate snapshot;

    OdmLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, StoredEnvelopeReader reader) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** One ledger event: its position, the hub's acceptance time, the envelope header and the typed payload. */
    record Entry(long position, Instant acceptedAt, EnvelopeHeader header, StudyEvent event) {
    }

    /** What the export covers: the last ledger position in scope and its acceptance time (null when empty). */
    record Cut(long position, Instant acceptedAt) {
        static final Cut EMPTY = new Cut(-1, null);
    }

    interface SubjectVisitor {
        void visit(String subjectId, List<Entry> events);
    }

    /** The last ledger event in scope: the export stops there, so a file names exactly what it holds. */
    Cut cut(String centerId, String subjectId) {
        return cut(centerId, subjectId, null);
    }

    /** The last ledger event in scope at or before ledger position {@code upTo} (null: the head). */
    Cut cut(String centerId, String subjectId, Long upTo) {
        StringBuilder sql = new StringBuilder("SELECT global_index, time_stamp FROM domain_event_entry WHERE true");
        List<Object> args = new ArrayList<>();
        if (upTo != null) {
            sql.append(" AND global_index <= ?");
            args.add(upTo);
        }
        scope(sql, args, centerId, subjectId);
        sql.append(" ORDER BY global_index DESC LIMIT 1");
        return jdbc.query(sql.toString(), (rs, n) -> new Cut(rs.getLong(1), instant(rs.getString(2))), args.toArray())
                .stream().findFirst().orElse(Cut.EMPTY);
    }

    /** How many ledger events in scope are at or before {@code cut}. */
    long count(String centerId, String subjectId, long cut) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?");
        List<Object> args = new ArrayList<>(List.of(cut));
        scope(sql, args, centerId, subjectId);
        Long n = jdbc.queryForObject(sql.toString(), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    boolean knowsSubject(String subjectId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, subjectId);
        return n != null && n > 0;
    }

    /** Runs {@code work} in one snapshot of the ledger. */
    void inSnapshot(Runnable work) {
        snapshot.executeWithoutResult(tx -> work.run());
    }

    /** Calls {@code visitor} for every subject in scope with events up to {@code cut}; call inside {@link #inSnapshot}. */
    void forEachSubject(String centerId, String subjectId, long cut, SubjectVisitor visitor) {
        StringBuilder sql = new StringBuilder("SELECT DISTINCT aggregate_identifier COLLATE \"C\" AS subject FROM domain_event_entry WHERE global_index <= ?");
        List<Object> args = new ArrayList<>(List.of(cut));
        scope(sql, args, centerId, subjectId);
        sql.append(" ORDER BY subject");
        for (String subject : jdbc.queryForList(sql.toString(), String.class, args.toArray())) {
            visitor.visit(subject, events(subject, cut));
        }
    }

    private List<Entry> events(String subject, long cut) {
        List<Entry> entries = new ArrayList<>();
        jdbc.query("""
                SELECT global_index, event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp
                FROM domain_event_entry WHERE aggregate_identifier = ? AND global_index <= ?
                ORDER BY sequence_number, global_index
                """, rs -> {
            long position = rs.getLong(1);
            try {
                StoredEnvelopeReader.Decoded decoded = reader.decode(rs.getString(3), rs.getString(4), rs.getBytes(5),
                        rs.getBytes(6));
                entries.add(new Entry(position, instant(rs.getString(7)), decoded.header(), decoded.event()));
            } catch (StoredEnvelopeReader.Unreadable | RuntimeException e) {
                log.error("ODM export: ledger position {} (event {}) cannot be read and is left out: {}", position,
                        rs.getString(2), e.getMessage());
            }
        }, subject, cut);
        return entries;
    }

    private static void scope(StringBuilder sql, List<Object> args, String centerId, String subjectId) {
        if (subjectId != null) {
            sql.append(" AND aggregate_identifier = ?");
            args.add(subjectId);
        }
        if (centerId != null) {
            // center ids are upper-case letters, never a LIKE wildcard
            sql.append(" AND aggregate_identifier LIKE ?");
            args.add(centerId + "-%");
        }
    }

    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("ledger timestamp is not an instant: " + timestamp, e);
        }
    }
}
