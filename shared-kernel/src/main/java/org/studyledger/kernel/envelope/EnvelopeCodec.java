package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Converts between {@link EventEnvelope} and its wire form: one JSON object, canonically encoded
 * (see {@link CanonicalJson}), with the members below. Decoding is strict: a member that would not
 * re-encode to the same bytes (an instant without milliseconds, an upper-case UUID, an unknown member)
 * is a problem, because the hash must recompute from what was received.
 */
public final class EnvelopeCodec {
    /** Version of the envelope layout itself; the payload has its own schema revision. */
    public static final int ENVELOPE_VERSION = 1;

    public static final String ENVELOPE_VERSION_MEMBER = "envelope_version";
    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String SCHEMA_REVISION = "schema_revision";
    public static final String STUDY_ID = "study_id";
    public static final String CENTER_ID = "center_id";
    public static final String SUBJECT_ID = "subject_id";
    public static final String SEQUENCE = "sequence";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String RECORDED_AT = "recorded_at";
    public static final String ACTOR = "actor";
    public static final String SOURCE = "source";
    public static final String PREVIOUS_HASH = "previous_hash";
    public static final String PAYLOAD = "payload";
    public static final String HASH = "hash";
    public static final String KEY_ID = "key_id";
    public static final String SIGNATURE = "signature";

    private static final Set<String> MEMBERS = Set.of(ENVELOPE_VERSION_MEMBER, EVENT_ID, EVENT_TYPE, SCHEMA_REVISION,
            STUDY_ID, CENTER_ID, SUBJECT_ID, SEQUENCE, OCCURRED_AT, RECORDED_AT, ACTOR, SOURCE, PREVIOUS_HASH,
            PAYLOAD, HASH, KEY_ID, SIGNATURE);
    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTANT_FORMAT =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z");
    private static final Pattern REVISION_FORMAT = Pattern.compile("[0-9]+");
    /** 64 bytes of Ed25519 signature in base64url without padding. */
    private static final Pattern SIGNATURE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{85}[AQgw]");

    private static final ObjectMapper MAPPER = KernelJson.mapper();

    private EnvelopeCodec() {
    }

    /**
     * Builds the envelope for {@code event}: payload in the kernel's mapping, instants cut to
     * milliseconds (the wire precision), type and revision from the event class, hash computed.
     */
    public static EventEnvelope seal(EnvelopeHeader header, StudyEvent event) {
        @SuppressWarnings("unchecked")
        Class<? extends StudyEvent> type = (Class<? extends StudyEvent>) event.getClass();
        // Hold the payload exactly as it will read back from the wire (numbers in canonical form),
        // so a sealed envelope equals its decoded copy.
        ObjectNode payload = (ObjectNode) readCanonical(MAPPER.valueToTree(event));
        EventEnvelope unsealed = new EventEnvelope(header.eventId(), EventTypes.nameOf(type), EventTypes.revisionOf(type),
                header.studyId(), header.centerId(), header.subjectId(), header.sequence(),
                header.occurredAt().truncatedTo(ChronoUnit.MILLIS), header.recordedAt().truncatedTo(ChronoUnit.MILLIS),
                header.actor(), header.source(), header.previousHash(), payload, "");
        return unsealed.withHash(EventHashes.hashOf(unsealed));
    }

    private static JsonNode readCanonical(JsonNode tree) {
        return readCanonical(CanonicalJson.encode(tree));
    }

    private static JsonNode readCanonical(byte[] canonical) {
        try {
            return MAPPER.readTree(canonical);
        } catch (IOException e) {
            throw new IllegalStateException("canonical JSON must parse", e);
        }
    }

    /** The wire form: canonical JSON bytes of the whole envelope, hash included. */
    public static byte[] encode(EventEnvelope envelope) {
        return CanonicalJson.encode(toTree(envelope));
    }

    /** The envelope's canonical encoding member by member: what its hash and its signature are computed over. */
    public static CanonicalJson.Members canonicalMembers(EventEnvelope envelope) {
        return CanonicalJson.members(toTree(envelope));
    }

    public static ObjectNode toTree(EventEnvelope e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(ENVELOPE_VERSION_MEMBER, ENVELOPE_VERSION);
        node.put(EVENT_ID, e.eventId().toString());
        node.put(EVENT_TYPE, e.eventType());
        node.put(SCHEMA_REVISION, e.schemaRevision());
        node.put(STUDY_ID, e.studyId().value());
        node.put(CENTER_ID, e.centerId().value());
        node.put(SUBJECT_ID, e.subjectId().value());
        node.put(SEQUENCE, e.sequence());
        node.put(OCCURRED_AT, KernelJson.INSTANT_FORMAT.format(e.occurredAt()));
        node.put(RECORDED_AT, KernelJson.INSTANT_FORMAT.format(e.recordedAt()));
        ObjectNode actor = node.putObject(ACTOR);
        actor.put("id", e.actor().id());
        actor.put("role", e.actor().role());
        if (e.actor().name() != null) {
            actor.put("name", e.actor().name());
        }
        node.put(SOURCE, e.source());
        node.put(PREVIOUS_HASH, e.previousHash());
        node.set(PAYLOAD, e.payload());
        node.put(HASH, e.hash());
        if (e.isSigned()) {
            node.put(KEY_ID, e.keyId());
            node.put(SIGNATURE, e.signature());
        }
        return node;
    }

    /**
     * Reads a wire-form envelope, reporting every problem with the header at once. The payload is kept
     * as received; {@link #payloadOf} maps it to its event type. The hash is not checked here.
     */
    public static EventEnvelope decode(byte[] bytes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ValidationException(new Problem("", "malformed JSON: " + firstLine(e.getMessage())));
        }
        if (tree == null || !tree.isObject()) {
            throw new ValidationException(new Problem("", "an envelope must be a JSON object"));
        }
        return decode((ObjectNode) tree);
    }

    public static EventEnvelope decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public static EventEnvelope decode(ObjectNode node) {
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                problems.add(new Problem(name, "unknown envelope member"));
            }
        }
        JsonNode version = node.get(ENVELOPE_VERSION_MEMBER);
        if (version == null || !version.isIntegralNumber() || version.intValue() != ENVELOPE_VERSION) {
            problems.add(new Problem(ENVELOPE_VERSION_MEMBER, "must be " + ENVELOPE_VERSION));
        }
        UUID eventId = text(node, EVENT_ID, problems, s -> {
            if (!UUID_FORMAT.matcher(s).matches()) {
                throw new IllegalArgumentException("must be a lower-case UUID");
            }
            return UUID.fromString(s);
        });
        String eventType = text(node, EVENT_TYPE, problems, s -> {
            if (EventTypes.byName(s).isEmpty()) {
                throw new IllegalArgumentException("unknown event type '" + s + "'; known: " + EventTypes.all().keySet());
            }
            return s;
        });
        String revision = text(node, SCHEMA_REVISION, problems, s -> {
            if (!REVISION_FORMAT.matcher(s).matches()) {
                throw new IllegalArgumentException("must be a revision number such as \"1\"");
            }
            return s;
        });
        StudyId studyId = text(node, STUDY_ID, problems, StudyId::new);
        CenterId centerId = text(node, CENTER_ID, problems, CenterId::new);
        SubjectId subjectId = text(node, SUBJECT_ID, problems, SubjectId::new);
        long sequence = -1;
        JsonNode seq = node.get(SEQUENCE);
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
            problems.add(new Problem(SEQUENCE, "must be a non-negative integer"));
        } else {
            sequence = seq.longValue();
        }
        Instant occurredAt = text(node, OCCURRED_AT, problems, EnvelopeCodec::instant);
        Instant recordedAt = text(node, RECORDED_AT, problems, EnvelopeCodec::instant);
        Actor actor = actor(node.get(ACTOR), problems);
        String source = text(node, SOURCE, problems, s -> {
            if (s.isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
            return s;
        });
        String previousHash = text(node, PREVIOUS_HASH, problems, EnvelopeCodec::hash);
        String hash = text(node, HASH, problems, EnvelopeCodec::hash);
        JsonNode payload = node.get(PAYLOAD);
        if (payload == null || !payload.isObject()) {
            problems.add(new Problem(PAYLOAD, "must be a JSON object"));
        }
        String keyId = null;
        String signature = null;
        if (node.has(KEY_ID) || node.has(SIGNATURE)) {
            keyId = text(node, KEY_ID, problems, s -> {
                if (s.isBlank()) {
                    throw new IllegalArgumentException("must not be blank");
                }
                return s;
            });
            signature = text(node, SIGNATURE, problems, s -> {
                if (!SIGNATURE_FORMAT.matcher(s).matches()) {
                    throw new IllegalArgumentException("must be a 64-byte Ed25519 signature in base64url without padding"
                            + " (86 characters)");
                }
                return s;
            });
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new EventEnvelope(eventId, eventType, revision, studyId, centerId, subjectId, sequence, occurredAt,
                recordedAt, actor, source, previousHash, (ObjectNode) payload, hash, keyId, signature);
    }

    /** The typed event inside an envelope; problems are reported under {@code payload.}. */
    public static StudyEvent payloadOf(EventEnvelope envelope) {
        Optional<Class<? extends StudyEvent>> type = EventTypes.byName(envelope.eventType());
        if (type.isEmpty()) {
            throw new ValidationException(new Problem(EVENT_TYPE, "unknown event type '" + envelope.eventType() + "'"));
        }
        String current = EventTypes.revisionOf(type.get());
        if (!current.equals(envelope.schemaRevision())) {
            throw new ValidationException(new Problem(SCHEMA_REVISION, "revision " + envelope.schemaRevision()
                    + " of " + envelope.eventType() + " is not readable here; current revision is " + current));
        }
        StudyEvent event;
        ObjectNode received = envelope.payload();
        try {
            event = MAPPER.treeToValue(received, type.get());
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
            throw new ValidationException(new Problem(path.isEmpty() ? PAYLOAD : PAYLOAD + "." + path,
                    firstLine(rootMessage(e))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ValidationException(new Problem(PAYLOAD, firstLine(rootMessage(e))));
        }
        // The hash covers the payload as received; the typed event must say exactly the same. A value the
        // mapping would coerce (4.5 read as 4, "1971" as 1971, an instant without milliseconds) is refused.
        // Two trees read back from their canonical bytes are equal exactly when those bytes are, so the bytes are
        // compared, and read back only to name the first difference.
        byte[] typed = CanonicalJson.encode(MAPPER.valueToTree(event));
        byte[] asReceived = CanonicalJson.encode(received);
        if (Arrays.equals(typed, asReceived)) {
            return event;
        }
        String difference = firstDifference(readCanonical(asReceived), readCanonical(typed), PAYLOAD);
        if (difference != null) {
            throw new ValidationException(new Problem(difference,
                    "not in the canonical form of " + envelope.eventType() + " revision " + envelope.schemaRevision()
                            + " (the value would change when read, so the hash would not vouch for it)"));
        }
        return event;
    }

    /** The path of the first member where two canonical trees differ, or null when they are equal. */
    private static String firstDifference(JsonNode received, JsonNode typed, String path) {
        if (received.equals(typed)) {
            return null;
        }
        if (received.isObject() && typed.isObject()) {
            java.util.SortedSet<String> names = new java.util.TreeSet<>();
            received.fieldNames().forEachRemaining(names::add);
            typed.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode a = received.get(name);
                JsonNode b = typed.get(name);
                if (a == null || b == null) {
                    return path + "." + name;
                }
                String inner = firstDifference(a, b, path + "." + name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        if (received.isArray() && typed.isArray() && received.size() == typed.size()) {
            for (int i = 0; i < received.size(); i++) {
                String inner = firstDifference(received.get(i), typed.get(i), path + "." + i);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return path;
    }

    private static <T> T text(JsonNode node, String member, List<Problem> problems, Function<String, T> parse) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            problems.add(new Problem(member, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new Problem(member, "must be a string"));
            return null;
        }
        try {
            return parse.apply(value.textValue());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(new Problem(member, e.getMessage()));
            return null;
        }
    }

    private static Actor actor(JsonNode node, List<Problem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem(ACTOR, "must be an object with id and role"));
            return null;
        }
        List<Problem> found = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("id") && !name.equals("role") && !name.equals("name")) {
                found.add(new Problem(ACTOR + "." + name, "unknown actor member"));
            }
        }
        String id = text(node, "id", found, s -> s);
        String role = text(node, "role", found, s -> s);
        String name = node.has("name") && !node.get("name").isNull() ? text(node, "name", found, s -> s) : null;
        if (found.isEmpty()) {
            try {
                return new Actor(id, role, name);
            } catch (IllegalArgumentException e) {
                found.add(new Problem(ACTOR, e.getMessage()));
            }
        }
        found.forEach(p -> problems.add(p.path().startsWith(ACTOR) ? p : p.under(ACTOR)));
        return null;
    }

    private static Instant instant(String s) {
        if (!INSTANT_FORMAT.matcher(s).matches()) {
            throw new IllegalArgumentException("must be a UTC instant with milliseconds, e.g. 2026-01-12T09:30:00.000Z");
        }
        return KernelJson.parseInstant(s);
    }

    private static String hash(String s) {
        if (!EventHashes.isWellFormed(s)) {
            throw new IllegalArgumentException("must be 64 lower-case hex digits (SHA-256)");
        }
        return s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof IllegalArgumentException ? t.getMessage()
                : (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
