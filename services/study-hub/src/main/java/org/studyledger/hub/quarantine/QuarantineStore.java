package org.studyledger.hub.quarantine;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Messages the ledger did not accept, kept with their raw bytes, origin and reason; never deleted. */
@Repository
public class QuarantineStore {
    public static final String OPEN = "QUARANTINED";
    public static final String APPLIED = "APPLIED";
    public static final String DUPLICATE = "DUPLICATE";
    /** Set aside by a data manager as never to be applied (docs/ledger.md, "Dismissal"); re-processing skips it. */
    public static final String DISMISSED = "DISMISSED";

    private final JdbcTemplate jdbc;

    QuarantineStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One quarantined message. {@code raw} is omitted from listings; it is what re-processing reads. */
    public record Entry(long id, Instant receivedAt, String topic, int partition, long offset, String key, String eventId,
                        String centerId, String subjectId, Long sequence, String reasonCode, String reason, String status,
                        int attempts, Instant resolvedAt) {
    }

    public record Held(long id, String topic, int partition, long offset, String key, byte[] raw) {
    }

    /**
     * A message to quarantine: where it is on Kafka, its key (as text, and its bytes in hex when they are not valid
     * UTF-8, null otherwise), its raw bytes, what it claims (each member null when it could not be read) and why.
     */
    public record NewRow(String topic, int partition, long offset, String key, String keyHex, byte[] raw, String eventId,
                         String centerId, String subjectId, Long sequence, String reasonCode, String reason) {
    }

    /** A message's place on Kafka: what keeps one message from being quarantined twice. */
    public record Place(String topic, int partition, long offset) {
    }

    private static final String INSERT = """
            INSERT INTO quarantine (topic, kafka_partition, kafka_offset, record_key, record_key_hex, raw, event_id,
                                    center_id, subject_id, sequence, reason_code, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING
            """;

    public void add(String topic, int partition, long offset, String key, byte[] raw, String eventId, String centerId,
                    String subjectId, Long sequence, String reasonCode, String reason) {
        add(topic, partition, offset, key, null, raw, eventId, centerId, subjectId, sequence, reasonCode, reason);
    }

    /**
     * As {@link #add(String, int, long, String, byte[], String, String, String, Long, String, String)}, keeping the
     * record key's original bytes in hex ({@code keyHex}) when they are not valid UTF-8 ({@code key} is then the key
     * as decoded with replacement characters); null otherwise.
     */
    public void add(String topic, int partition, long offset, String key, String keyHex, byte[] raw, String eventId,
                    String centerId, String subjectId, Long sequence, String reasonCode, String reason) {
        addAll(List.of(new NewRow(topic, partition, offset, key, keyHex, raw, eventId, centerId, subjectId, sequence,
                reasonCode, reason)));
    }

    /**
     * Quarantines these messages, in this order (their ids follow it). A message re-delivered after a crash (same
     * topic, partition and offset) is already here and is not stored again.
     */
    public void addAll(List<NewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, rows.stream().map(r -> new Object[] {r.topic(), r.partition(), r.offset(), text(r.key()),
                r.keyHex(), r.raw(), r.eventId(), r.centerId(), r.subjectId(), r.sequence(), r.reasonCode(),
                text(r.reason())}).toList(), new int[] {Types.VARCHAR, Types.INTEGER, Types.BIGINT, Types.VARCHAR,
                Types.VARCHAR, Types.BINARY, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR,
                Types.VARCHAR});
    }

    /** Which of these places already hold a quarantined message (of any status). */
    public Set<Place> existing(Collection<Place> places) {
        Set<Place> found = new HashSet<>();
        if (places.isEmpty()) {
            return found;
        }
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT q.topic, q.kafka_partition, q.kafka_offset FROM quarantine q
                    JOIN unnest(?::text[], ?::int[], ?::bigint[]) AS p(topic, kafka_partition, kafka_offset)
                      ON q.topic = p.topic AND q.kafka_partition = p.kafka_partition AND q.kafka_offset = p.kafka_offset
                    """);
            select.setArray(1, connection.createArrayOf("text", places.stream().map(Place::topic).toArray()));
            select.setArray(2, connection.createArrayOf("integer", places.stream().map(Place::partition).toArray()));
            select.setArray(3, connection.createArrayOf("bigint", places.stream().map(Place::offset).toArray()));
            return select;
        }, (RowCallbackHandler) rs -> found.add(new Place(rs.getString(1), rs.getInt(2), rs.getLong(3))));
        return found;
    }

    /**
     * The sequences of the open ({@link #OPEN}) messages of these subjects whose sequence could be read: what
     * {@link #holdsEarlier} counts, for a whole batch in one query.
     */
    public Map<String, List<Long>> openSequences(Collection<String> subjectIds) {
        Map<String, List<Long>> open = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return open;
        }
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("SELECT subject_id, sequence FROM quarantine"
                    + " WHERE status = 'QUARANTINED' AND subject_id = ANY(?) AND sequence IS NOT NULL");
            select.setArray(1, connection.createArrayOf("text", subjectIds.toArray()));
            return select;
        }, (RowCallbackHandler) rs -> open.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(rs.getLong(2)));
        return open;
    }

    /** PostgreSQL text cannot hold U+0000; a hostile key or an echoed value may. The raw bytes stay exact. */
    private static String text(String s) {
        return s == null ? null : s.replace("\0", "\\u0000");
    }

    /**
     * Whether an earlier event of the subject, one the ledger has not got past yet (at {@code nextSequence} or
     * later), is still quarantined, so this one must wait behind it. A quarantined message at a sequence the
     * ledger already holds (a conflicting or altered copy, one on the wrong topic) holds nothing up: the chain is
     * intact there. A message whose sequence could not be read holds nothing up: it never verifies, and whoever
     * sends garbage naming a subject must not stop that subject's genuine events.
     */
    public boolean holdsEarlier(String subjectId, long nextSequence, long sequence, Long excludingId) {
        Integer n = jdbc.queryForObject("""
                SELECT count(*) FROM quarantine WHERE status = 'QUARANTINED' AND subject_id = ?
                  AND sequence >= ? AND sequence < ? AND id <> ?
                """, Integer.class, subjectId, nextSequence, sequence, excludingId == null ? -1L : excludingId);
        return n != null && n > 0;
    }

    public List<Held> open() {
        return jdbc.query("SELECT id, topic, kafka_partition, kafka_offset, record_key, raw FROM quarantine"
                        + " WHERE status = 'QUARANTINED' ORDER BY id",
                (rs, n) -> new Held(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), rs.getBytes(6)));
    }

    /**
     * Locks the row until the current transaction ends and answers its status then (empty when there is no such row).
     * Whatever changes a row's status locks it first, so a re-processing run and a dismissal that meet on one row see
     * each other's outcome: a row no longer {@link #OPEN} is left alone.
     */
    public Optional<String> lockStatus(long id) {
        return jdbc.queryForList("SELECT status FROM quarantine WHERE id = ? FOR UPDATE", String.class, id).stream()
                .findFirst();
    }

    public void resolve(long id, String status) {
        jdbc.update("UPDATE quarantine SET status = ?, resolved_at = now() WHERE id = ?", status, id);
    }

    /** Records the latest reason; {@code newAttempt} is false for a further pass of the same re-processing run. */
    public void stillFailing(long id, String reasonCode, String reason, boolean newAttempt) {
        jdbc.update("UPDATE quarantine SET reason_code = ?, reason = ?, attempts = attempts + ? WHERE id = ?",
                reasonCode, text(reason), newAttempt ? 1 : 0, id);
    }

    public List<Entry> list(String status, String centerId, String subjectId, int limit, long afterId) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, received_at, topic, kafka_partition, kafka_offset, record_key, event_id, center_id, subject_id,
                       sequence, reason_code, reason, status, attempts, resolved_at
                FROM quarantine WHERE id > ?""");
        List<Object> args = new java.util.ArrayList<>(List.of(afterId));
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (centerId != null) {
            sql.append(" AND center_id = ?");
            args.add(centerId);
        }
        if (subjectId != null) {
            sql.append(" AND subject_id = ?");
            args.add(subjectId);
        }
        sql.append(" ORDER BY id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ENTRY, args.toArray());
    }

    private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
            rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), (Long) rs.getObject(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getInt(14),
            rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant());
}
