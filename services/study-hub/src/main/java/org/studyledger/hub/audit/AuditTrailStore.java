package org.studyledger.hub.audit;

import static org.studyledger.hub.projectionsupport.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.Tables;

/**
 * Reads the audit trail: the ledger events of the {@code audit_trail} projection and the dismissals of quarantined
 * messages ({@code quarantine_dismissal}, an append-only record of its own, not a projection), merged in one order.
 * A dismissal comes after the ledger event at the position the ledger had reached when it was dismissed, and
 * dismissals at one position come in quarantine id order. Each source is read in that order with the page's limit,
 * then the two are merged, so a page costs no more than two index range scans.
 */
@Repository
public class AuditTrailStore {
    /** The entry type of a dismissal: a kind of its own beside the ledger's event types. */
    public static final String QUARANTINE_DISMISSED = "QuarantineDismissed";
    /** The columns, in order: the ledger event's, then what only a dismissal has. */
    public static final List<String> COLUMNS = List.of("position", "event_id", "event_type", "subject_id", "sequence",
            "center_id", "actor_id", "actor_role", "occurred_at", "recorded_at", "accepted_at", "reason", "source",
            "previous_hash", "hash", "hash_verified", "quarantine_id", "topic", "kafka_partition", "kafka_offset",
            "reason_code");
    /** The times a range can apply to; a dismissal has one time for all three. */
    public static final List<String> TIMES = List.of("recorded", "occurred", "accepted");

    private static final String EVENTS = """
            SELECT position, event_id, event_type, subject_id, sequence, center_id, actor_id, actor_role, occurred_at,
                   recorded_at, accepted_at, reason, source, previous_hash, hash, hash_verified, NULL::bigint AS quarantine_id,
                   NULL::varchar AS topic, NULL::integer AS kafka_partition, NULL::bigint AS kafka_offset,
                   NULL::varchar AS reason_code
            FROM audit_trail WHERE true""";
    private static final String DISMISSALS = """
            SELECT ledger_position, event_id, '%s', subject_id, sequence, center_id, actor_id, actor_role, dismissed_at,
                   dismissed_at, dismissed_at, reason, 'api', NULL, NULL, NULL::boolean, quarantine_id, topic,
                   kafka_partition, kafka_offset, reason_code
            FROM quarantine_dismissal WHERE true""".formatted(QUARANTINE_DISMISSED);

    private final JdbcTemplate jdbc;

    AuditTrailStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of the audit trail. Every filter is optional (null). {@code type} is an event type or
     * {@link #QUARANTINE_DISMISSED}; {@code time} one of {@link #TIMES} ({@code from} inclusive, {@code to} exclusive).
     * Paging: rows after the ledger event at {@code afterPosition}, or, with {@code afterQuarantineId}, after that
     * dismissal at that position. As of a ledger position, {@code upTo}: the events up to it and the dismissals made
     * while the ledger stood no further, and, as of a time, {@code dismissedBy}: only the dismissals made by then (a row
     * of the trail is never changed once written, so that is the trail as it was then).
     */
    public record Filter(String subjectId, String centerId, String actorId, String type, String time, Instant from,
                         Instant to, Long afterPosition, Long afterQuarantineId, int limit, Long upTo, Instant dismissedBy) {
    }

    public Table find(Filter f) {
        boolean events = f.type() == null || !f.type().equals(QUARANTINE_DISMISSED);
        boolean dismissals = f.type() == null || f.type().equals(QUARANTINE_DISMISSED);
        List<Object> args = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (events) {
            StringBuilder sql = new StringBuilder(EVENTS);
            common(sql, args, f, f.time() + "_at");
            condition(sql, args, "event_type = ?", f.type());
            condition(sql, args, "position > ?", f.afterPosition());
            condition(sql, args, "position <= ?", f.upTo());
            parts.add("(" + sql + " ORDER BY position LIMIT ?)");
            args.add(f.limit());
        }
        if (dismissals) {
            StringBuilder sql = new StringBuilder(DISMISSALS);
            common(sql, args, f, "dismissed_at");
            if (f.afterPosition() != null && f.afterQuarantineId() != null) {
                sql.append(" AND (ledger_position, quarantine_id) > (?, ?)");
                args.add(f.afterPosition());
                args.add(f.afterQuarantineId());
            } else {
                condition(sql, args, "ledger_position >= ?", f.afterPosition());
            }
            condition(sql, args, "ledger_position <= ?", f.upTo());
            condition(sql, args, "dismissed_at <= ?", ts(f.dismissedBy()));
            parts.add("(" + sql + " ORDER BY ledger_position, quarantine_id LIMIT ?)");
            args.add(f.limit());
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") trail ORDER BY 1, 17 NULLS FIRST LIMIT ?";
        args.add(f.limit());
        List<Object[]> rows = jdbc.query(sql, (rs, i) -> Tables.values(rs, COLUMNS.size()), args.toArray());
        return new Table(COLUMNS, rows);
    }

    private static void common(StringBuilder sql, List<Object> args, Filter f, String timeColumn) {
        condition(sql, args, "subject_id = ?", f.subjectId());
        condition(sql, args, "center_id = ?", f.centerId());
        condition(sql, args, "actor_id = ?", f.actorId());
        condition(sql, args, timeColumn + " >= ?", ts(f.from()));
        condition(sql, args, timeColumn + " < ?", ts(f.to()));
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }
}
