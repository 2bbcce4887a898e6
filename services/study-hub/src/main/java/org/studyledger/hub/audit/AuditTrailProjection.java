package org.studyledger.hub.audit;

import static org.studyledger.hub.projectionsupport.Sql.ts;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.studyledger.hub.projectionsupport.Batches;
import org.studyledger.hub.projectionsupport.LedgerEvent;
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
import org.studyledger.support.eventstore.StoredEnvelopes;

/**
 * The audit trail: one row per ledger event, keyed by its ledger position, with who, when (clinical,
 * center and hub time), why (the reason of a correction, retraction, withheld dose, discontinuation or
 * BP override), where from, and its hash chain, plus whether the stored event still hashes to its
 * recorded hash. One handler per event type, each naming its reason; the rows of a batch are inserted in one JDBC
 * batch when it commits. Idempotent: a replayed event hits the same position and event id and changes nothing.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {
    public static final String PROCESSING_GROUP = "audit-trail";
    private static final Logger log = LoggerFactory.getLogger(AuditTrailProjection.class);

    private final JdbcTemplate jdbc;
    private final String batchKey = Batches.key(this, "rows");

    AuditTrailProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A second instance writing through {@code jdbc} (unqualified table names), for the replay proof. */
    public static AuditTrailProjection writingTo(JdbcTemplate jdbc) {
        return new AuditTrailProjection(jdbc);
    }

    @EventHandler
    void on(SubjectEnrolled event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, null);
    }

    @EventHandler
    void on(AssessmentRecorded event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, null);
    }

    @EventHandler
    void on(AssessmentCorrected event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, event.reason());
    }

    @EventHandler
    void on(AssessmentRetracted event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, event.reason());
    }

    /** The reason of a BP override. */
    @EventHandler
    void on(DoseAdministered event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, event.overrideReason());
    }

    @EventHandler
    void on(DoseWithheld event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, event.reason());
    }

    @EventHandler
    void on(AdverseEventReported event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, null);
    }

    @EventHandler
    void on(SubjectDiscontinued event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, event.reason());
    }

    @EventHandler
    void on(FollowUpCompleted event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token, null);
    }

    /** Adds the event's row to the batch's inserts (one JDBC batch when the batch commits). */
    private void record(StudyEvent event, EventMessage<?> message, TrackingToken token, String reason) {
        LedgerEvent e = LedgerEvent.of(event, message, token);
        boolean verified;
        try {
            StoredEnvelopes.envelopeOf(message);
            verified = true;
        } catch (RuntimeException altered) {
            log.error("ledger event {} at position {} does not verify: {}", e.eventId(), e.position(), altered.getMessage());
            verified = false;
        }
        Object[] row = {e.position(), e.eventId(), e.eventType(), e.subjectId(), e.sequence(), e.centerId(), e.actorId(),
                e.actorRole(), ts(e.occurredAt()), ts(e.recordedAt()), ts(e.acceptedAt()), reason, e.source(),
                e.previousHash(), e.hash(), verified};
        Batches.with(batchKey, Batches.Statements::new, rows -> rows.execute(jdbc), rows -> rows.add("""
                INSERT INTO audit_trail (position, event_id, event_type, subject_id, sequence, center_id, actor_id, actor_role,
                  occurred_at, recorded_at, accepted_at, reason, source, previous_hash, hash, hash_verified)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, row));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE audit_trail");
    }
}
