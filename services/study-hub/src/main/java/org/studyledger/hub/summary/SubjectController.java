package org.studyledger.hub.summary;

import static org.studyledger.hub.projectionsupport.Sql.bool;
import static org.studyledger.hub.projectionsupport.Sql.date;
import static org.studyledger.hub.projectionsupport.Sql.integer;
import static org.studyledger.hub.projectionsupport.Sql.instant;
import static org.studyledger.hub.projectionsupport.Sql.wire;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.hub.asof.SubjectReplay;
import org.studyledger.hub.dataset.AnalysisDerivation;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.subject.status.SubjectStatus;

/**
 * {@code GET /api/v1/subjects?center=&status=}: subject summaries by subject id;
 * {@code GET /api/v1/subjects/{id}}: one subject's summary.
 *
 * <p>With {@code position} or {@code asOf} (docs/as-of.md) each answers what it answered when the ledger stood there.
 * A summary row is rewritten by every event of its subject, so an earlier one cannot be found by filtering: a subject
 * whose row moved on after the position is folded again from its own events up to the position by the summary
 * projection itself, into temporary tables ({@link SubjectReplay}); every other row is the live one, unchanged since.
 * The same query then reads them.
 */
@RestController
public class SubjectController {
    private static final String COLUMNS = """
            subject_id, center_id, status, protocol_version, enrolment_date, first_dose_date, last_dose_date,
            doses_administered, doses_withheld, cumulative_dose_mg, visits_done, visits, out_of_window_visits, baseline_madrs,
            latest_madrs,
            latest_madrs_visit, latest_madrs_date, latest_madrs_day, response, remission, adverse_events,
            discontinuation_date, discontinuation_reason, consent_withdrawn, completion_date, events, last_sequence,
            last_position, last_occurred_at""";

    /** The tables the summary projection writes. */
    static final List<String> TABLES = List.of("subject_summary", "summary_form");

    private final JdbcTemplate jdbc;
    private final AsOfReads snapshots;
    private final SubjectReplay replay;
    private final SubjectReplay.Model model;

    SubjectController(JdbcTemplate jdbc, AsOfReads snapshots, SubjectReplay replay, AnalysisDerivation derivation,
                      Protocol protocol) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.replay = replay;
        this.model = new SubjectReplay.Model(TABLES, to -> SubjectSummaryProjection.writingTo(to, derivation, protocol));
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

    private static final RowMapper<SubjectSummary> ROW = (rs, n) -> new SubjectSummary(rs.getString("subject_id"),
            rs.getString("center_id"), SubjectStatus.valueOf(rs.getString("status")), rs.getString("protocol_version"),
            date(rs, "enrolment_date"), date(rs, "first_dose_date"), date(rs, "last_dose_date"),
            rs.getInt("doses_administered"), rs.getInt("doses_withheld"), rs.getInt("cumulative_dose_mg"),
            rs.getInt("visits_done"), list(rs.getString("visits")), list(rs.getString("out_of_window_visits")),
            rs.getBigDecimal("baseline_madrs"), rs.getBigDecimal("latest_madrs"), rs.getString("latest_madrs_visit"),
            date(rs, "latest_madrs_date"), integer(rs, "latest_madrs_day"), bool(rs, "response"), bool(rs, "remission"),
            rs.getInt("adverse_events"), date(rs, "discontinuation_date"), rs.getString("discontinuation_reason"),
            bool(rs, "consent_withdrawn"), date(rs, "completion_date"), rs.getLong("events"), rs.getLong("last_sequence"),
            rs.getLong("last_position"), wire(instant(rs, "last_occurred_at")));

    private static List<String> list(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of() : Arrays.asList(commaSeparated.split(","));
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
            return ResponseEntity.ok(summaries(jdbc, centerId, statusFilter));
        }
        long at = snapshots.resolve(point);
        List<SubjectSummary> rows = replay.read(model, at, (to, live) -> {
            List<String> moved = movedOnSince(to, live, at, centerId);
            to.update("INSERT INTO subject_summary SELECT * FROM " + live + ".subject_summary WHERE last_position <= ?"
                    + " AND NOT subject_id = ANY (?)", at, moved.toArray(String[]::new));
            return moved;
        }, to -> summaries(to, centerId, statusFilter));
        return ResponseEntity.ok().header(AsOf.HEADER, Long.toString(at)).body(rows);
    }

    /**
     * The subjects (of {@code centerId}, if given) with ledger events up to {@code position} whose live summary does not
     * stand at the last of them: those a later event (or a lag) moved on, which the replay must fold again.
     */
    private static List<String> movedOnSince(JdbcTemplate jdbc, String live, long position, String centerId) {
        String lastInLedger = """
                SELECT aggregate_identifier AS subject_id, max(global_index) AS last_position FROM domain_event_entry
                WHERE global_index <= ? AND (?::varchar IS NULL OR aggregate_identifier LIKE ?::varchar || '-%')
                GROUP BY aggregate_identifier""";
        return jdbc.queryForList("SELECT l.subject_id FROM (" + lastInLedger + ") l LEFT JOIN " + live
                + ".subject_summary s ON s.subject_id = l.subject_id"
                + " WHERE s.last_position IS DISTINCT FROM l.last_position ORDER BY l.subject_id",
                String.class, position, centerId, centerId);
    }

    /** The summaries the tables {@code jdbc} finds hold (the live ones, or a replay's). */
    private static List<SubjectSummary> summaries(JdbcTemplate jdbc, String centerId, String statusName) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM subject_summary WHERE true");
        List<Object> args = new ArrayList<>();
        if (centerId != null) {
            sql.append(" AND center_id = ?");
            args.add(centerId);
        }
        if (statusName != null) {
            sql.append(" AND status = ?");
            args.add(statusName);
        }
        sql.append(" ORDER BY subject_id");
        return jdbc.query(sql.toString(), ROW, args.toArray());
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
            return ResponseEntity.ok(summary(jdbc, subject));
        }
        long at = snapshots.resolve(point);
        SubjectSummary summary = replay.read(model, subject, at, to -> summary(to, subject));
        return ResponseEntity.ok().header(AsOf.HEADER, Long.toString(at)).body(summary);
    }

    private static SubjectSummary summary(JdbcTemplate jdbc, String subject) {
        return jdbc.query("SELECT " + COLUMNS + " FROM subject_summary WHERE subject_id = ?", ROW, subject)
                .stream().findFirst().orElseThrow(() -> NotFound.subject(subject));
    }
}
