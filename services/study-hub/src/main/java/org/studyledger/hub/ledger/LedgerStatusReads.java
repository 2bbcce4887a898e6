package org.studyledger.hub.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger status's reads, per center: {@code {events, subjects, last position, quarantined}} (a last position of -1
 * or 0: none), keyed and ordered by center id ({@code ?} for quarantined messages whose center is not known).
 */
@Repository
public class LedgerStatusReads {
    private final JdbcTemplate jdbc;

    LedgerStatusReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per center now: from the ledger heads and the open quarantine. */
    public Map<String, long[]> byCenter() {
        Map<String, long[]> byCenter = new TreeMap<>();
        jdbc.query("SELECT center_id, sum(last_sequence + 1), count(*), max(last_global_index) FROM ledger_head GROUP BY center_id",
                rs -> {
                    byCenter.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), 0});
                });
        jdbc.query("SELECT coalesce(center_id, '?'), count(*) FROM quarantine WHERE status = 'QUARANTINED' GROUP BY 1",
                rs -> {
                    byCenter.computeIfAbsent(rs.getString(1), c -> new long[] {0, 0, -1, 0})[3] = rs.getLong(2);
                });
        return byCenter;
    }

    /**
     * Per center (a subject id's prefix) as of ledger position {@code position}: its events, subjects and last
     * position up to it, and the messages that were in quarantine at {@code at} (null: when the ledger's last event up
     * to the position was accepted).
     */
    public Map<String, long[]> byCenter(long position, Instant at) {
        Map<String, long[]> byCenter = new TreeMap<>();
        jdbc.query("""
                SELECT split_part(aggregate_identifier, '-', 1), count(*), count(DISTINCT aggregate_identifier), max(global_index)
                FROM domain_event_entry WHERE global_index <= ? GROUP BY 1""",
                rs -> {
                    byCenter.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), 0});
                }, position);
        String time = at != null ? at.toString() : jdbc.query("""
                SELECT time_stamp FROM domain_event_entry WHERE global_index <= ? ORDER BY global_index DESC LIMIT 1""",
                rs -> rs.next() ? rs.getString(1) : null, position);
        if (time != null) {
            jdbc.query("""
                    SELECT coalesce(center_id, '?'), count(*) FROM quarantine WHERE received_at <= ?::timestamptz
                      AND (status = 'QUARANTINED' OR resolved_at > ?::timestamptz) GROUP BY 1""",
                    rs -> {
                        byCenter.computeIfAbsent(rs.getString(1), c -> new long[] {0, 0, -1, 0})[3] = rs.getLong(2);
                    }, time, time);
        }
        return byCenter;
    }
}
