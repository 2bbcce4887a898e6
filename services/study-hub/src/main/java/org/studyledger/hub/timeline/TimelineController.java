package org.studyledger.hub.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.projectionsupport.Sql;

/**
 * {@code GET /api/v1/subjects/{id}/timeline}: every ledger event of the subject, in sequence order. It is an analyst's
 * view: it names the role that recorded each event but no staff id (neither the actor's nor a form's rater); who did
 * what is the auditors' (the audit trail, the ledger export).
 */
@RestController
public class TimelineController {
    /** Payload fields that name a member of staff: an assessment's rater. */
    static final List<String> STAFF_ID_FIELDS = List.of("rater");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TimelineController(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One timeline row; instants as on the wire ({@code 2026-01-12T08:15:00.000Z}). */
    public record Entry(long position, long sequence, String eventId, String eventType, String occurredAt,
                        String recordedAt, String actorRole, String source, String visit,
                        Integer doseSession, String summary, JsonNode details) {
    }

    @GetMapping("/api/v1/subjects/{id}/timeline")
    public List<Entry> timeline(@PathVariable("id") String id) {
        QueryParameters p = new QueryParameters();
        String subject = p.subject("subject_id", id);
        p.check();
        List<Entry> entries = jdbc.query("""
                SELECT position, sequence, event_id, event_type, occurred_at, recorded_at, actor_role, source, visit,
                  dose_session, summary, details::text AS details
                FROM timeline_event WHERE subject_id = ? ORDER BY sequence""",
                (rs, n) -> new Entry(rs.getLong("position"), rs.getLong("sequence"), rs.getString("event_id"),
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
