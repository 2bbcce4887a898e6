package org.studyledger.hub.summary;

import static org.studyledger.hub.projectionsupport.Sql.bool;
import static org.studyledger.hub.projectionsupport.Sql.date;
import static org.studyledger.hub.projectionsupport.Sql.integer;
import static org.studyledger.hub.projectionsupport.Sql.instant;
import static org.studyledger.hub.projectionsupport.Sql.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.asof.SubjectReplay;
import org.studyledger.hub.dataset.AnalysisDerivation;
import org.studyledger.hub.summary.SubjectController.SubjectSummary;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.subject.status.SubjectStatus;

/**
 * The subject summaries' reads: from the live tables, or as of a ledger position. A summary row is rewritten by every
 * event of its subject, so an earlier one cannot be found by filtering: a subject whose row moved on after the
 * position is folded again from its own events up to the position by the summary projection itself, into temporary
 * tables ({@link SubjectReplay}); every other row is the live one, unchanged since. The same query then reads them.
 */
@Repository
public class SubjectSummaryReads {
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
    private final SubjectReplay replay;
    private final SubjectReplay.Model model;

    SubjectSummaryReads(JdbcTemplate jdbc, SubjectReplay replay, AnalysisDerivation derivation, Protocol protocol) {
        this.jdbc = jdbc;
        this.replay = replay;
        this.model = new SubjectReplay.Model(TABLES, to -> SubjectSummaryProjection.writingTo(to, derivation, protocol));
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

    /** The summaries now (of {@code centerId} and in status {@code statusName}, each if given). */
    public List<SubjectSummary> summaries(String centerId, String statusName) {
        return summaries(jdbc, centerId, statusName);
    }

    /** The summaries as they stood at ledger position {@code at} (of {@code centerId} and in status {@code statusName}, each if given). */
    public List<SubjectSummary> summaries(String centerId, String statusName, long at) {
        return replay.read(model, at, (to, live) -> {
            List<String> moved = movedOnSince(to, live, at, centerId);
            to.update("INSERT INTO subject_summary SELECT * FROM " + live + ".subject_summary WHERE last_position <= ?"
                    + " AND NOT subject_id = ANY (?)", at, moved.toArray(String[]::new));
            return moved;
        }, to -> summaries(to, centerId, statusName));
    }

    /** The subject's summary now; {@link NotFound} if there is none. */
    public SubjectSummary summary(String subject) {
        return summary(jdbc, subject);
    }

    /** The subject's summary as it stood at ledger position {@code at}; {@link NotFound} if there was none. */
    public SubjectSummary summary(String subject, long at) {
        return replay.read(model, subject, at, to -> summary(to, subject));
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

    private static SubjectSummary summary(JdbcTemplate jdbc, String subject) {
        return jdbc.query("SELECT " + COLUMNS + " FROM subject_summary WHERE subject_id = ?", ROW, subject)
                .stream().findFirst().orElseThrow(() -> NotFound.subject(subject));
    }
}
