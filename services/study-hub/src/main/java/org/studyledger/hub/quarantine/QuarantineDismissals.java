package org.studyledger.hub.quarantine;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.studyledger.kernel.envelope.Actor;

/**
 * The dismissals of quarantined messages ({@code quarantine_dismissal}, append-only: db/hub/V7__quarantine_dismissal.sql),
 * one per dismissed row, each with who, when and why and a copy of what the row was when it was dismissed.
 */
@Repository
public class QuarantineDismissals {
    private final JdbcTemplate jdbc;

    QuarantineDismissals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Who dismissed a row, when and why, and the ledger's highest position at that moment (0 for an empty ledger),
     * which places the dismissal in the audit trail.
     */
    public record Dismissal(Instant dismissedAt, String actorId, String actorRole, String reason, long ledgerPosition) {
    }

    /**
     * Records the dismissal of row {@code id}, at the transaction's time ({@code now()}, which is also the row's
     * {@code resolved_at}). The caller holds the row's lock and has seen it open.
     */
    void record(long id, Actor actor, String reason) {
        jdbc.update("""
                INSERT INTO quarantine_dismissal (quarantine_id, dismissed_at, actor_id, actor_role, reason, ledger_position,
                                                  topic, kafka_partition, kafka_offset, event_id, center_id, subject_id,
                                                  sequence, reason_code)
                SELECT id, now(), ?, ?, ?, (SELECT coalesce(max(global_index), 0) FROM domain_event_entry),
                       topic, kafka_partition, kafka_offset, event_id, center_id, subject_id, sequence, reason_code
                FROM quarantine WHERE id = ?
                """, actor.id(), actor.role(), reason, id);
    }

    /** The dismissals of these rows (a page of the quarantine), by row id. */
    Map<Long, Dismissal> of(List<QuarantineStore.Entry> rows) {
        Map<Long, Dismissal> byId = new HashMap<>();
        if (rows.isEmpty()) {
            return byId;
        }
        Long[] ids = rows.stream().map(QuarantineStore.Entry::id).toArray(Long[]::new);
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT quarantine_id, dismissed_at, actor_id, actor_role, reason, ledger_position
                    FROM quarantine_dismissal WHERE quarantine_id = ANY (?)""");
            select.setArray(1, connection.createArrayOf("bigint", ids));
            return select;
        }, rs -> {
            byId.put(rs.getLong(1), new Dismissal(rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getLong(6)));
        });
        return byId;
    }
}
