package org.studyledger.hub.projectionsupport;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * A ledger event as a projection sees it: its position in the ledger (the event store's global index,
 * the same on every replay), the envelope header the ledger stored as metadata, and the typed payload.
 * Everything a projection writes comes from here, never from the clock, so a replay writes the same rows.
 *
 * @param position     global index of the event in the hub's event store
 * @param eventId      the envelope's event id
 * @param eventType    payload type name, e.g. {@code AssessmentRecorded}
 * @param studyId      study
 * @param centerId     center that recorded the event
 * @param subjectId    subject the event is about
 * @param sequence     the subject's sequence number
 * @param occurredAt   clinical time
 * @param recordedAt   time the center stored it
 * @param acceptedAt   time the hub's ledger accepted it (the stored message's timestamp)
 * @param actorId      who caused it
 * @param actorRole    in which role
 * @param source       {@code api} or {@code csv:<sha256>#<line>}
 * @param previousHash hash of the subject's previous event
 * @param hash         the envelope's hash
 * @param payload      the event
 */
public record LedgerEvent(
        long position,
        String eventId,
        String eventType,
        String studyId,
        String centerId,
        String subjectId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        Instant acceptedAt,
        String actorId,
        String actorRole,
        String source,
        String previousHash,
        String hash,
        StudyEvent payload) {

    public LedgerEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Reads the event from what a streaming processor hands a handler. The header's members are taken as the text the
     * ledger stored (what {@link EnvelopeHeader#metadataOf} wrote from the envelope it verified at intake), with only
     * the sequence number and the two instants parsed: every projection builds this for every event, and turning the
     * ids into the kernel's value objects (a pattern match each) and the event id into a UUID and back, only to take
     * their text again, was most of its cost. The audit trail still reads the whole header through the kernel when it
     * re-hashes the stored event.
     */
    public static LedgerEvent of(StudyEvent event, EventMessage<?> message, TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        if (position.isEmpty()) {
            throw new IllegalStateException("event " + message.getIdentifier() + " came without a ledger position"
                    + " (projections run in streaming processors on the ledger)");
        }
        Map<String, ?> metadata = message.getMetaData();
        return new LedgerEvent(position.getAsLong(), text(metadata, EnvelopeCodec.EVENT_ID),
                text(metadata, EnvelopeCodec.EVENT_TYPE), text(metadata, EnvelopeCodec.STUDY_ID),
                text(metadata, EnvelopeCodec.CENTER_ID), text(metadata, EnvelopeCodec.SUBJECT_ID),
                Long.parseLong(text(metadata, EnvelopeCodec.SEQUENCE)),
                KernelJson.parseInstant(text(metadata, EnvelopeCodec.OCCURRED_AT)),
                KernelJson.parseInstant(text(metadata, EnvelopeCodec.RECORDED_AT)), message.getTimestamp(),
                text(metadata, EnvelopeHeader.ACTOR_ID), text(metadata, EnvelopeHeader.ACTOR_ROLE),
                text(metadata, EnvelopeCodec.SOURCE), text(metadata, EnvelopeCodec.PREVIOUS_HASH),
                text(metadata, EnvelopeCodec.HASH), event);
    }

    private static String text(Map<String, ?> metadata, String key) {
        Object value = metadata.get(key);
        if (value == null) {
            throw new IllegalStateException("stored event lacks metadata " + key);
        }
        return value.toString();
    }
}
