package org.studyledger.hub.dataset;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger position the analysis dataset reflects: the highest ledger position (global index) among the
 * events the dataset has applied ({@code dataset_applied}) up to the position the read is as of
 * ({@code ledger_as_of()}, the head for a live read), and the time the ledger accepted that event. Read it in the same
 * (REPEATABLE READ) transaction as the rows: the processor writes the rows and {@code dataset_applied} together, so
 * the position and the rows then agree. An empty dataset has position -1 and no time.
 *
 * @param position   the ledger position of the last event the dataset reflects; -1 when it reflects none
 * @param acceptedAt when the ledger accepted that event (the event store's timestamp); null for -1
 */
public record DatasetPosition(long position, Instant acceptedAt) {
    /** The header the dataset responses carry the position in. */
    public static final String HEADER = "X-Ledger-Position";
    /** The header a subject-filtered dataset answer carries that subject's own position in ({@link #ofSubject}). */
    public static final String SUBJECT_HEADER = "X-Subject-Ledger-Position";

    public static DatasetPosition current(JdbcTemplate jdbc) {
        List<DatasetPosition> found = jdbc.query("""
                SELECT d.global_index, d.time_stamp
                FROM (SELECT max(position) AS position FROM dataset_applied WHERE position <= (SELECT ledger_as_of())) a
                JOIN domain_event_entry d ON d.global_index = a.position
                """, (rs, n) -> new DatasetPosition(rs.getLong(1), Instant.parse(rs.getString(2))));
        return found.isEmpty() ? new DatasetPosition(-1, null) : found.get(0);
    }

    /**
     * The ledger position of the last event of one subject the dataset reflects: what the
     * subject's rows are as of, however far the rest of the ledger has gone; -1 when the dataset holds no event of it.
     */
    public static long ofSubject(JdbcTemplate jdbc, String subjectId) {
        List<Long> found = jdbc.queryForList("""
                SELECT max(position) FROM dataset_applied WHERE subject_id = ? AND position <= (SELECT ledger_as_of())
                HAVING count(*) > 0
                """, Long.class, subjectId);
        return found.isEmpty() ? -1 : found.get(0);
    }

    /**
     * How many ledger events the dataset has applied (every subject's events up to its {@code last_sequence}, counted
     * from 0). With {@link #current} it names the dataset's state: the projection's segments move on independently, so
     * events below the current position can still be applied while the position stays where it is.
     */
    public static long appliedEvents(JdbcTemplate jdbc) {
        Long applied = jdbc.queryForObject("SELECT coalesce(sum(last_sequence + 1), 0) FROM dataset_subject", Long.class);
        return applied == null ? 0 : applied;
    }
}
