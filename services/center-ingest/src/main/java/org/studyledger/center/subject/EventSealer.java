package org.studyledger.center.subject;

import java.time.Instant;
import java.util.UUID;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * Seals a subject's next event in its envelope (a new event id, the next sequence, the previous event's hash, its own
 * hash) and signs it with the center's active key. The aggregate decides what the event is; this is the one place that
 * makes it a link of the subject's chain, so the aggregate keeps only state and rules.
 */
final class EventSealer {
    private EventSealer() {
    }

    /**
     * {@code event} sealed as event {@code sequence} of {@code subject} after the event hashed {@code previousHash},
     * recorded now by the center's clock and signed with the center's key.
     */
    static EventEnvelope seal(CenterContext center, SubjectId subject, long sequence, String previousHash,
                              Instant occurredAt, Provenance provenance, StudyEvent event) {
        // recorded_at is read from the clock before the signer reads its key. A rotation switches the key first and
        // only then takes the replaced key's retired_at, so an event that still gets the replaced key was recorded
        // no later than that key's retirement, and is never refused as signed by a retired key.
        EventEnvelope sealed = EnvelopeCodec.seal(new EnvelopeHeader(UUID.randomUUID(), center.studyId(),
                center.centerId(), subject, sequence, occurredAt, center.now(), provenance.actor(), provenance.source(),
                previousHash), event);
        return center.signer().sign(sealed);
    }
}
