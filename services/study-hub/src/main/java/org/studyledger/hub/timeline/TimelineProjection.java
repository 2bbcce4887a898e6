package org.studyledger.hub.timeline;

import static org.studyledger.hub.projectionsupport.Sql.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.projectionsupport.Batches;
import org.studyledger.hub.projectionsupport.LedgerEvent;
import org.studyledger.hub.projectionsupport.Sql;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;
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

/**
 * Subject timelines: one row per ledger event with its position, header, visit or dose session, a
 * readable summary ({@link TimelineText}) and details (the payload, and for corrections the changed
 * values). Keeps each assessment's current form ({@code timeline_form}) so a correction can say what it
 * changed from, and each subject's first dose ({@code timeline_subject}): an assessment's study day and window
 * status are the kernel's {@link StudyClock} against the current first dose, so a dose entered late that was given
 * earlier rewrites the assessments already shown. One handler per event type. A batch reads what it needs once: which
 * of its events are on the timeline already and its subjects' first doses (one query each for the whole batch), and
 * each assessment's form the first time it asks about it (a form the batch recorded is not read at all); its rows, and
 * each form it recorded, corrected or retracted in its final state, are written in JDBC batches when it commits.
 * Idempotent: an event whose row exists is skipped whole.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class TimelineProjection {
    public static final String PROCESSING_GROUP = "timeline";
    private static final ObjectMapper JSON = KernelJson.mapper();
    private static final TypeReference<TreeMap<String, Integer>> ITEMS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Protocol protocol;
    private final ZoneId zone;
    private final String batchKey = Batches.key(this, "rows");

    @Autowired
    TimelineProjection(JdbcTemplate jdbc, Protocol protocol, HubProperties hub) {
        this(jdbc, protocol, hub.zone());
    }

    private TimelineProjection(JdbcTemplate jdbc, Protocol protocol, ZoneId zone) {
        this.jdbc = jdbc;
        this.protocol = protocol;
        this.zone = zone;
    }

    /** A second instance writing through {@code jdbc} (unqualified table names), for the replay proof. */
    public static TimelineProjection writingTo(JdbcTemplate jdbc, Protocol protocol, ZoneId zone) {
        return new TimelineProjection(jdbc, protocol, zone);
    }

    @EventHandler
    void on(SubjectEnrolled s, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(s, message, token);
        if (!seen(e)) {
            write(e, TimelineText.enrolled(s), null, null, details(s));
        }
    }

    @EventHandler
    void on(AssessmentRecorded a, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(a, message, token);
        if (seen(e)) {
            return;
        }
        StudyClock clock = clock(e.subjectId());
        ObjectNode details = details(a);
        details.set("timing", timing(a, clock));
        // Not read first: the ledger refuses a second recording of an assessment id, so the timeline holds no form
        // under it unless this batch recorded one.
        pending(p -> p.forms.computeIfAbsent(a.assessmentId().toString(), id -> {
            p.changedForms.add(id);
            return Optional.of(new StoredForm(e.subjectId(), new TimelineText.Form(a.instrument().code(),
                    a.instrument().version(), a.visit(), a.doseSession(), a.items(), a.scores()), false));
        }));
        write(e, TimelineText.recorded(a, clock), a.visit(), a.doseSession(), details);
    }

    @EventHandler
    void on(AssessmentCorrected c, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(c, message, token);
        if (seen(e)) {
            return;
        }
        ObjectNode details = details(c);
        Optional<TimelineText.Form> before = form(c.assessmentId().toString());
        String visit = null;
        Integer session = null;
        if (before.isPresent()) {
            visit = before.get().visit();
            session = before.get().doseSession();
            details.set("assessment", assessment(before.get()));
            ArrayNode changes = details.putArray("changes");
            for (TimelineText.Change change : TimelineText.changes(before.get(), c)) {
                ObjectNode node = changes.addObject();
                node.put("field", change.field());
                node.set("old", JSON.valueToTree(change.old()));
                node.set("new", JSON.valueToTree(change.now()));
            }
        }
        before.ifPresent(form -> pending(p -> {
            StoredForm stored = p.form(c.assessmentId().toString()).orElseThrow();
            p.formChanged(c.assessmentId().toString(), new StoredForm(stored.subjectId(), new TimelineText.Form(
                    form.instrument(), form.version(), form.visit(), form.doseSession(), c.items(), c.scores()),
                    stored.retracted()));
        }));
        write(e, TimelineText.corrected(before.orElse(null), c), visit, session, details);
    }

    @EventHandler
    void on(AssessmentRetracted r, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(r, message, token);
        if (seen(e)) {
            return;
        }
        ObjectNode details = details(r);
        Optional<TimelineText.Form> before = form(r.assessmentId().toString());
        if (before.isPresent()) {
            details.set("assessment", assessment(before.get()));
        }
        before.ifPresent(form -> pending(p -> {
            StoredForm stored = p.form(r.assessmentId().toString()).orElseThrow();
            p.formChanged(r.assessmentId().toString(), new StoredForm(stored.subjectId(), stored.form(), true));
        }));
        write(e, TimelineText.retracted(before.orElse(null), r), before.map(TimelineText.Form::visit).orElse(null),
                before.map(TimelineText.Form::doseSession).orElse(null), details);
    }

    @EventHandler
    void on(DoseAdministered d, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(d, message, token);
        if (!seen(e)) {
            firstDoseMayMove(e.subjectId(), d.administeredAt());
            write(e, TimelineText.dose(d), null, d.sessionNumber(), details(d));
        }
    }

    @EventHandler
    void on(DoseWithheld w, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(w, message, token);
        if (!seen(e)) {
            write(e, TimelineText.withheld(w), null, w.sessionNumber(), details(w));
        }
    }

    @EventHandler
    void on(AdverseEventReported a, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(a, message, token);
        if (!seen(e)) {
            write(e, TimelineText.adverseEvent(a), null, null, details(a));
        }
    }

    @EventHandler
    void on(SubjectDiscontinued d, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(d, message, token);
        if (!seen(e)) {
            write(e, TimelineText.discontinued(d), null, null, details(d));
        }
    }

    @EventHandler
    void on(FollowUpCompleted f, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(f, message, token);
        if (!seen(e)) {
            write(e, TimelineText.completed(f), null, null, details(f));
        }
    }

    /**
     * The timeline rows of one batch, inserted in one JDBC batch when it commits (or before they are read), and which
     * of the batch's events the timeline holds already (read for the whole batch at once).
     */
    private final class Pending {
        final Batches.Statements rows = new Batches.Statements();
        final Set<String> eventIds = new HashSet<>();
        final Set<String> batch = new HashSet<>();
        final Set<String> stored = new HashSet<>();
        /** Each subject's first dose as the batch knows it (read for all its subjects at once); empty: none yet. */
        final Map<String, Optional<Instant>> firstDoses = new HashMap<>();
        /** Assessments' current forms as the batch knows them, read once each; empty: the timeline has none. */
        final Map<String, Optional<StoredForm>> forms = new HashMap<>();
        /** The forms the batch changed, written in their final state when it commits. */
        final Set<String> changedForms = new LinkedHashSet<>();

        Optional<StoredForm> form(String assessmentId) {
            return forms.computeIfAbsent(assessmentId, TimelineProjection.this::storedForm);
        }

        void formChanged(String assessmentId, StoredForm form) {
            forms.put(assessmentId, Optional.of(form));
            changedForms.add(assessmentId);
        }
    }

    /** An assessment's current form on the timeline, whose subject it is, and whether it was retracted. */
    private record StoredForm(String subjectId, TimelineText.Form form, boolean retracted) {
    }

    private void pending(Consumer<Pending> work) {
        Batches.with(batchKey, this::pending, this::flush, work);
    }

    private Pending pending() {
        Pending p = new Pending();
        Set<String> subjects = new HashSet<>();
        for (org.axonframework.messaging.Message<?> m : Batches.messages()) {
            Object id = m.getMetaData().get(EnvelopeCodec.EVENT_ID);
            if (id != null) {
                p.batch.add(id.toString());
            }
            Object subject = m.getMetaData().get(EnvelopeCodec.SUBJECT_ID);
            if (subject != null) {
                subjects.add(subject.toString());
            }
        }
        if (!subjects.isEmpty()) {
            subjects.forEach(subject -> p.firstDoses.put(subject, Optional.empty()));
            jdbc.query("SELECT subject_id, first_dose_at FROM timeline_subject WHERE subject_id = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", subjects.toArray())),
                    (java.sql.ResultSet rs) -> {
                        p.firstDoses.put(rs.getString(1), Optional.of(Sql.instant(rs, "first_dose_at")));
                    });
        }
        if (!p.batch.isEmpty()) {
            jdbc.query("SELECT event_id FROM timeline_event WHERE event_id = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", p.batch.toArray())),
                    (java.sql.ResultSet rs) -> {
                        p.stored.add(rs.getString(1));
                    });
        }
        return p;
    }

    /** Writes the batch's rows so far, and the forms it changed in their state now. */
    private void flush(Pending pending) {
        pending.rows.execute(jdbc);
        pending.eventIds.clear();
        Batches.Statements forms = new Batches.Statements();
        for (String assessmentId : pending.changedForms) {
            StoredForm stored = pending.forms.get(assessmentId).orElseThrow();
            TimelineText.Form form = stored.form();
            forms.add("""
                    INSERT INTO timeline_form (assessment_id, subject_id, instrument, version, visit, dose_session, items,
                      scores, retracted)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                    ON CONFLICT (assessment_id) DO UPDATE SET items = excluded.items, scores = excluded.scores,
                      retracted = excluded.retracted""", assessmentId, stored.subjectId(), form.instrument(),
                    form.version(), form.visit(), form.doseSession(), json(form.items()), json(form.scores()),
                    stored.retracted());
        }
        pending.changedForms.clear();
        forms.execute(jdbc);
    }

    /** Whether the event is on the timeline already (a replayed delivery): then it is skipped whole. */
    private boolean seen(LedgerEvent e) {
        Boolean[] seen = {null};
        pending(p -> {
            if (p.eventIds.contains(e.eventId())) {
                seen[0] = true;
            } else if (p.batch.contains(e.eventId())) {
                seen[0] = p.stored.contains(e.eventId());
            }
        });
        return seen[0] != null ? seen[0]
                : !jdbc.queryForList("SELECT 1 FROM timeline_event WHERE event_id = ?", Integer.class, e.eventId()).isEmpty();
    }

    private static ObjectNode details(StudyEvent event) {
        ObjectNode details = JSON.createObjectNode();
        details.set("payload", JSON.valueToTree(event));
        return details;
    }

    private void write(LedgerEvent e, String summary, String visit, Integer session, ObjectNode details) {
        pending(p -> {
            p.eventIds.add(e.eventId());
            p.rows.add("""
                    INSERT INTO timeline_event (position, event_id, subject_id, center_id, sequence, event_type, occurred_at,
                      recorded_at, actor_id, actor_role, source, visit, dose_session, summary, details)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (event_id) DO NOTHING
                    """, e.position(), e.eventId(), e.subjectId(), e.centerId(), e.sequence(), e.eventType(),
                    ts(e.occurredAt()), ts(e.recordedAt()), e.actorId(), e.actorRole(), e.source(), visit, session, summary,
                    json(details));
        });
    }

    /** The subject's study clock, from the first dose known so far. */
    private StudyClock clock(String subjectId) {
        Instant[] firstDoseAt = {null};
        pending(p -> firstDoseAt[0] = p.firstDoses.computeIfAbsent(subjectId, this::storedFirstDose).orElse(null));
        return StudyClock.of(protocol, zone, firstDoseAt[0]);
    }

    private Optional<Instant> storedFirstDose(String subjectId) {
        return Optional.ofNullable(jdbc.query("SELECT first_dose_at FROM timeline_subject WHERE subject_id = ?",
                rs -> rs.next() ? Sql.instant(rs, "first_dose_at") : null, subjectId));
    }

    /**
     * A dose given before the first dose known so far (or the first one at all) moves every study day and window of
     * the subject: the assessments already on the timeline are written again against the new first dose, from their
     * recorded payload (the recorded study day and window flag stay in it).
     */
    private void firstDoseMayMove(String subjectId, Instant administeredAt) {
        StudyClock known = clock(subjectId);
        StudyClock now = known.withDose(administeredAt);
        if (now.firstDoseAt().equals(known.firstDoseAt())) {
            return;
        }
        pending(p -> {
            flush(p); // the batch's rows so far are among those written again
            p.firstDoses.put(subjectId, Optional.of(now.firstDoseAt()));
        });
        jdbc.update("""
                INSERT INTO timeline_subject (subject_id, first_dose_at) VALUES (?, ?)
                ON CONFLICT (subject_id) DO UPDATE SET first_dose_at = excluded.first_dose_at
                """, subjectId, ts(now.firstDoseAt()));
        List<Map.Entry<String, String>> recorded = jdbc.query("""
                SELECT event_id, details::text AS details FROM timeline_event
                WHERE subject_id = ? AND event_type = 'AssessmentRecorded' ORDER BY sequence""",
                (rs, n) -> Map.entry(rs.getString("event_id"), rs.getString("details")), subjectId);
        for (Map.Entry<String, String> row : recorded) {
            ObjectNode details = (ObjectNode) read(row.getValue(), new TypeReference<JsonNode>() {
            });
            AssessmentRecorded a;
            try {
                a = JSON.treeToValue(details.get("payload"), AssessmentRecorded.class);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("timeline_event " + row.getKey() + " holds an unreadable payload", ex);
            }
            details.set("timing", timing(a, now));
            jdbc.update("UPDATE timeline_event SET summary = ?, details = ?::jsonb WHERE event_id = ?",
                    TimelineText.recorded(a, now), json(details), row.getKey());
        }
    }

    /**
     * An assessment's place in the schedule by the current first dose: {@code study_day} (null before any dose) and,
     * for a visit form, {@code analysis_visit} and {@code out_of_window}. The payload keeps what was recorded.
     */
    private static JsonNode timing(AssessmentRecorded a, StudyClock clock) {
        ObjectNode node = JSON.createObjectNode();
        Integer day = clock.studyDay(a.administeredAt());
        if (day == null) {
            node.putNull("study_day");
        } else {
            node.put("study_day", day);
        }
        if (a.visit() != null) {
            node.put("analysis_visit", clock.analysisVisitCode(a.administeredAt()));
            node.put("out_of_window", clock.outOfWindow(a.visit(), a.administeredAt()));
        }
        return node;
    }

    /** The assessment's current form, as the batch knows it. */
    private Optional<TimelineText.Form> form(String assessmentId) {
        List<Optional<StoredForm>> form = new java.util.ArrayList<>(1);
        pending(p -> form.add(p.form(assessmentId)));
        return form.get(0).map(StoredForm::form);
    }

    private Optional<StoredForm> storedForm(String assessmentId) {
        List<StoredForm> forms = jdbc.query("""
                SELECT subject_id, instrument, version, visit, dose_session, items::text AS items, scores::text AS scores,
                  retracted
                FROM timeline_form WHERE assessment_id = ?""",
                (rs, n) -> new StoredForm(rs.getString("subject_id"), new TimelineText.Form(rs.getString("instrument"),
                        rs.getString("version"), rs.getString("visit"), (Integer) rs.getObject("dose_session"),
                        read(rs.getString("items"), ITEMS), read(rs.getString("scores"), new TypeReference<ScoreSet>() {
                        })), rs.getBoolean("retracted")), assessmentId);
        return forms.stream().findFirst();
    }

    private static JsonNode assessment(TimelineText.Form form) {
        ObjectNode node = JSON.createObjectNode();
        node.put("instrument", form.instrument() + "/" + form.version());
        if (form.visit() != null) {
            node.put("visit", form.visit());
        }
        if (form.doseSession() != null) {
            node.put("dose_session", form.doseSession());
        }
        return node;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("timeline_form holds unreadable JSON: " + json, e);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE timeline_event, timeline_form, timeline_subject");
    }
}
