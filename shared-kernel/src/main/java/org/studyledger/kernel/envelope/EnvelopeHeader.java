package org.studyledger.kernel.envelope;

import java.time.Instant;
import java.util.UUID;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.SubjectId;

/** Everything an envelope says about an event except the payload and the hash: the input to sealing. */
public record EnvelopeHeader(
        UUID eventId,
        StudyId studyId,
        CenterId centerId,
        SubjectId subjectId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        Actor actor,
        String source,
        String previousHash) {
}
