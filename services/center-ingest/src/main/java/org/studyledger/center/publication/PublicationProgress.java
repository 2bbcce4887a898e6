package org.studyledger.center.publication;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far publication has come. The published count and last event are written in the processor's
 * transaction (with its token), so they never run ahead of what Kafka acknowledged; the last error is
 * kept in memory, because the transaction that failed is rolled back.
 */
@Component
public class PublicationProgress {
    private final JdbcTemplate jdbc;
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    public record LastError(String message, Instant at) {
    }

    PublicationProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code count} more events acknowledged, the last of them at {@code globalIndex} with id {@code eventId}. */
    void published(int count, long globalIndex, String eventId, Instant at) {
        jdbc.update("UPDATE publication_progress SET published = published + ?, last_global_index = ?, last_event_id = ?,"
                + " last_published_at = ? WHERE id = 1", count, globalIndex, eventId, java.sql.Timestamp.from(at));
    }

    void failed(String message, Instant at) {
        lastError.set(new LastError(message, at));
    }

    public LastError lastError() {
        return lastError.get();
    }

    public long stored() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    public Snapshot snapshot() {
        return jdbc.queryForObject("SELECT published, last_global_index, last_event_id, last_published_at"
                + " FROM publication_progress WHERE id = 1", (rs, n) -> new Snapshot(rs.getLong(1),
                (Long) rs.getObject(2), rs.getString(3),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()));
    }

    public record Snapshot(long published, Long lastGlobalIndex, String lastEventId, Instant lastPublishedAt) {
    }
}
