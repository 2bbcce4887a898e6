package org.studyledger.hub.audit;

import static org.studyledger.hub.projection.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.api.Tables;
import org.studyledger.kernel.envelope.EventTypes;

/**
 * {@code GET /api/v1/audit-trail}: ledger events in ledger order, filtered by subject, center, actor,
 * event type and a time range ({@code from} inclusive, {@code to} exclusive, ISO instants) on recorded,
 * occurred or accepted time; paged by {@code after} (a position) and {@code limit}. JSON or CSV.
 */
@RestController
public class AuditTrailController {
    static final List<String> COLUMNS = List.of("position", "event_id", "event_type", "subject_id", "sequence", "center_id",
            "actor_id", "actor_role", "occurred_at", "recorded_at", "accepted_at", "reason", "source", "previous_hash",
            "hash", "hash_verified");
    static final List<String> TIMES = List.of("recorded", "occurred", "accepted");
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10000;

    private final JdbcTemplate jdbc;

    AuditTrailController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/audit-trail")
    public ResponseEntity<byte[]> auditTrail(@RequestParam(name = "subject", required = false) String subject,
                                             @RequestParam(name = "center", required = false) String center,
                                             @RequestParam(name = "actor", required = false) String actor,
                                             @RequestParam(name = "type", required = false) String type,
                                             @RequestParam(name = "from", required = false) String from,
                                             @RequestParam(name = "to", required = false) String to,
                                             @RequestParam(name = "time", required = false) String time,
                                             @RequestParam(name = "after", required = false) String after,
                                             @RequestParam(name = "limit", required = false) String limit,
                                             @RequestParam(name = "format", required = false) String format,
                                             @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters p = new QueryParameters();
        String subjectId = p.subject("subject", subject);
        String centerId = p.center("center", center);
        if (actor != null && (actor.isBlank() || actor.length() > 64)) {
            p.problem("actor", "must be a staff id of 1–64 characters");
        }
        String eventType = p.oneOf("type", type, List.copyOf(EventTypes.all().keySet()));
        Instant fromInstant = p.instant("from", from);
        Instant toInstant = p.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            p.problem("to", "must be after from (" + from + "); the range is from inclusive to exclusive");
        }
        String timeName = time == null || time.isBlank() ? "recorded" : p.oneOf("time", time, TIMES);
        Long afterPosition = p.position("after", after);
        Integer max = limit == null || limit.isBlank() ? Integer.valueOf(DEFAULT_LIMIT) : p.integer("limit", limit, 1, MAX_LIMIT);
        TableResponses.Format f = TableResponses.negotiate(format, accept, p);
        p.check();

        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", COLUMNS)).append(" FROM audit_trail WHERE true");
        List<Object> args = new ArrayList<>();
        condition(sql, args, "subject_id = ?", subjectId);
        condition(sql, args, "center_id = ?", centerId);
        condition(sql, args, "actor_id = ?", actor);
        condition(sql, args, "event_type = ?", eventType);
        String column = timeName + "_at";
        condition(sql, args, column + " >= ?", ts(fromInstant));
        condition(sql, args, column + " < ?", ts(toInstant));
        condition(sql, args, "position > ?", afterPosition);
        sql.append(" ORDER BY position LIMIT ?");
        args.add(max);
        List<Object[]> rows = jdbc.query(sql.toString(), (rs, i) -> Tables.values(rs, COLUMNS.size()), args.toArray());
        return TableResponses.render(new Table(COLUMNS, rows), f, "audit-trail");
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }
}
