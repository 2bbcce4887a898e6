package org.studyledger.kernel.envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Everything an envelope says about an event except the payload, the hash and the signature: the input to sealing.
 * Event stores keep it beside the payload as string metadata ({@link #toMetadata()}), so the envelope,
 * and its hash, can be rebuilt from a stored event alone.
 */
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

    public static final String ACTOR_ID = "actor_id";
    public static final String ACTOR_ROLE = "actor_role";
    /** Present only for an actor with a display name. */
    public static final String ACTOR_NAME = "actor_name";

    /** The header as flat string metadata, plus the sealed envelope's type, revision and hash. */
    public static Map<String, String> metadataOf(EventEnvelope envelope) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(EnvelopeCodec.EVENT_ID, envelope.eventId().toString());
        m.put(EnvelopeCodec.EVENT_TYPE, envelope.eventType());
        m.put(EnvelopeCodec.SCHEMA_REVISION, envelope.schemaRevision());
        m.put(EnvelopeCodec.STUDY_ID, envelope.studyId().value());
        m.put(EnvelopeCodec.CENTER_ID, envelope.centerId().value());
        m.put(EnvelopeCodec.SUBJECT_ID, envelope.subjectId().value());
        m.put(EnvelopeCodec.SEQUENCE, Long.toString(envelope.sequence()));
        m.put(EnvelopeCodec.OCCURRED_AT, KernelJson.INSTANT_FORMAT.format(envelope.occurredAt()));
        m.put(EnvelopeCodec.RECORDED_AT, KernelJson.INSTANT_FORMAT.format(envelope.recordedAt()));
        m.put(ACTOR_ID, envelope.actor().id());
        m.put(ACTOR_ROLE, envelope.actor().role());
        if (envelope.actor().name() != null) {
            m.put(ACTOR_NAME, envelope.actor().name());
        }
        m.put(EnvelopeCodec.SOURCE, envelope.source());
        m.put(EnvelopeCodec.PREVIOUS_HASH, envelope.previousHash());
        m.put(EnvelopeCodec.HASH, envelope.hash());
        if (envelope.isSigned()) {
            m.put(EnvelopeCodec.KEY_ID, envelope.keyId());
            m.put(EnvelopeCodec.SIGNATURE, envelope.signature());
        }
        return m;
    }

    /**
     * {@code sealed} carrying the signature the metadata records, if any: a stored event keeps the signature
     * it was recorded (or received) with, so it can be published and exported as signed.
     */
    public static EventEnvelope withSignatureOf(EventEnvelope sealed, Map<String, ?> metadata) {
        Object keyId = metadata.get(EnvelopeCodec.KEY_ID);
        Object signature = metadata.get(EnvelopeCodec.SIGNATURE);
        if (keyId == null && signature == null) {
            return sealed;
        }
        if (keyId == null || signature == null) {
            throw new ValidationException(new Problem(keyId == null ? EnvelopeCodec.KEY_ID : EnvelopeCodec.SIGNATURE,
                    "missing from the stored event's metadata, which has the other half of the signature"));
        }
        return sealed.withSignature(keyId.toString(), signature.toString());
    }

    /** Reads a header back from {@link #metadataOf} metadata; every missing or malformed entry is reported. */
    public static EnvelopeHeader fromMetadata(Map<String, ?> metadata) {
        List<Problem> problems = new ArrayList<>();
        UUID eventId = read(metadata, EnvelopeCodec.EVENT_ID, problems, UUID::fromString);
        StudyId study = read(metadata, EnvelopeCodec.STUDY_ID, problems, StudyId::new);
        CenterId center = read(metadata, EnvelopeCodec.CENTER_ID, problems, CenterId::new);
        SubjectId subject = read(metadata, EnvelopeCodec.SUBJECT_ID, problems, SubjectId::new);
        Long sequence = read(metadata, EnvelopeCodec.SEQUENCE, problems, Long::valueOf);
        Instant occurred = read(metadata, EnvelopeCodec.OCCURRED_AT, problems, KernelJson::parseInstant);
        Instant recorded = read(metadata, EnvelopeCodec.RECORDED_AT, problems, KernelJson::parseInstant);
        String actorId = read(metadata, ACTOR_ID, problems, s -> s);
        String actorRole = read(metadata, ACTOR_ROLE, problems, s -> s);
        Object actorName = metadata.get(ACTOR_NAME);
        String source = read(metadata, EnvelopeCodec.SOURCE, problems, s -> s);
        String previous = read(metadata, EnvelopeCodec.PREVIOUS_HASH, problems, s -> s);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new EnvelopeHeader(eventId, study, center, subject, sequence, occurred, recorded,
                new Actor(actorId, actorRole, actorName == null ? null : actorName.toString()), source, previous);
    }

    private static <T> T read(Map<String, ?> metadata, String key, List<Problem> problems,
                              java.util.function.Function<String, T> parse) {
        Object value = metadata.get(key);
        if (value == null) {
            problems.add(new Problem(key, "missing from the stored event's metadata"));
            return null;
        }
        try {
            return parse.apply(value.toString());
        } catch (RuntimeException e) {
            problems.add(new Problem(key, "malformed in the stored event's metadata: " + e.getMessage()));
            return null;
        }
    }
}
