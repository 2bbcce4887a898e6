package org.studyledger.hub.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.hub.asof.SubjectReplay;
import org.studyledger.hub.projectionsupport.Sql;
import org.studyledger.kernel.protocol.Protocol;

/**
 * {@code GET /api/v1/subjects/{id}/timeline}: every ledger event of the subject, in sequence order. It is an analyst's
 * view: it names the role that recorded each event but no staff id (neither the actor's nor a form's rater); who did
 * what is the auditors' (the audit trail, the ledger export).
 *
 * <p>With {@code position} or {@code asOf} (docs/as-of.md) it answers what it answered when the ledger stood there.
 * Rows are not simply filtered by position: a dose entered late that was given before the first dose known rewrites
 * the study days of the assessments already on the timeline. So the subject's own events up to the position are
 * folded by the timeline projection itself into temporary tables and read by the same query ({@link SubjectReplay}).
 */
@RestController
public class TimelineController {
    /** Payload fields that name a member of staff: an assessment's rater. */
    static final List<String> STAFF_ID_FIELDS = List.of("rater");

    /** The tables the timeline projection writes. */
    static final List<String> TABLES = List.of("timeline_event", "timeline_form", "timeline_subject");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AsOfReads snapshots;
    private final SubjectReplay replay;
    private final SubjectReplay.Model model;

    TimelineController(JdbcTemplate jdbc, ObjectMapper json, AsOfReads snapshots, SubjectReplay replay, Protocol protocol,
                       HubProperties hub) {
        this.jdbc = jdbc;
        this.json = json;
        this.snapshots = snapshots;
        this.replay = replay;
        this.model = new SubjectReplay.Model(TABLES, to -> TimelineProjection.writingTo(to, protocol, hub.zone()));
    }

    /** One timeline row; instants as on the wire ({@code 2026-01-12T08:15:00.000Z}). */
    public record Entry(long position, long sequence, String eventId, String eventType, String occurredAt,
                        String recordedAt, String actorRole, String source, String visit,
                        Integer doseSession, String summary, JsonNode details) {
    }

    @GetMapping("/api/v1/subjects/{id}/timeline")
    public ResponseEntity<List<Entry>> timeline(@PathVariable("id") String id,
                                                @RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                                @RequestParam(name = AsOf.POSITION, required = false) String position) {
        QueryParameters p = new QueryParameters();
        String subject = p.subject("subject_id", id);
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();
        if (point == null) {
            return ResponseEntity.ok(entries(jdbc, subject));
        }
        long at = snapshots.resolve(point);
        List<Entry> entries = replay.read(model, subject, at, to -> entries(to, subject));
        return ResponseEntity.ok().header(AsOf.HEADER, Long.toString(at)).body(entries);
    }

    /** The subject's timeline as the tables {@code jdbc} finds hold it (the live ones, or a replay's). */
    private List<Entry> entries(JdbcTemplate jdbc, String subject) {
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
