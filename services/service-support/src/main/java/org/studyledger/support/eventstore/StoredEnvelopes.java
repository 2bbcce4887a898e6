package org.studyledger.support.eventstore;

import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * Rebuilds an event's envelope from what the event store holds (payload + header metadata) and checks
 * that it hashes to the hash recorded when the event was applied. A mismatch means the stored event
 * was altered, or the mapping changed incompatibly; either way it must not be published or shown as valid.
 * The signature recorded with the event (if any) is attached as recorded; whoever holds the keys checks it.
 */
public final class StoredEnvelopes {
    private StoredEnvelopes() {
    }

    public static EventEnvelope envelopeOf(EventMessage<?> message) {
        if (!(message.getPayload() instanceof StudyEvent event)) {
            throw new IllegalArgumentException("not a study event: " + message.getPayloadType().getName());
        }
        Map<String, ?> metadata = message.getMetaData();
        EventEnvelope envelope = EnvelopeHeader.withSignatureOf(
                EnvelopeCodec.seal(EnvelopeHeader.fromMetadata(metadata), event), metadata);
        Object recorded = metadata.get(EnvelopeCodec.HASH);
        if (!envelope.hash().equals(recorded)) {
            throw new StoredEventAltered("event " + envelope.eventId() + " (" + envelope.subjectId() + " #"
                    + envelope.sequence() + ") hashes to " + envelope.hash() + " but was recorded with hash " + recorded);
        }
        if (message instanceof DomainEventMessage<?> domain && domain.getSequenceNumber() != envelope.sequence()) {
            throw new StoredEventAltered("event " + envelope.eventId() + " is stored at aggregate sequence "
                    + domain.getSequenceNumber() + " but its envelope says " + envelope.sequence());
        }
        return envelope;
    }

    /** The event store holds something its own envelope does not vouch for. */
    public static class StoredEventAltered extends IllegalStateException {
        public StoredEventAltered(String message) {
            super(message);
        }
    }
}
