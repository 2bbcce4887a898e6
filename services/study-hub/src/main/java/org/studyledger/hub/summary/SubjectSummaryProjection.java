package org.studyledger.hub.summary;

import static org.studyledger.hub.projectionsupport.Sql.instant;
import static org.studyledger.hub.projectionsupport.Sql.ts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.studyledger.hub.dataset.AdqsRow;
import org.studyledger.hub.dataset.AnalysisDerivation;
import org.studyledger.hub.dataset.Parameter;
import org.studyledger.hub.dataset.SubjectRecord;
import org.studyledger.hub.projectionsupport.Batches;
import org.studyledger.hub.projectionsupport.LedgerEvent;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.protocol.Visit;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.subject.status.SubjectStatus;

/**
 * Subject summaries: one row per subject with status, dosing, visits done and those out of window, baseline and
 * latest MADRS and the response and remission status of the latest post-baseline MADRS, derived with the same rules
 * as ADQS ({@link AnalysisDerivation}) from the current first dose ({@link StudyClock}). Keeps the current assessments ({@code summary_form}; corrections
 * applied, retractions deleted). One handler per event type; a subject's derived columns are recomputed once per
 * batch, when it commits. Idempotent: an event at or below the subject's last applied sequence
 * changes nothing.
 */
@Component
@ProcessingGroup(SubjectSummaryProjection.PROCESSING_GROUP)
public class SubjectSummaryProjection {
    public static final String PROCESSING_GROUP = "subject-summary";
    private static final String MADRS = Parameter.MADRSTOT.instrument();
    private static final String MADRS_TOTAL = Parameter.MADRSTOT.score();

    private final JdbcTemplate jdbc;
    private final AnalysisDerivation derivation;
    private final Protocol protocol;
    private final String batchKey = Batches.key(this, "subjects");

    SubjectSummaryProjection(JdbcTemplate jdbc, AnalysisDerivation derivation, Protocol protocol) {
        this.jdbc = jdbc;
        this.derivation = derivation;
        this.protocol = protocol;
    }

    /** A second instance writing through {@code jdbc} (unqualified table names), for the replay proof. */
    public static SubjectSummaryProjection writingTo(JdbcTemplate jdbc, AnalysisDerivation derivation, Protocol protocol) {
        return new SubjectSummaryProjection(jdbc, derivation, protocol);
    }

    @EventHandler
    void on(SubjectEnrolled s, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(s, message, token);
        int inserted = jdbc.update("""
                INSERT INTO subject_summary (subject_id, center_id, status, protocol_version, enrolment_date, events,
                  last_sequence, last_position, last_occurred_at)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING
                """, e.subjectId(), e.centerId(), SubjectStatus.after(null, s).disposition().name(), s.protocolVersion(), s.enrolmentDate(),
                e.sequence(), e.position(), ts(e.occurredAt()));
        if (inserted == 1) {
            touched(e.subjectId());
        }
    }

    @EventHandler
    void on(AssessmentRecorded a, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(a, message, token);
        claimAnd(e, """
                INSERT INTO summary_form (assessment_id, subject_id, instrument, visit, dose_session, administered_at,
                  madrs_total, sequence)
                SELECT ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::integer, ?::timestamptz, ?::numeric, ?::bigint
                WHERE EXISTS (SELECT 1 FROM claimed)
                ON CONFLICT (assessment_id) DO NOTHING""", a.assessmentId().toString(), e.subjectId(), a.instrument().code(),
                a.visit(), a.doseSession(), ts(a.administeredAt()),
                MADRS.equals(a.instrument().code()) ? a.scores().score(MADRS_TOTAL) : null, e.sequence());
    }

    @EventHandler
    void on(AssessmentCorrected c, EventMessage<?> message, TrackingToken token) {
        claimAnd(LedgerEvent.of(c, message, token), """
                UPDATE summary_form SET madrs_total = ? WHERE assessment_id = ? AND instrument = ?
                  AND EXISTS (SELECT 1 FROM claimed)""", c.scores().score(MADRS_TOTAL), c.assessmentId().toString(), MADRS);
    }

    @EventHandler
    void on(AssessmentRetracted r, EventMessage<?> message, TrackingToken token) {
        claimAnd(LedgerEvent.of(r, message, token),
                "DELETE FROM summary_form WHERE assessment_id = ? AND EXISTS (SELECT 1 FROM claimed)",
                r.assessmentId().toString());
    }

    @EventHandler
    void on(DoseAdministered d, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(d, message, token), """
                doses_administered = doses_administered + 1, cumulative_dose_mg = cumulative_dose_mg + ?,
                first_dose_at = LEAST(first_dose_at, ?), last_dose_date = GREATEST(last_dose_date, ?),
                status = """ + statusAfter(d),
                d.doseMg(), ts(d.administeredAt()), derivation.dates().dateOf(d.administeredAt()));
    }

    @EventHandler
    void on(DoseWithheld w, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(w, message, token), "doses_withheld = doses_withheld + 1");
    }

    @EventHandler
    void on(AdverseEventReported a, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(a, message, token), "adverse_events = adverse_events + 1");
    }

    @EventHandler
    void on(SubjectDiscontinued d, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(d, message, token), "status = " + statusAfter(d)
                + ", discontinuation_date = ?, discontinuation_reason = ?, consent_withdrawn = ?",
                d.discontinuationDate(), d.reason(), d.consentWithdrawn());
    }

    @EventHandler
    void on(FollowUpCompleted f, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(f, message, token), "status = " + statusAfter(f) + ", completion_date = ?",
                f.completionDate());
    }

    /**
     * Counts the event, moves the subject's last sequence on and sets {@code set} (more assignments, with their
     * arguments), in one statement; nothing when the event (or a later one of the subject) was applied already, or
     * the subject is unknown. Otherwise the subject's derived columns are recomputed when the batch commits.
     */
    private void claim(LedgerEvent e, String set, Object... args) {
        Object[] all = new Object[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(claimArgs(e), 0, all, args.length, 5);
        if (jdbc.update("UPDATE subject_summary SET " + set + ", " + CLAIM_SET + " WHERE " + CLAIM_WHERE, all) == 1) {
            touched(e.subjectId());
        }
    }

    /** As {@link #claim}, then {@code statement} on the forms, which sees the table {@code claimed} (empty if not). */
    private void claimAnd(LedgerEvent e, String statement, Object... args) {
        Object[] all = new Object[args.length + 5];
        System.arraycopy(claimArgs(e), 0, all, 0, 5);
        System.arraycopy(args, 0, all, 5, args.length);
        Integer claimed = jdbc.queryForObject("WITH claimed AS (UPDATE subject_summary SET " + CLAIM_SET + " WHERE "
                + CLAIM_WHERE + " RETURNING subject_id), applied AS (" + statement + ") SELECT count(*) FROM claimed",
                Integer.class, all);
        if (claimed != null && claimed == 1) {
            touched(e.subjectId());
        }
    }

    private static final String CLAIM_SET = "events = events + 1, last_sequence = ?, last_position = ?, last_occurred_at = ?";
    private static final String CLAIM_WHERE = "subject_id = ? AND last_sequence < ?";

    private static Object[] claimArgs(LedgerEvent e) {
        return new Object[] {e.sequence(), e.position(), ts(e.occurredAt()), e.subjectId(), e.sequence()};
    }

    /** The subject's derived columns are recomputed once per batch, when it commits, from its state then. */
    private void touched(String subject) {
        Batches.with(batchKey, LinkedHashSet<String>::new, this::refresh, subjects -> subjects.add(subject));
    }

    private void refresh(Set<String> subjects) {
        Batches.Statements updates = new Batches.Statements();
        subjects.forEach(subject -> refresh(subject, updates));
        updates.execute(jdbc);
    }

    /**
     * The kernel's status rule ({@link SubjectStatus#after}) as an SQL expression over the row's current status: the
     * disposition after {@code event}, whatever status the row holds. The names are the kernel's enum constants.
     */
    private static String statusAfter(StudyEvent event) {
        StringBuilder sql = new StringBuilder("CASE status");
        for (SubjectStatus current : SubjectStatus.dispositions()) {
            sql.append(" WHEN '").append(current.name()).append("' THEN '")
                    .append(SubjectStatus.after(current, event).disposition().name()).append('\'');
        }
        return sql.append(" ELSE status END").toString();
    }

    /**
     * Recomputes the derived columns (first dose date, visits, visits out of window, MADRS, response, remission) from
     * the current forms and the current first dose (a dose entered late may have moved it).
     */
    private void refresh(String subject, Batches.Statements updates) {
        Instant firstDoseAt = jdbc.query("SELECT first_dose_at FROM subject_summary WHERE subject_id = ?",
                rs -> rs.next() ? instant(rs, "first_dose_at") : null, subject);
        StudyClock clock = derivation.clock(firstDoseAt);
        Set<String> done = new TreeSet<>();
        Set<String> outOfWindow = new TreeSet<>();
        jdbc.query("SELECT visit, administered_at FROM summary_form WHERE subject_id = ? AND visit IS NOT NULL", rs -> {
            String visit = rs.getString("visit");
            done.add(visit);
            if (clock.outOfWindow(visit, instant(rs, "administered_at"))) {
                outOfWindow.add(visit);
            }
        }, subject);
        List<String> visits = inProtocolOrder(done);
        List<SubjectRecord.Form> madrs = jdbc.query("""
                SELECT assessment_id, visit, dose_session, administered_at, madrs_total, sequence FROM summary_form
                WHERE subject_id = ? AND instrument = ? AND madrs_total IS NOT NULL ORDER BY sequence""",
                (rs, n) -> new SubjectRecord.Form(rs.getString("assessment_id"), MADRS, "", rs.getString("visit"),
                        (Integer) rs.getObject("dose_session"), instant(rs, "administered_at"),
                        Map.of(MADRS_TOTAL, rs.getBigDecimal("madrs_total")), rs.getLong("sequence")),
                subject, MADRS);
        List<AdqsRow> rows = derivation.adqs(null, subject, null, firstDoseAt, madrs).stream()
                .filter(r -> r.paramcd().equals(Parameter.MADRSTOT.paramcd())).toList();
        BigDecimal baseline = rows.stream().filter(r -> "Y".equals(r.ablfl())).map(AdqsRow::aval).findFirst().orElse(null);
        // The latest by administration instant, not by date: two forms of one day are in the order they were taken;
        // forms taken at the same instant in ledger order.
        Optional<AdqsRow> latest = rows.stream()
                .max(Comparator.comparing(AdqsRow::adtm).thenComparingLong(AdqsRow::qsseq));
        updates.add("""
                UPDATE subject_summary SET first_dose_date = ?, visits_done = ?, visits = ?, out_of_window_visits = ?,
                  baseline_madrs = ?, latest_madrs = ?, latest_madrs_visit = ?, latest_madrs_date = ?, latest_madrs_day = ?,
                  response = ?, remission = ?
                WHERE subject_id = ?""",
                clock.firstDoseDate(), visits.size(), String.join(",", visits),
                String.join(",", inProtocolOrder(outOfWindow)), baseline,
                latest.map(AdqsRow::aval).orElse(null), latest.map(AdqsRow::avisit).orElse(null),
                latest.map(AdqsRow::adt).orElse(null), latest.map(AdqsRow::ady).orElse(null),
                latest.map(r -> flag(r.crit1fl())).orElse(null), latest.map(r -> flag(r.crit2fl())).orElse(null), subject);
    }

    private List<String> inProtocolOrder(Set<String> visits) {
        return visits.stream().sorted(Comparator.comparingInt(this::visitOrder).thenComparing(v -> v)).toList();
    }

    private int visitOrder(String visit) {
        return protocol.visit(visit).map(Visit::targetDay).orElse(Integer.MAX_VALUE);
    }

    private static Boolean flag(String yn) {
        return yn == null ? null : "Y".equals(yn);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE subject_summary, summary_form");
    }
}
