package org.studyledger.hub.summary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.kernel.subject.status.SubjectStatus;

/**
 * {@code GET /api/v1/subjects?center=&status=}: subject summaries by subject id;
 * {@code GET /api/v1/subjects/{id}}: one subject's summary.
 *
 * <p>With {@code position} or {@code asOf} (docs/as-of.md) each answers what it answered when the ledger stood there.
 * A summary row is rewritten by every event of its subject, so an earlier one cannot be found by filtering: a subject
 * whose row moved on after the position is folded again from its own events up to the position by the summary
 * projection itself, into temporary tables ({@link SubjectSummaryReads}); every other row is the live one, unchanged since.
 * The same query then reads them.
 */
@RestController
public class SubjectController {
    private final SubjectSummaryReads reads;
    private final AsOfReads snapshots;

    SubjectController(SubjectSummaryReads reads, AsOfReads snapshots) {
        this.reads = reads;
        this.snapshots = snapshots;
    }

    /** A subject's summary (absent values are left out of the JSON; instants as on the wire). */
    public record SubjectSummary(String subjectId, String centerId, SubjectStatus status, String protocolVersion,
                                 LocalDate enrolmentDate, LocalDate firstDoseDate, LocalDate lastDoseDate,
                                 int dosesAdministered, int dosesWithheld, int cumulativeDoseMg, int visitsDone,
                                 List<String> visits, List<String> outOfWindowVisits, BigDecimal baselineMadrs, BigDecimal latestMadrs,
                                 String latestMadrsVisit, LocalDate latestMadrsDate, Integer latestMadrsDay,
                                 Boolean response, Boolean remission, int adverseEvents, LocalDate discontinuationDate,
                                 String discontinuationReason, Boolean consentWithdrawn, LocalDate completionDate,
                                 long events, long lastSequence, long lastPosition, String lastOccurredAt) {
    }

    @GetMapping("/api/v1/subjects")
    public ResponseEntity<List<SubjectSummary>> subjects(@RequestParam(name = "center", required = false) String center,
                                                         @RequestParam(name = "status", required = false) String status,
                                                         @RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                                         @RequestParam(name = AsOf.POSITION, required = false) String position) {
        QueryParameters p = new QueryParameters();
        String centerId = p.center("center", center);
        String statusName = null;
        if (status != null && !status.isBlank()) {
            String normalised = status.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            if (SubjectStatus.dispositions().stream().anyMatch(v -> v.name().equals(normalised))) {
                statusName = normalised;
            } else {
                p.problem("status", "must be one of " + SubjectStatus.dispositions().stream().map(Enum::name)
                        .collect(java.util.stream.Collectors.joining(", ")) + " (case, '-' and '_'"
                        + " do not matter), got '" + status + "'");
            }
        }
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();
        String statusFilter = statusName;
        if (point == null) {
            return ResponseEntity.ok(reads.summaries(centerId, statusFilter));
        }
        long at = snapshots.resolve(point);
        List<SubjectSummary> rows = reads.summaries(centerId, statusFilter, at);
        return ResponseEntity.ok().header(AsOf.HEADER, Long.toString(at)).body(rows);
    }

    @GetMapping("/api/v1/subjects/{id}")
    public ResponseEntity<SubjectSummary> subject(@PathVariable("id") String id,
                                                  @RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                                  @RequestParam(name = AsOf.POSITION, required = false) String position) {
        QueryParameters p = new QueryParameters();
        String subject = p.subject("subject_id", id);
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();
        if (point == null) {
            return ResponseEntity.ok(reads.summary(subject));
        }
        long at = snapshots.resolve(point);
        SubjectSummary summary = reads.summary(subject, at);
        return ResponseEntity.ok().header(AsOf.HEADER, Long.toString(at)).body(summary);
    }
}
