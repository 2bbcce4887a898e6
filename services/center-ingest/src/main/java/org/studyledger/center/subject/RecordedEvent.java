package org.studyledger.center.subject;

import java.util.UUID;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.StudyEventVisitor;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * What a successful command recorded: the stored event's identity and place in the chain, the id of the
 * record it concerns (assessment, dosing session or adverse event; generated when the client sent none),
 * and the scores it computed (for assessments), so the caller can go on without a second request.
 */
public record RecordedEvent(
        UUID eventId,
        String eventType,
        String subjectId,
        long sequence,
        String previousHash,
        String hash,
        String recordId,
        ScoreSet scores) {

    static RecordedEvent of(EventEnvelope envelope, StudyEvent event) {
        Concerns concerns = event.accept(CONCERNS);
        return new RecordedEvent(envelope.eventId(), envelope.eventType(), envelope.subjectId().value(),
                envelope.sequence(), envelope.previousHash(), envelope.hash(), concerns.recordId(), concerns.scores());
    }

    /** The record an event concerns and the scores it states; a subject-level event concerns no record. */
    private record Concerns(String recordId, ScoreSet scores) {
        static final Concerns SUBJECT = new Concerns(null, null);
    }

    private static final StudyEventVisitor<Concerns> CONCERNS = new StudyEventVisitor<>() {
        @Override
        public Concerns visit(SubjectEnrolled e) {
            return Concerns.SUBJECT;
        }

        @Override
        public Concerns visit(AssessmentRecorded e) {
            return new Concerns(e.assessmentId().toString(), e.scores());
        }

        @Override
        public Concerns visit(AssessmentCorrected e) {
            return new Concerns(e.assessmentId().toString(), e.scores());
        }

        @Override
        public Concerns visit(AssessmentRetracted e) {
            return new Concerns(e.assessmentId().toString(), null);
        }

        @Override
        public Concerns visit(DoseAdministered e) {
            return new Concerns(e.doseId().toString(), null);
        }

        @Override
        public Concerns visit(DoseWithheld e) {
            return new Concerns(e.doseId().toString(), null);
        }

        @Override
        public Concerns visit(AdverseEventReported e) {
            return new Concerns(e.adverseEventId().toString(), null);
        }

        @Override
        public Concerns visit(SubjectDiscontinued e) {
            return Concerns.SUBJECT;
        }

        @Override
        public Concerns visit(FollowUpCompleted e) {
            return Concerns.SUBJECT;
        }
    };
}
