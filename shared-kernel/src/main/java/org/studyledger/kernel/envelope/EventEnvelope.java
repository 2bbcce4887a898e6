package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.SubjectId;

/**
 * An event as it is stored, published and verified: the payload together with who, when, where from,
 * its place in the subject's history and the hash chain. The wire form is {@link EnvelopeCodec#encode};
 * the hash covers every member except {@code hash}, {@code key_id} and {@code signature} (see {@link EventHashes}).
 * A center signs the sealed envelope with its Ed25519 key ({@code org.studyledger.kernel.signing}); an unsigned
 * envelope has neither {@code keyId} nor {@code signature}.
 *
 * @param eventId        globally unique id of this event
 * @param eventType      payload type name, e.g. {@code AssessmentRecorded}
 * @param schemaRevision revision of the payload schema, e.g. {@code 1}
 * @param studyId        the study
 * @param centerId       the center that recorded the event
 * @param subjectId      the subject the event is about; its prefix is the center
 * @param sequence       position in the subject's history: 0, 1, 2 … without gaps
 * @param occurredAt     clinical time: when the fact happened
 * @param recordedAt     system time: when the center stored it
 * @param actor          who caused it
 * @param source         where it came from: {@code api}, or {@code csv:<file-sha256>#<line>}
 * @param previousHash   hash of the subject's previous event, or {@link EventHashes#GENESIS} for sequence 0
 * @param payload        the event's fields in the kernel's JSON mapping
 * @param hash           SHA-256 of the canonical encoding of all other members but the signature's, lower-case hex
 * @param keyId          the id of the center key that signed the envelope, or null when unsigned
 * @param signature      Ed25519 signature over the canonical encoding of every other member (hash and key id
 *                       included), base64url without padding; null when unsigned
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        String schemaRevision,
        StudyId studyId,
        CenterId centerId,
        SubjectId subjectId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        Actor actor,
        String source,
        String previousHash,
        ObjectNode payload,
        String hash,
        String keyId,
        String signature) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(eventType, "event_type");
        Objects.requireNonNull(schemaRevision, "schema_revision");
        Objects.requireNonNull(studyId, "study_id");
        Objects.requireNonNull(centerId, "center_id");
        Objects.requireNonNull(subjectId, "subject_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(recordedAt, "recorded_at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(previousHash, "previous_hash");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(hash, "hash");
        if ((keyId == null) != (signature == null)) {
            throw new IllegalArgumentException("key_id and signature come together: both or neither");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        payload = payload.deepCopy();
    }

    /** An unsigned envelope. */
    public EventEnvelope(UUID eventId, String eventType, String schemaRevision, StudyId studyId, CenterId centerId,
                         SubjectId subjectId, long sequence, Instant occurredAt, Instant recordedAt, Actor actor,
                         String source, String previousHash, ObjectNode payload, String hash) {
        this(eventId, eventType, schemaRevision, studyId, centerId, subjectId, sequence, occurredAt, recordedAt, actor,
                source, previousHash, payload, hash, null, null);
    }

    public boolean isSigned() {
        return signature != null;
    }

    /** This envelope carrying {@code signature} by key {@code keyId} (both null: unsigned). */
    public EventEnvelope withSignature(String keyId, String signature) {
        return new EventEnvelope(eventId, eventType, schemaRevision, studyId, centerId, subjectId, sequence, occurredAt,
                recordedAt, actor, source, previousHash, payload, hash, keyId, signature);
    }

    /** This envelope with another hash and no signature (a signature never outlives a change of what it signed). */
    public EventEnvelope withHash(String hash) {
        return new EventEnvelope(eventId, eventType, schemaRevision, studyId, centerId, subjectId, sequence, occurredAt,
                recordedAt, actor, source, previousHash, payload, hash);
    }

    @Override
    public ObjectNode payload() {
        return payload.deepCopy();
    }

    /** Whether the hash recomputes from the other members. */
    public boolean hashIsValid() {
        return hash.equals(EventHashes.hashOf(this));
    }

    /** Whether this event directly follows {@code previous} in the same subject's chain. */
    public boolean follows(EventEnvelope previous) {
        return previous.subjectId.equals(subjectId)
                && previous.sequence + 1 == sequence
                && previous.hash.equals(previousHash);
    }
}
