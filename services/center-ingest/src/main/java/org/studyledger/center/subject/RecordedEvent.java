package org.studyledger.center.subject;

import java.util.UUID;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * What a successful command recorded: the stored event's identity and place in the chain, and the
 * scores it computed (for assessments), so the caller can show them without a second request.
 */
public record RecordedEvent(
        UUID eventId,
        String eventType,
        String subjectId,
        long sequence,
        String previousHash,
        String hash,
        ScoreSet scores) {

    static RecordedEvent of(EventEnvelope envelope, StudyEvent event) {
        ScoreSet scores = null;
        if (event instanceof AssessmentRecorded recorded) {
            scores = recorded.scores();
        } else if (event instanceof AssessmentCorrected corrected) {
            scores = corrected.scores();
        }
        return new RecordedEvent(envelope.eventId(), envelope.eventType(), envelope.subjectId().value(),
                envelope.sequence(), envelope.previousHash(), envelope.hash(), scores);
    }
}
