package org.studyledger.hub.ledger;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.instrument.InstrumentRef;

/** The ledger's bookkeeping beside the event store: each subject's chain head and each assessment's instrument. */
@Repository
public class LedgerHeads {
    private final JdbcTemplate jdbc;

    LedgerHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Head(String subjectId, String centerId, long lastSequence, String lastHash) {
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

    /** The subject an assessment in the ledger belongs to. */
    public Optional<String> subjectOfAssessment(String assessmentId) {
        return jdbc.queryForList("SELECT subject_id FROM ledger_assessment WHERE assessment_id = ?", String.class,
                assessmentId).stream().findFirst();
    }

    public Optional<InstrumentRef> instrumentOf(String assessmentId) {
        return jdbc.query("SELECT instrument, version FROM ledger_assessment WHERE assessment_id = ?",
                (rs, n) -> new InstrumentRef(rs.getString(1), rs.getString(2)), assessmentId).stream().findFirst();
    }

    void advance(EventEnvelope e, Long globalIndex) {
        jdbc.update("INSERT INTO ledger_event_hash (event_id, subject_id, sequence, hash) VALUES (?, ?, ?, ?)",
                e.eventId().toString(), e.subjectId().value(), e.sequence(), e.hash());
        jdbc.update("""
                INSERT INTO ledger_head (subject_id, center_id, last_sequence, last_hash, last_event_id, last_global_index)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject_id) DO UPDATE SET last_sequence = excluded.last_sequence, last_hash = excluded.last_hash,
                  last_event_id = excluded.last_event_id, last_global_index = excluded.last_global_index, updated_at = now()
                """, e.subjectId().value(), e.centerId().value(), e.sequence(), e.hash(), e.eventId().toString(), globalIndex);
    }

    void recordAssessment(String assessmentId, String subjectId, InstrumentRef instrument) {
        jdbc.update("INSERT INTO ledger_assessment (assessment_id, subject_id, instrument, version) VALUES (?, ?, ?, ?)",
                assessmentId, subjectId, instrument.code(), instrument.version());
    }
}
