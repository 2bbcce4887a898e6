package org.studyledger.hub.export.odm;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.auditcheck.StoredEnvelopeReader;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * Reads the ledger for the export: up to a fixed ledger position, subject by subject (subject-id order), each
 * subject's events in sequence order, in one read-only REPEATABLE READ snapshot, a page of subjects per query. A page
 * of subjects' events is in memory at a time, and the list of subject ids in scope.
 */
@Repository
class OdmLedger {
    private static final Logger log = LoggerFactory.getLogger(OdmLedger.class);

    /** Subjects whose events one query reads. */
    static final int PAGE = 32;
    /** Rows a cursor fetches at a time. */
    static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final StoredEnvelopeReader reader;
    private final TransactionTemplate snapshot;

    OdmLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, StoredEnvelopeReader reader) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(jdbc.getDataSource());
        this.cursor.setFetchSize(FETCH_SIZE);
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

    /** Receives the envelope header of each readable ledger event in scope. */
    interface HeaderVisitor {
        void visit(EnvelopeHeader header);
    }

    /**
     * Calls {@code visitor} with the header of every event in scope up to {@code cut}, in storage order, reading only
     * the metadata (a cursor of {@link #FETCH_SIZE} rows); call inside {@link #inSnapshot}.
     */
    void forEachHeader(String centerId, String subjectId, long cut, HeaderVisitor visitor) {
        StringBuilder sql = new StringBuilder("SELECT global_index, meta_data FROM domain_event_entry WHERE global_index <= ?");
        List<Object> args = new ArrayList<>(List.of(cut));
        scope(sql, args, centerId, subjectId);
        cursor.query(connection -> binary(connection.prepareStatement(sql.toString()), args), rs -> {
            try {
                visitor.visit(reader.header(rs.getBytes(2)));
            } catch (StoredEnvelopeReader.Unreadable e) {
                log.error("ODM export: ledger position {} has no readable header and is left out: {}", rs.getLong(1),
                        e.getMessage());
            }
        });
    }

    /**
     * {@code statement} with {@code args} bound, asking the driver for binary results: the payload and metadata
     * columns ({@code bytea}) then arrive as bytes rather than as hex text to decode, a tenth of an export's time.
     */
    private static java.sql.PreparedStatement binary(java.sql.PreparedStatement statement, List<Object> args)
            throws java.sql.SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
        if (statement.isWrapperFor(org.postgresql.PGStatement.class)) {
            // a negative threshold makes the driver use a named statement with binary transfer from the first run
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }
        return statement;
    }

    /**
     * Calls {@code visitor} for every subject in scope with events up to {@code cut}, in subject-id order (by code
     * point), with its events in sequence order; call inside {@link #inSnapshot}. The subject ids are read first; then
     * the events of {@link #PAGE} subjects at a time, in one query each, so the ledger is read once, linearly, and
     * at most a page of subjects' events is in memory.
     */
    void forEachSubject(String centerId, String subjectId, long cut, SubjectVisitor visitor) {
        StringBuilder sql = new StringBuilder("SELECT DISTINCT aggregate_identifier COLLATE \"C\" AS subject FROM domain_event_entry WHERE global_index <= ?");
        List<Object> args = new ArrayList<>(List.of(cut));
        scope(sql, args, centerId, subjectId);
        sql.append(" ORDER BY subject");
        List<String> subjects = jdbc.queryForList(sql.toString(), String.class, args.toArray());
        for (int from = 0; from < subjects.size(); from += PAGE) {
            List<String> page = subjects.subList(from, Math.min(subjects.size(), from + PAGE));
            Map<String, List<Entry>> events = events(page, cut);
            for (String subject : page) {
                visitor.visit(subject, events.getOrDefault(subject, List.of()));
            }
        }
    }

    private Map<String, List<Entry>> events(List<String> subjects, long cut) {
        Map<String, List<Entry>> entries = new HashMap<>();
        cursor.query(connection -> {
            java.sql.PreparedStatement statement = connection.prepareStatement("""
                    SELECT aggregate_identifier, global_index, event_identifier, payload_type, payload_revision, payload,
                           meta_data, time_stamp
                    FROM domain_event_entry WHERE aggregate_identifier = ANY (?) AND global_index <= ?
                    ORDER BY aggregate_identifier, sequence_number, global_index
                    """);
            return binary(statement, List.of(connection.createArrayOf("varchar", subjects.toArray()), cut));
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
            String subject = rs.getString(1);
            long position = rs.getLong(2);
            List<Entry> own = entries.computeIfAbsent(subject, k -> new ArrayList<>());
            try {
                StoredEnvelopeReader.Decoded decoded = reader.decode(rs.getString(4), rs.getString(5), rs.getBytes(6),
                        rs.getBytes(7));
                own.add(new Entry(position, instant(rs.getString(8)), decoded.header(), decoded.event()));
            } catch (StoredEnvelopeReader.Unreadable | RuntimeException e) {
                log.error("ODM export: ledger position {} (event {}) cannot be read and is left out: {}", position,
                        rs.getString(3), e.getMessage());
            }
        });
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
