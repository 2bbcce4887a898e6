package org.studyledger.center.subject;

import java.util.UUID;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.StudyEvent;

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
        ScoreSet scores = null;
        String recordId = null;
        if (event instanceof AssessmentRecorded recorded) {
            scores = recorded.scores();
            recordId = recorded.assessmentId().toString();
        } else if (event instanceof AssessmentCorrected corrected) {
            scores = corrected.scores();
            recordId = corrected.assessmentId().toString();
        } else if (event instanceof AssessmentRetracted retracted) {
            recordId = retracted.assessmentId().toString();
        } else if (event instanceof DoseAdministered dose) {
            recordId = dose.doseId().toString();
        } else if (event instanceof DoseWithheld withheld) {
            recordId = withheld.doseId().toString();
        } else if (event instanceof AdverseEventReported adverseEvent) {
            recordId = adverseEvent.adverseEventId().toString();
        }
        return new RecordedEvent(envelope.eventId(), envelope.eventType(), envelope.subjectId().value(),
                envelope.sequence(), envelope.previousHash(), envelope.hash(), recordId, scores);
    }
}
