package org.studyledger.hub.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.verification.KnownAssessments;

/**
 * The ledger's bookkeeping beside the event store: each subject's chain head, each event's hash and each assessment's
 * instrument. Read one question at a time (the single-message path) or for a whole batch in one query per table, and
 * written for a whole batch in one statement per table.
 */
@Repository
public class LedgerHeads {
    private final JdbcTemplate jdbc;

    LedgerHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Head(String subjectId, String centerId, long lastSequence, String lastHash) {
    }

    /** An assessment in the ledger: whose it is and which instrument version recorded it. */
    public record Assessment(String subjectId, InstrumentRef instrument) {
    }

    /** A subject and a sequence: a place in one subject's chain. */
    record Place(String subjectId, long sequence) {
    }

    /** An event appended to the event store, with the global index the store gave it (null if it could not be read). */
    record Appended(EventEnvelope envelope, StudyEvent event, Long globalIndex) {
    }

    public Optional<Head> head(String subjectId) {
        List<Head> rows = jdbc.query("SELECT subject_id, center_id, last_sequence, last_hash FROM ledger_head WHERE subject_id = ?",
                (rs, n) -> new Head(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)), subjectId);
        return rows.stream().findFirst();
    }

    /** The hash of the event the ledger holds under this id, if any. */
    public Optional<String> hashOfEvent(String eventId) {
        return jdbc.queryForList("SELECT hash FROM ledger_event_hash WHERE event_id = ?", String.class, eventId)
                .stream().findFirst();
    }

    /** The hash of the event the ledger holds at this subject and sequence, if any. */
    public Optional<String> hashAt(String subjectId, long sequence) {
        return jdbc.queryForList("SELECT hash FROM ledger_event_hash WHERE subject_id = ? AND sequence = ?",
                String.class, subjectId, sequence).stream().findFirst();
    }

    /** The assessment the ledger holds under this id, if any. */
    public Optional<Assessment> assessment(String assessmentId) {
        return jdbc.query("SELECT subject_id, instrument, version FROM ledger_assessment WHERE assessment_id = ?",
                (rs, n) -> new Assessment(rs.getString(1), new InstrumentRef(rs.getString(2), rs.getString(3))),
                assessmentId).stream().findFirst();
    }

    // ---------------------------------------------------------------- a batch's questions, one query each

    Map<String, Head> heads(Collection<String> subjectIds) {
        Map<String, Head> heads = new HashMap<>();
        query("SELECT subject_id, center_id, last_sequence, last_hash FROM ledger_head WHERE subject_id = ANY(?)",
                List.of(subjectIds), (rs) -> heads.put(rs.getString(1),
                        new Head(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4))));
        return heads;
    }

    Map<String, String> hashesOfEvents(Collection<String> eventIds) {
        Map<String, String> hashes = new HashMap<>();
        query("SELECT event_id, hash FROM ledger_event_hash WHERE event_id = ANY(?)", List.of(eventIds),
                rs -> hashes.put(rs.getString(1), rs.getString(2)));
        return hashes;
    }

    Map<Place, String> hashesAt(Collection<Place> places) {
        Map<Place, String> hashes = new HashMap<>();
        query("""
                SELECT h.subject_id, h.sequence, h.hash FROM ledger_event_hash h
                JOIN unnest(?::text[], ?::bigint[]) AS p(subject_id, sequence)
                  ON h.subject_id = p.subject_id AND h.sequence = p.sequence
                """, List.of(places.stream().map(Place::subjectId).toList(), places.stream().map(Place::sequence).toList()),
                rs -> hashes.put(new Place(rs.getString(1), rs.getLong(2)), rs.getString(3)));
        return hashes;
    }

    Map<String, Assessment> assessments(Collection<String> assessmentIds) {
        Map<String, Assessment> assessments = new HashMap<>();
        query("SELECT assessment_id, subject_id, instrument, version FROM ledger_assessment WHERE assessment_id = ANY(?)",
                List.of(assessmentIds), rs -> assessments.put(rs.getString(1),
                        new Assessment(rs.getString(2), new InstrumentRef(rs.getString(3), rs.getString(4)))));
        return assessments;
    }

    /** The global index the event store gave each of these events, by event id. */
    Map<String, Long> globalIndexes(Collection<String> eventIds) {
        Map<String, Long> indexes = new HashMap<>();
        query("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY(?)",
                List.of(eventIds), rs -> indexes.put(rs.getString(1), rs.getLong(2)));
        return indexes;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Records what appending these events (in this order) changes beside the event store: each event's hash, each
     * subject's head (moved to its last event here) and each recorded assessment's instrument. One statement per table.
     */
    void record(List<Appended> appended) {
        if (appended.isEmpty()) {
            return;
        }
        List<Object> eventIds = new ArrayList<>();
        List<Object> subjects = new ArrayList<>();
        List<Object> sequences = new ArrayList<>();
        List<Object> hashes = new ArrayList<>();
        Map<String, Appended> lastOfSubject = new LinkedHashMap<>();
        List<Object[]> assessments = new ArrayList<>();
        for (Appended a : appended) {
            EventEnvelope e = a.envelope();
            eventIds.add(e.eventId().toString());
            subjects.add(e.subjectId().value());
            sequences.add(e.sequence());
            hashes.add(e.hash());
            lastOfSubject.put(e.subjectId().value(), a);
            KnownAssessments.recordedBy(a.event()).ifPresent(recorded -> assessments.add(new Object[] {
                    recorded.assessmentId().toString(), e.subjectId().value(), recorded.instrument().code(),
                    recorded.instrument().version()}));
        }
        update("INSERT INTO ledger_event_hash (event_id, subject_id, sequence, hash)"
                + " SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[])",
                List.of(eventIds, subjects, sequences, hashes));
        List<Appended> heads = List.copyOf(lastOfSubject.values());
        update("""
                INSERT INTO ledger_head (subject_id, center_id, last_sequence, last_hash, last_event_id, last_global_index)
                SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[])
                ON CONFLICT (subject_id) DO UPDATE SET last_sequence = excluded.last_sequence, last_hash = excluded.last_hash,
                  last_event_id = excluded.last_event_id, last_global_index = excluded.last_global_index, updated_at = now()
                """, List.of(
                heads.stream().map(a -> (Object) a.envelope().subjectId().value()).toList(),
                heads.stream().map(a -> (Object) a.envelope().centerId().value()).toList(),
                heads.stream().map(a -> (Object) a.envelope().sequence()).toList(),
                heads.stream().map(a -> (Object) a.envelope().hash()).toList(),
                heads.stream().map(a -> (Object) a.envelope().eventId().toString()).toList(),
                heads.stream().map(a -> (Object) a.globalIndex()).toList()));
        if (!assessments.isEmpty()) {
            update("INSERT INTO ledger_assessment (assessment_id, subject_id, instrument, version)"
                            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])",
                    List.of(assessments.stream().map(a -> a[0]).toList(), assessments.stream().map(a -> a[1]).toList(),
                            assessments.stream().map(a -> a[2]).toList(), assessments.stream().map(a -> a[3]).toList()));
        }
    }

    // ---------------------------------------------------------------- arrays as parameters

    /** Runs {@code sql} with each of {@code columns} as one array parameter, in order. */
    private void query(String sql, List<? extends Collection<?>> columns, RowCallbackHandler row) {
        if (columns.get(0).isEmpty()) {
            return;
        }
        jdbc.query(connection -> prepare(connection, sql, columns), row);
    }

    private void update(String sql, List<? extends Collection<?>> columns) {
        jdbc.update(connection -> prepare(connection, sql, columns));
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<? extends Collection<?>> columns)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < columns.size(); i++) {
            Collection<?> column = columns.get(i);
            Object first = column.stream().filter(java.util.Objects::nonNull).map(Object.class::cast).findFirst().orElse("");
            Array array = connection.createArrayOf(first instanceof Long ? "bigint" : "text", column.toArray());
            statement.setArray(i + 1, array);
        }
        return statement;
    }
}
