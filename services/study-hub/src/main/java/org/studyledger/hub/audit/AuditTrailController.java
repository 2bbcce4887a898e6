package org.studyledger.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.kernel.envelope.EventTypes;

/**
 * {@code GET /api/v1/audit-trail}: ledger events in ledger order, with the dismissals of quarantined messages in their
 * place among them ({@link AuditTrailStore}), filtered by subject, center, actor, type (an event type or
 * {@code QuarantineDismissed}) and a time range ({@code from} inclusive, {@code to} exclusive, ISO instants) on
 * recorded, occurred or accepted time; paged by {@code after} (a position) and, after a dismissal,
 * {@code after_quarantine_id}, and {@code limit}. JSON or CSV. With {@code position} or {@code asOf}, the trail as it
 * was when the ledger stood there (docs/as-of.md).
 */
@RestController
public class AuditTrailController {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10000;

    private final AuditTrailStore store;
    private final AsOfReads snapshots;

    AuditTrailController(AuditTrailStore store, AsOfReads snapshots) {
        this.store = store;
        this.snapshots = snapshots;
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
                                             @RequestParam(name = "after_quarantine_id", required = false) String afterQuarantineId,
                                             @RequestParam(name = "limit", required = false) String limit,
                                             @RequestParam(name = "format", required = false) String format,
                                             @RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                             @RequestParam(name = AsOf.POSITION, required = false) String position,
                                             @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters p = new QueryParameters();
        String subjectId = p.subject("subject", subject);
        String centerId = p.center("center", center);
        if (actor != null && (actor.isBlank() || actor.length() > 64)) {
            p.problem("actor", "must be a staff id of 1–64 characters");
        }
        List<String> types = new ArrayList<>(EventTypes.all().keySet());
        types.add(AuditTrailStore.QUARANTINE_DISMISSED);
        String entryType = p.oneOf("type", type, types);
        Instant fromInstant = p.instant("from", from);
        Instant toInstant = p.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            p.problem("to", "must be after from (" + from + "); the range is from inclusive to exclusive");
        }
        String timeName = time == null || time.isBlank() ? "recorded" : p.oneOf("time", time, AuditTrailStore.TIMES);
        Long afterPosition = p.position("after", after);
        Long afterDismissal = afterQuarantineId(p, afterQuarantineId, after);
        Integer max = limit == null || limit.isBlank() ? Integer.valueOf(DEFAULT_LIMIT) : p.integer("limit", limit, 1, MAX_LIMIT);
        TableResponses.Format f = TableResponses.negotiate(format, accept, p);
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();

        Long upTo = point == null ? null : snapshots.resolve(point);
        Table rows = store.find(new AuditTrailStore.Filter(subjectId, centerId, actor, entryType,
                timeName == null ? "recorded" : timeName, fromInstant, toInstant, afterPosition, afterDismissal, max, upTo,
                point == null ? null : point.instant()));
        ResponseEntity<byte[]> answer = TableResponses.render(rows, f, "audit-trail");
        if (upTo == null) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header(AsOf.HEADER, upTo.toString())
                .body(answer.getBody());
    }

    /** The quarantine id of the dismissal a page ended with; it only makes sense with that dismissal's position. */
    private static Long afterQuarantineId(QueryParameters p, String value, String after) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (after == null || after.isBlank()) {
            p.problem("after_quarantine_id", "needs after: the position of the dismissal it names");
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        p.problem("after_quarantine_id", "must be a quarantine row id (a whole number from 1), got '" + value + "'");
        return null;
    }
}
