package org.studyledger.hub.dataset;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger position the analysis dataset reflects: the highest ledger position (global index) among the
 * events the dataset has applied, and the time the ledger accepted that event. Every event of a subject up to
 * the subject's {@code dataset_subject.last_sequence} is applied (events of a subject arrive in order), so
 * the position is found from those sequences in the event store. Read it in the same (REPEATABLE READ)
 * transaction as the rows: the processor writes the rows and {@code last_sequence} together, so the
 * position and the rows then agree. An empty dataset has position -1 and no time.
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
                FROM dataset_subject s
                JOIN domain_event_entry d ON d.aggregate_identifier = s.subject_id AND d.sequence_number = s.last_sequence
                ORDER BY d.global_index DESC LIMIT 1
                """, (rs, n) -> new DatasetPosition(rs.getLong(1), Instant.parse(rs.getString(2))));
        return found.isEmpty() ? new DatasetPosition(-1, null) : found.get(0);
    }

    /**
     * The ledger position of the last event of one subject the dataset reflects (its {@code last_sequence}): what the
     * subject's rows are as of, however far the rest of the ledger has gone; -1 when the dataset holds no event of it.
     */
    public static long ofSubject(JdbcTemplate jdbc, String subjectId) {
        List<Long> found = jdbc.queryForList("""
                SELECT d.global_index
                FROM dataset_subject s
                JOIN domain_event_entry d ON d.aggregate_identifier = s.subject_id AND d.sequence_number = s.last_sequence
                WHERE s.subject_id = ?
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
