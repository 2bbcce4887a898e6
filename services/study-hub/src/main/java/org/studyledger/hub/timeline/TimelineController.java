package org.studyledger.hub.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;

/**
 * {@code GET /api/v1/subjects/{id}/timeline}: every ledger event of the subject, in sequence order. It is an analyst's
 * view: it names the role that recorded each event but no staff id (neither the actor's nor a form's rater); who did
 * what is the auditors' (the audit trail, the ledger export).
 *
 * <p>With {@code position} or {@code asOf} (docs/as-of.md) it answers what it answered when the ledger stood there.
 * Rows are not simply filtered by position: a dose entered late that was given before the first dose known rewrites
 * the study days of the assessments already on the timeline. So the subject's own events up to the position are
 * folded by the timeline projection itself into temporary tables and read by the same query ({@link TimelineReads}).
 */
@RestController
public class TimelineController {
    private final TimelineReads reads;
    private final AsOfReads snapshots;

    TimelineController(TimelineReads reads, AsOfReads snapshots) {
        this.reads = reads;
        this.snapshots = snapshots;
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
            return ResponseEntity.ok(reads.entries(subject));
        }
        long at = snapshots.resolve(point);
        List<Entry> entries = reads.entries(subject, at);
        return ResponseEntity.ok().header(AsOf.HEADER, Long.toString(at)).body(entries);
    }
}
