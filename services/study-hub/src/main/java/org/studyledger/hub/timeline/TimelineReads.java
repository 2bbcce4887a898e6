package org.studyledger.hub.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.asof.SubjectReplay;
import org.studyledger.hub.projectionsupport.Sql;
import org.studyledger.kernel.protocol.Protocol;

/**
 * The timeline's reads: a subject's rows from the live tables, or (as of a ledger position) from the temporary tables
 * the timeline projection folds the subject's own events into ({@link SubjectReplay}); one query serves both, so an
 * as-of answer cannot drift from a live one.
 */
@Repository
public class TimelineReads {
    /** Payload fields that name a member of staff: an assessment's rater. */
    static final List<String> STAFF_ID_FIELDS = List.of("rater");

    /** The tables the timeline projection writes. */
    static final List<String> TABLES = List.of("timeline_event", "timeline_form", "timeline_subject");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SubjectReplay replay;
    private final SubjectReplay.Model model;

    TimelineReads(JdbcTemplate jdbc, ObjectMapper json, SubjectReplay replay, Protocol protocol, HubProperties hub) {
        this.jdbc = jdbc;
        this.json = json;
        this.replay = replay;
        this.model = new SubjectReplay.Model(TABLES, to -> TimelineProjection.writingTo(to, protocol, hub.zone()));
    }

    /** The subject's timeline now; {@link NotFound} if it has none. */
    public List<TimelineController.Entry> entries(String subject) {
        return entries(jdbc, subject);
    }

    /** The subject's timeline as it stood at ledger position {@code position}; {@link NotFound} if it had none. */
    public List<TimelineController.Entry> entries(String subject, long position) {
        return replay.read(model, subject, position, to -> entries(to, subject));
    }

    /** The subject's timeline as the tables {@code jdbc} finds hold it (the live ones, or a replay's). */
    private List<TimelineController.Entry> entries(JdbcTemplate jdbc, String subject) {
        List<TimelineController.Entry> entries = jdbc.query("""
                SELECT position, sequence, event_id, event_type, occurred_at, recorded_at, actor_role, source, visit,
                  dose_session, summary, details::text AS details
                FROM timeline_event WHERE subject_id = ? ORDER BY sequence""",
                (rs, n) -> new TimelineController.Entry(rs.getLong("position"), rs.getLong("sequence"), rs.getString("event_id"),
                        rs.getString("event_type"), Sql.wire(Sql.instant(rs, "occurred_at")), Sql.wire(Sql.instant(rs, "recorded_at")),
                        rs.getString("actor_role"), rs.getString("source"), rs.getString("visit"),
                        Sql.integer(rs, "dose_session"), rs.getString("summary"), tree(rs.getString("details"))), subject);
        if (entries.isEmpty()) {
            throw NotFound.subject(subject);
        }
        return entries;
    }

    /** The details, without the staff ids a payload carries. */
    private JsonNode tree(String text) {
        try {
            JsonNode details = json.readTree(text);
            if (details.path("payload") instanceof ObjectNode payload) {
                payload.remove(STAFF_ID_FIELDS);
            }
            return details;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("timeline_event.details is not JSON", e);
        }
    }
}
