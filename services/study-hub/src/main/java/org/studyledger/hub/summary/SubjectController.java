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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.kernel.subject.status.SubjectStatus;

/**
 * {@code GET /api/v1/subjects?center=&status=}: subject summaries by subject id;
 * {@code GET /api/v1/subjects/{id}}: one subject's summary.
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

    private final JdbcTemplate jdbc;

    SubjectController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
    public List<SubjectSummary> subjects(@RequestParam(name = "center", required = false) String center,
                                         @RequestParam(name = "status", required = false) String status) {
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
        p.check();
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
    public SubjectSummary subject(@PathVariable("id") String id) {
        QueryParameters p = new QueryParameters();
        String subject = p.subject("subject_id", id);
        p.check();
        return jdbc.query("SELECT " + COLUMNS + " FROM subject_summary WHERE subject_id = ?", ROW, subject)
                .stream().findFirst().orElseThrow(() -> NotFound.subject(subject));
    }
}
