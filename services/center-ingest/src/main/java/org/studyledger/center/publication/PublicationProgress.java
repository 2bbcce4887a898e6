package org.studyledger.center.publication;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How far publication has come: how many of the store's events Kafka has acknowledged (each counted once, however
 * often it was sent), and the last one. Written in the processor's transaction (with its token), so it never runs
 * ahead of what Kafka acknowledged; the events a failed batch had already got acknowledged are counted in a
 * transaction of their own. The last error is kept in memory, because the transaction that failed is rolled back.
 */
@Component
public class PublicationProgress {
    private final JdbcTemplate jdbc;
    /** For what must commit although the batch's transaction rolls back. */
    private final TransactionTemplate ownTransaction;
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    public record LastError(String message, Instant at) {
    }

    PublicationProgress(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A batch's events are acknowledged and its transaction (with the token) is about to commit: they count as
     * published, except those already counted when an earlier attempt of the same batch failed after Kafka had
     * acknowledged them ({@link #acknowledgedBeforeFailure}). The last of them is at {@code globalIndex}.
     */
    void published(List<String> eventIds, long globalIndex, String eventId, Instant at) {
        jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement("""
                    WITH counted AS (DELETE FROM publication_acknowledged WHERE event_id = ANY(?) RETURNING 1)
                    UPDATE publication_progress SET published = published + ? - (SELECT count(*) FROM counted),
                      last_global_index = ?, last_event_id = ?, last_published_at = ? WHERE id = 1""");
            update.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
            update.setInt(2, eventIds.size());
            update.setLong(3, globalIndex);
            update.setString(4, eventId);
            update.setTimestamp(5, java.sql.Timestamp.from(at));
            return update;
        });
    }

    /**
     * A batch failed after Kafka had acknowledged its first events: they are on the topic, so they count as published
     * now, in a transaction of their own (the batch's own rolls back, and the batch is sent again). Counted once
     * however often the batch fails.
     */
    void acknowledgedBeforeFailure(List<String> eventIds, long globalIndex, String eventId, Instant at) {
        if (eventIds.isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(tx -> jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement("""
                    WITH added AS (INSERT INTO publication_acknowledged (event_id) SELECT unnest(?::text[])
                                   ON CONFLICT DO NOTHING RETURNING 1)
                    UPDATE publication_progress SET published = published + (SELECT count(*) FROM added),
                      last_global_index = ?, last_event_id = ?, last_published_at = ? WHERE id = 1""");
            update.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
            update.setLong(2, globalIndex);
            update.setString(3, eventId);
            update.setTimestamp(4, java.sql.Timestamp.from(at));
            return update;
        }));
    }

    void failed(String message, Instant at) {
        lastError.set(new LastError(message, at));
    }

    public LastError lastError() {
        return lastError.get();
    }

    /** How many events the store holds: those published and those not yet ({@link Snapshot#pending()}). */
    public long stored() {
        return snapshot().stored();
    }

    /**
     * Where publication stands, in one read. The events not yet published are those after the last one published,
     * counted over the event table's index from there: a status polled often (a dashboard, a benchmark's stage watch)
     * costs what is pending, not a count of the whole store, which grows with the study (a tenth of a second for a few
     * hundred thousand events). An event whose transaction commits after a later one was already published (a gap the
     * processor waits for) is counted as the outbox reaches it, a moment later.
     */
    public Snapshot snapshot() {
        return jdbc.queryForObject("""
                SELECT p.published, p.last_global_index, p.last_event_id, p.last_published_at,
                  (SELECT count(*) FROM domain_event_entry e WHERE e.global_index > coalesce(p.last_global_index, -1))
                FROM publication_progress p WHERE p.id = 1""", (rs, n) -> new Snapshot(rs.getLong(1),
                (Long) rs.getObject(2), rs.getString(3),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getLong(5)));
    }

    /**
     * @param published       events Kafka acknowledged, each counted once
     * @param lastGlobalIndex the last published event's position in the store
     * @param pending         events stored after it, not yet published
     */
    public record Snapshot(long published, Long lastGlobalIndex, String lastEventId, Instant lastPublishedAt,
                           long pending) {
        public long stored() {
            return published + pending;
        }
    }
}
