package org.studyledger.hub.summary;

import static org.studyledger.hub.projectionsupport.Sql.instant;
import static org.studyledger.hub.projectionsupport.Sql.ts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
import org.studyledger.kernel.envelope.EnvelopeCodec;
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
 * as ADQS ({@link AnalysisDerivation}) from the current first dose ({@link StudyClock}). Keeps the current assessments
 * ({@code summary_form}; corrections applied, retractions deleted). One handler per event type. A batch reads its
 * subjects' rows and forms once, in one query each, applies each event to them in memory (the kernel's status rule
 * included) and, when it commits, writes each changed form in its final state and each changed subject's row, its
 * derived columns recomputed once: a few statements per batch instead of one or two per event. Idempotent: an event at
 * or below the subject's last applied sequence changes nothing.
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
        batch(b -> {
            if (b.row(e.subjectId()) == null) {
                Row row = new Row(e.subjectId(), e.centerId(), SubjectStatus.after(null, s).disposition().name(),
                        s.protocolVersion(), s.enrolmentDate());
                row.events = 1;
                row.lastSequence = e.sequence();
                row.lastPosition = e.position();
                row.lastOccurredAt = e.occurredAt();
                b.enrolled(row);
            }
        });
    }

    @EventHandler
    void on(AssessmentRecorded a, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(a, message, token);
        claim(e, (b, row) -> b.recorded(row, new Form(a.assessmentId().toString(), e.subjectId(), a.instrument().code(), a.visit(),
                a.doseSession(), a.administeredAt(),
                MADRS.equals(a.instrument().code()) ? a.scores().score(MADRS_TOTAL) : null, e.sequence())));
    }

    @EventHandler
    void on(AssessmentCorrected c, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(c, message, token),
                (b, row) -> b.corrected(row, c.assessmentId().toString(), c.scores().score(MADRS_TOTAL)));
    }

    @EventHandler
    void on(AssessmentRetracted r, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(r, message, token), (b, row) -> b.retracted(row, r.assessmentId().toString()));
    }

    @EventHandler
    void on(DoseAdministered d, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(d, message, token), (b, row) -> {
            row.dosesAdministered++;
            row.cumulativeDoseMg += d.doseMg();
            row.firstDoseAt = row.firstDoseAt == null || d.administeredAt().isBefore(row.firstDoseAt)
                    ? d.administeredAt() : row.firstDoseAt;
            LocalDate date = derivation.dates().dateOf(d.administeredAt());
            row.lastDoseDate = row.lastDoseDate == null || date.isAfter(row.lastDoseDate) ? date : row.lastDoseDate;
            row.statusAfter(d);
        });
    }

    @EventHandler
    void on(DoseWithheld w, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(w, message, token), (b, row) -> row.dosesWithheld++);
    }

    @EventHandler
    void on(AdverseEventReported a, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(a, message, token), (b, row) -> row.adverseEvents++);
    }

    @EventHandler
    void on(SubjectDiscontinued d, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(d, message, token), (b, row) -> {
            row.statusAfter(d);
            row.discontinuationDate = d.discontinuationDate();
            row.discontinuationReason = d.reason();
            row.consentWithdrawn = d.consentWithdrawn();
        });
    }

    @EventHandler
    void on(FollowUpCompleted f, EventMessage<?> message, TrackingToken token) {
        claim(LedgerEvent.of(f, message, token), (b, row) -> {
            row.statusAfter(f);
            row.completionDate = f.completionDate();
        });
    }

    /**
     * Counts the event, moves the subject's last sequence on and applies {@code change} to its row; nothing when the
     * event (or a later one of the subject) was applied already, or the subject is unknown. The subject's derived
     * columns are recomputed, and its row written, when the batch commits.
     */
    private void claim(LedgerEvent e, BiConsumer<Batch, Row> change) {
        batch(b -> {
            Row row = b.row(e.subjectId());
            if (row == null || row.lastSequence >= e.sequence()) {
                return;
            }
            row.events++;
            row.lastSequence = e.sequence();
            row.lastPosition = e.position();
            row.lastOccurredAt = e.occurredAt();
            change.accept(b, row);
            b.touched.add(row.subjectId);
        });
    }

    private void batch(Consumer<Batch> work) {
        Batches.with(batchKey, this::newBatch, this::write, work);
    }

    /** A batch's view of the summary: its subjects' rows and current forms, read in one query each for the whole batch. */
    private Batch newBatch() {
        Batch batch = new Batch();
        Set<String> subjects = new LinkedHashSet<>();
        for (org.axonframework.messaging.Message<?> m : Batches.messages()) {
            Object subject = m.getMetaData().get(EnvelopeCodec.SUBJECT_ID);
            if (subject != null) {
                subjects.add(subject.toString());
            }
        }
        batch.load(subjects);
        return batch;
    }

    /** A subject's current assessment as the summary keeps it ({@code summary_form}). */
    private record Form(String assessmentId, String subjectId, String instrument, String visit, Integer doseSession,
                        Instant administeredAt, BigDecimal madrsTotal, long sequence) {
        Form withMadrsTotal(BigDecimal total) {
            return new Form(assessmentId, subjectId, instrument, visit, doseSession, administeredAt, total, sequence);
        }
    }

    /** A subject's {@code subject_summary} row as the batch changes it; the derived columns are computed on writing. */
    private static final class Row {
        final String subjectId;
        final String centerId;
        String status;
        final String protocolVersion;
        final LocalDate enrolmentDate;
        Instant firstDoseAt;
        LocalDate lastDoseDate;
        int dosesAdministered;
        int dosesWithheld;
        int cumulativeDoseMg;
        int adverseEvents;
        LocalDate discontinuationDate;
        String discontinuationReason;
        Boolean consentWithdrawn;
        LocalDate completionDate;
        long events;
        long lastSequence;
        long lastPosition;
        Instant lastOccurredAt;
        /** The subject's current forms by assessment id, once read. */
        Map<String, Form> forms;

        Row(String subjectId, String centerId, String status, String protocolVersion, LocalDate enrolmentDate) {
            this.subjectId = subjectId;
            this.centerId = centerId;
            this.status = status;
            this.protocolVersion = protocolVersion;
            this.enrolmentDate = enrolmentDate;
        }

        /**
         * The kernel's status rule ({@link SubjectStatus#after}) on the row's status: the disposition after
         * {@code event}. A status that is not one of the kernel's dispositions is left as it is.
         */
        void statusAfter(StudyEvent event) {
            for (SubjectStatus current : SubjectStatus.dispositions()) {
                if (current.name().equals(status)) {
                    status = SubjectStatus.after(current, event).disposition().name();
                    return;
                }
            }
        }
    }

    /**
     * What one batch of the processor knows and changes: the rows and forms of its subjects (read for all of them at
     * once when the batch starts, or for a subject the first time it is asked about), the subjects whose rows changed
     * and the forms recorded, corrected or retracted; all written when the batch commits, each with its final state.
     */
    private final class Batch {
        /** Rows read or created by the batch, by subject; a null value: the subject has no row. */
        final Map<String, Row> rows = new HashMap<>();
        final Set<String> touched = new LinkedHashSet<>();
        /** Forms the batch changed, by assessment id: the final state, or null when retracted. */
        final Map<String, Form> changedForms = new LinkedHashMap<>();

        Row row(String subject) {
            if (!rows.containsKey(subject)) {
                load(Set.of(subject));
            }
            return rows.get(subject);
        }

        void enrolled(Row row) {
            row.forms = new HashMap<>();
            rows.put(row.subjectId, row);
            touched.add(row.subjectId);
        }

        void recorded(Row row, Form form) {
            if (!row.forms.containsKey(form.assessmentId())) {
                row.forms.put(form.assessmentId(), form);
                changedForms.put(form.assessmentId(), form);
            }
        }

        void corrected(Row row, String assessmentId, BigDecimal madrsTotal) {
            Form form = row.forms.get(assessmentId);
            if (form != null && MADRS.equals(form.instrument())) {
                Form now = form.withMadrsTotal(madrsTotal);
                row.forms.put(assessmentId, now);
                changedForms.put(assessmentId, now);
            }
        }

        void retracted(Row row, String assessmentId) {
            if (row.forms.remove(assessmentId) != null) {
                changedForms.put(assessmentId, null);
            }
        }

        /** Reads the rows and current forms of these subjects (those not read yet), one query each. */
        void load(Set<String> subjects) {
            List<String> wanted = subjects.stream().filter(s -> !rows.containsKey(s)).toList();
            if (wanted.isEmpty()) {
                return;
            }
            wanted.forEach(s -> rows.put(s, null));
            Object[] ids = wanted.toArray();
            jdbc.query("""
                    SELECT subject_id, center_id, status, protocol_version, enrolment_date, first_dose_at, last_dose_date,
                      doses_administered, doses_withheld, cumulative_dose_mg, adverse_events, discontinuation_date,
                      discontinuation_reason, consent_withdrawn, completion_date, events, last_sequence, last_position,
                      last_occurred_at
                    FROM subject_summary WHERE subject_id = ANY (?)""",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids)), (java.sql.ResultSet rs) -> {
                        Row row = new Row(rs.getString("subject_id"), rs.getString("center_id"), rs.getString("status"),
                                rs.getString("protocol_version"), rs.getObject("enrolment_date", LocalDate.class));
                        row.firstDoseAt = instant(rs, "first_dose_at");
                        row.lastDoseDate = rs.getObject("last_dose_date", LocalDate.class);
                        row.dosesAdministered = rs.getInt("doses_administered");
                        row.dosesWithheld = rs.getInt("doses_withheld");
                        row.cumulativeDoseMg = rs.getInt("cumulative_dose_mg");
                        row.adverseEvents = rs.getInt("adverse_events");
                        row.discontinuationDate = rs.getObject("discontinuation_date", LocalDate.class);
                        row.discontinuationReason = rs.getString("discontinuation_reason");
                        row.consentWithdrawn = (Boolean) rs.getObject("consent_withdrawn");
                        row.completionDate = rs.getObject("completion_date", LocalDate.class);
                        row.events = rs.getLong("events");
                        row.lastSequence = rs.getLong("last_sequence");
                        row.lastPosition = rs.getLong("last_position");
                        row.lastOccurredAt = instant(rs, "last_occurred_at");
                        row.forms = new HashMap<>();
                        rows.put(row.subjectId, row);
                    });
            jdbc.query("""
                    SELECT assessment_id, subject_id, instrument, visit, dose_session, administered_at, madrs_total, sequence
                    FROM summary_form WHERE subject_id = ANY (?)""",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids)), (java.sql.ResultSet rs) -> {
                        Row row = rows.get(rs.getString("subject_id"));
                        if (row != null) {
                            Form form = new Form(rs.getString("assessment_id"), row.subjectId, rs.getString("instrument"),
                                    rs.getString("visit"), (Integer) rs.getObject("dose_session"),
                                    instant(rs, "administered_at"), rs.getBigDecimal("madrs_total"), rs.getLong("sequence"));
                            row.forms.put(form.assessmentId(), form);
                        }
                    });
        }
    }

    /**
     * Writes what the batch changed, when it commits: each changed form in its final state (or its deletion), then the
     * row of each subject the batch changed, with its derived columns recomputed from its state now.
     */
    private void write(Batch batch) {
        Batches.Statements statements = new Batches.Statements();
        batch.changedForms.forEach((assessmentId, form) -> {
            if (form == null) {
                statements.add("DELETE FROM summary_form WHERE assessment_id = ?", assessmentId);
            }
        });
        batch.changedForms.forEach((assessmentId, form) -> {
            if (form != null) {
                statements.add("""
                        INSERT INTO summary_form (assessment_id, subject_id, instrument, visit, dose_session, administered_at,
                          madrs_total, sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (assessment_id) DO UPDATE SET madrs_total = excluded.madrs_total""",
                        assessmentId, form.subjectId(), form.instrument(), form.visit(), form.doseSession(),
                        ts(form.administeredAt()), form.madrsTotal(), form.sequence());
            }
        });
        for (String subject : batch.touched) {
            Row row = batch.rows.get(subject);
            Derived d = derived(row);
            statements.add("""
                    INSERT INTO subject_summary (subject_id, center_id, status, protocol_version, enrolment_date, first_dose_at,
                      first_dose_date, last_dose_date, doses_administered, doses_withheld, cumulative_dose_mg, visits_done,
                      visits, out_of_window_visits, baseline_madrs, latest_madrs, latest_madrs_visit, latest_madrs_date,
                      latest_madrs_day, response, remission, adverse_events, discontinuation_date, discontinuation_reason,
                      consent_withdrawn, completion_date, events, last_sequence, last_position, last_occurred_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (subject_id) DO UPDATE SET status = excluded.status, first_dose_at = excluded.first_dose_at,
                      first_dose_date = excluded.first_dose_date, last_dose_date = excluded.last_dose_date,
                      doses_administered = excluded.doses_administered, doses_withheld = excluded.doses_withheld,
                      cumulative_dose_mg = excluded.cumulative_dose_mg, visits_done = excluded.visits_done,
                      visits = excluded.visits, out_of_window_visits = excluded.out_of_window_visits,
                      baseline_madrs = excluded.baseline_madrs, latest_madrs = excluded.latest_madrs,
                      latest_madrs_visit = excluded.latest_madrs_visit, latest_madrs_date = excluded.latest_madrs_date,
                      latest_madrs_day = excluded.latest_madrs_day, response = excluded.response,
                      remission = excluded.remission, adverse_events = excluded.adverse_events,
                      discontinuation_date = excluded.discontinuation_date,
                      discontinuation_reason = excluded.discontinuation_reason,
                      consent_withdrawn = excluded.consent_withdrawn, completion_date = excluded.completion_date,
                      events = excluded.events, last_sequence = excluded.last_sequence,
                      last_position = excluded.last_position, last_occurred_at = excluded.last_occurred_at""",
                    row.subjectId, row.centerId, row.status, row.protocolVersion, row.enrolmentDate, ts(row.firstDoseAt),
                    d.firstDoseDate(), row.lastDoseDate, row.dosesAdministered, row.dosesWithheld, row.cumulativeDoseMg,
                    d.visits().size(), String.join(",", d.visits()), String.join(",", d.outOfWindow()), d.baseline(),
                    d.latest().map(AdqsRow::aval).orElse(null), d.latest().map(AdqsRow::avisit).orElse(null),
                    d.latest().map(AdqsRow::adt).orElse(null), d.latest().map(AdqsRow::ady).orElse(null),
                    d.latest().map(r -> flag(r.crit1fl())).orElse(null), d.latest().map(r -> flag(r.crit2fl())).orElse(null),
                    row.adverseEvents, row.discontinuationDate, row.discontinuationReason, row.consentWithdrawn,
                    row.completionDate, row.events, row.lastSequence, row.lastPosition, ts(row.lastOccurredAt));
        }
        statements.execute(jdbc);
    }

    /** A subject's derived columns. */
    private record Derived(LocalDate firstDoseDate, List<String> visits, List<String> outOfWindow, BigDecimal baseline,
                           Optional<AdqsRow> latest) {
    }

    /**
     * The derived columns (first dose date, visits, visits out of window, MADRS, response, remission) from the current
     * forms and the current first dose (a dose entered late may have moved it), with the same rules as ADQS.
     */
    private Derived derived(Row row) {
        StudyClock clock = derivation.clock(row.firstDoseAt);
        Set<String> done = new TreeSet<>();
        Set<String> outOfWindow = new TreeSet<>();
        List<Form> forms = row.forms.values().stream().sorted(Comparator.comparingLong(Form::sequence)).toList();
        for (Form form : forms) {
            if (form.visit() != null) {
                done.add(form.visit());
                if (clock.outOfWindow(form.visit(), form.administeredAt())) {
                    outOfWindow.add(form.visit());
                }
            }
        }
        List<SubjectRecord.Form> madrs = forms.stream()
                .filter(f -> MADRS.equals(f.instrument()) && f.madrsTotal() != null)
                .map(f -> new SubjectRecord.Form(f.assessmentId(), MADRS, "", f.visit(), f.doseSession(), f.administeredAt(),
                        Map.of(MADRS_TOTAL, f.madrsTotal()), f.sequence()))
                .toList();
        List<AdqsRow> rows = derivation.adqs(null, row.subjectId, null, row.firstDoseAt, madrs).stream()
                .filter(r -> r.paramcd().equals(Parameter.MADRSTOT.paramcd())).toList();
        BigDecimal baseline = rows.stream().filter(r -> "Y".equals(r.ablfl())).map(AdqsRow::aval).findFirst().orElse(null);
        // The latest by administration instant, not by date: two forms of one day are in the order they were taken;
        // forms taken at the same instant in ledger order.
        Optional<AdqsRow> latest = rows.stream()
                .max(Comparator.comparing(AdqsRow::adtm).thenComparingLong(AdqsRow::qsseq));
        return new Derived(clock.firstDoseDate(), inProtocolOrder(done), inProtocolOrder(outOfWindow), baseline, latest);
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
