package org.studyledger.hub.timeline;

import static org.studyledger.hub.projection.Sql.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.studyledger.hub.projection.LedgerEvent;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.instrument.ScoreSet;
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
 * changed from. Idempotent: an event whose row exists is skipped whole.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class TimelineProjection {
    public static final String PROCESSING_GROUP = "timeline";
    private static final ObjectMapper JSON = KernelJson.mapper();
    private static final TypeReference<TreeMap<String, Integer>> ITEMS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    TimelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A second instance writing through {@code jdbc} (unqualified table names), for the replay proof. */
    public static TimelineProjection writingTo(JdbcTemplate jdbc) {
        return new TimelineProjection(jdbc);
    }

    @EventHandler
    void on(StudyEvent event, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(event, message, token);
        if (!jdbc.queryForList("SELECT 1 FROM timeline_event WHERE event_id = ?", Integer.class, e.eventId()).isEmpty()) {
            return;
        }
        ObjectNode details = JSON.createObjectNode();
        details.set("payload", JSON.valueToTree(event));
        String summary;
        String visit = null;
        Integer session = null;
        if (event instanceof SubjectEnrolled s) {
            summary = TimelineText.enrolled(s);
        } else if (event instanceof AssessmentRecorded a) {
            summary = TimelineText.recorded(a);
            visit = a.visit();
            session = a.doseSession();
            jdbc.update("""
                    INSERT INTO timeline_form (assessment_id, subject_id, instrument, version, visit, dose_session, items, scores)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT (assessment_id) DO NOTHING
                    """, a.assessmentId().toString(), e.subjectId(), a.instrument().code(), a.instrument().version(),
                    a.visit(), a.doseSession(), json(a.items()), json(a.scores()));
        } else if (event instanceof AssessmentCorrected c) {
            Optional<TimelineText.Form> before = form(c.assessmentId().toString());
            summary = TimelineText.corrected(before.orElse(null), c);
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
            jdbc.update("UPDATE timeline_form SET items = ?::jsonb, scores = ?::jsonb WHERE assessment_id = ?",
                    json(c.items()), json(c.scores()), c.assessmentId().toString());
        } else if (event instanceof AssessmentRetracted r) {
            Optional<TimelineText.Form> before = form(r.assessmentId().toString());
            summary = TimelineText.retracted(before.orElse(null), r);
            if (before.isPresent()) {
                visit = before.get().visit();
                session = before.get().doseSession();
                details.set("assessment", assessment(before.get()));
            }
            jdbc.update("UPDATE timeline_form SET retracted = true WHERE assessment_id = ?", r.assessmentId().toString());
        } else if (event instanceof DoseAdministered d) {
            summary = TimelineText.dose(d);
            session = d.sessionNumber();
        } else if (event instanceof DoseWithheld w) {
            summary = TimelineText.withheld(w);
            session = w.sessionNumber();
        } else if (event instanceof AdverseEventReported a) {
            summary = TimelineText.adverseEvent(a);
        } else if (event instanceof SubjectDiscontinued d) {
            summary = TimelineText.discontinued(d);
        } else if (event instanceof FollowUpCompleted f) {
            summary = TimelineText.completed(f);
        } else {
            summary = e.eventType();
        }
        jdbc.update("""
                INSERT INTO timeline_event (position, event_id, subject_id, center_id, sequence, event_type, occurred_at,
                  recorded_at, actor_id, actor_role, source, visit, dose_session, summary, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (event_id) DO NOTHING
                """, e.position(), e.eventId(), e.subjectId(), e.centerId(), e.sequence(), e.eventType(),
                ts(e.occurredAt()), ts(e.recordedAt()), e.actorId(), e.actorRole(), e.source(), visit, session, summary,
                json(details));
    }

    private Optional<TimelineText.Form> form(String assessmentId) {
        List<TimelineText.Form> forms = jdbc.query("""
                SELECT instrument, version, visit, dose_session, items::text AS items, scores::text AS scores
                FROM timeline_form WHERE assessment_id = ?""",
                (rs, n) -> new TimelineText.Form(rs.getString("instrument"), rs.getString("version"), rs.getString("visit"),
                        (Integer) rs.getObject("dose_session"), read(rs.getString("items"), ITEMS),
                        read(rs.getString("scores"), new TypeReference<ScoreSet>() {
                        })), assessmentId);
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
        jdbc.execute("TRUNCATE timeline_event, timeline_form");
    }
}
