package org.studyledger.hub.auditcheck;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Turns a stored row back into its envelope the way {@code StoredEnvelopes} does (typed payload + header
 * metadata, sealed with the kernel, carrying the center's signature the metadata keeps), but reports instead of
 * throwing: the result carries both the hash stated in the metadata and the hash the rebuilt envelope recomputes to.
 *
 * <p>The stored payload and metadata are read with the kernel's JSON mapping straight from the table's bytes: the
 * mapping Axon's event serializer is configured with ({@code EventStoreConfiguration}), so the same records and values,
 * without the serializer's per-event work (a class lookup by name, a new reader, Axon's metadata wrapper), which was
 * most of an export's time. A reader per payload type is made once. Where only the header is wanted (the export), the
 * metadata is read as a stream, keeping only the members the header is made of, each value's text as the whole
 * reading gives it, instead of building the map of every member.
 */
@Component
public class StoredEnvelopeReader {
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    /** The metadata members {@link EnvelopeHeader#fromMetadata} reads. */
    private static final Set<String> HEADER_MEMBERS = Set.of(EnvelopeCodec.EVENT_ID, EnvelopeCodec.STUDY_ID,
            EnvelopeCodec.CENTER_ID, EnvelopeCodec.SUBJECT_ID, EnvelopeCodec.SEQUENCE, EnvelopeCodec.OCCURRED_AT,
            EnvelopeCodec.RECORDED_AT, EnvelopeHeader.ACTOR_ID, EnvelopeHeader.ACTOR_ROLE, EnvelopeHeader.ACTOR_NAME,
            EnvelopeCodec.SOURCE, EnvelopeCodec.PREVIOUS_HASH);

    private final ObjectReader metadataReader = KernelJson.mapper().readerFor(METADATA);
    /** The reader of each stored payload type (a class name), or null for a type that is no study event. */
    private final Map<String, ObjectReader> payloadReaders = new ConcurrentHashMap<>();

    StoredEnvelopeReader() {
    }

    /**
     * A stored event rebuilt.
     *
     * @param header     the envelope header read from the metadata
     * @param event      the typed payload
     * @param stated     the hash the metadata states (what the event was accepted with)
     * @param recomputed the hash of the envelope rebuilt from header and payload
     * @param envelope   the rebuilt envelope carrying the stated hash and the stored signature: what the event says
     *                   it is, and for an untampered event exactly what its center sent
     * @param signatureProblem why the stored signature cannot be attached (the metadata holds only half of it), in
     *                   which case {@code envelope} is unsigned; null otherwise
     */
    record Rebuilt(EnvelopeHeader header, StudyEvent event, String stated, String recomputed, EventEnvelope envelope,
                   String signatureProblem) {
    }

    /** A stored event's typed payload and its envelope header. */
    public record Decoded(EnvelopeHeader header, StudyEvent event) {
    }

    /** The row cannot be turned back into an envelope; the message says why. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    Rebuilt read(StoredEvent row) throws Unreadable {
        StudyEvent event = payload(row.payloadType(), row.payload());
        Map<String, ?> metadata = metadataOf(row.metaData());
        EnvelopeHeader header = headerOf(metadata);
        Object stated = metadata.get(EnvelopeCodec.HASH);
        if (stated == null) {
            throw new Unreadable("the metadata states no hash");
        }
        EventEnvelope sealed;
        try {
            sealed = EnvelopeCodec.seal(header, event);
        } catch (RuntimeException e) {
            throw new Unreadable("no envelope can be sealed from the stored event: " + firstLine(e));
        }
        EventEnvelope asStated = sealed.withHash(stated.toString());
        try {
            return new Rebuilt(header, event, stated.toString(), sealed.hash(),
                    EnvelopeHeader.withSignatureOf(asStated, metadata), null);
        } catch (ValidationException e) {
            // Half a signature is no signature; the event itself can still be read, verified and exported.
            return new Rebuilt(header, event, stated.toString(), sealed.hash(), asStated,
                    e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
    }

    /**
     * Reads a stored payload and its metadata into the typed event and its envelope header ({@code payloadRevision} is
     * not needed: no stored revision is read differently).
     */
    public Decoded decode(String payloadType, String payloadRevision, byte[] payload, byte[] metaData) throws Unreadable {
        StudyEvent event = payload(payloadType, payload);
        return new Decoded(header(metaData), event);
    }

    /**
     * The envelope header of a stored event from its metadata alone, as {@link #decode} reads it, without reading the
     * payload: for readers that need only who, where and when.
     */
    public EnvelopeHeader header(byte[] metaData) throws Unreadable {
        return headerOf(headerMembers(metaData));
    }

    private StudyEvent payload(String payloadType, byte[] payload) throws Unreadable {
        ObjectReader reader = payloadReader(payloadType);
        StudyEvent event;
        try {
            event = reader.readValue(payload);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("the payload (" + payloadType + ") cannot be read: " + firstLine(e));
        }
        if (event == null) {
            throw new Unreadable("the payload is not a study event: " + payloadType);
        }
        return event;
    }

    private ObjectReader payloadReader(String payloadType) throws Unreadable {
        if (payloadType == null) {
            throw new Unreadable("the payload has no type");
        }
        ObjectReader reader = payloadReaders.get(payloadType);
        if (reader == null) {
            Class<?> type;
            try {
                type = Class.forName(payloadType, false, StudyEvent.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Axon's serializer read an unknown type as an unknown object: not an event either
                throw new Unreadable("the payload is not a study event: " + payloadType);
            }
            if (!StudyEvent.class.isAssignableFrom(type)) {
                throw new Unreadable("the payload is not a study event: " + payloadType);
            }
            reader = KernelJson.mapper().readerFor(type);
            payloadReaders.put(payloadType, reader);
        }
        return reader;
    }

    private Map<String, ?> metadataOf(byte[] metaData) throws Unreadable {
        if (metaData == null) {
            throw new Unreadable("the event has no metadata, so no envelope header");
        }
        try {
            Map<String, ?> metadata = metadataReader.readValue(metaData);
            if (metadata == null) {
                throw new Unreadable("the metadata cannot be read: it is null");
            }
            return metadata;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("the metadata cannot be read: " + firstLine(e));
        }
    }

    /**
     * The header's members of the metadata, each scalar as the text the whole map's value has ({@code toString} of
     * what the kernel's mapping reads: a string, an integer, a decimal, a boolean; null when null); the rest of the
     * metadata is read past, not kept. Metadata that is not an object, or a header member that is not a scalar, is
     * left to the whole reading, so its problem is reported in the same words.
     */
    private Map<String, ?> headerMembers(byte[] metaData) throws Unreadable {
        if (metaData == null) {
            return metadataOf(null);
        }
        Map<String, String> members = new HashMap<>();
        try (JsonParser p = KernelJson.mapper().getFactory().createParser(metaData)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return metadataOf(metaData);
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!HEADER_MEMBERS.contains(name)) {
                    p.skipChildren();
                    continue;
                }
                switch (value) {
                    case VALUE_STRING -> members.put(name, p.getText());
                    case VALUE_NUMBER_INT -> members.put(name, p.getNumberValue().toString());
                    case VALUE_NUMBER_FLOAT -> members.put(name, p.getDecimalValue().toString());
                    case VALUE_TRUE, VALUE_FALSE -> members.put(name, p.getText());
                    case VALUE_NULL -> members.put(name, null);
                    default -> {
                        return metadataOf(metaData);
                    }
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return metadataOf(metaData);
            }
        } catch (IOException | RuntimeException e) {
            return metadataOf(metaData); // malformed: the whole reading says how
        }
        return members;
    }

    private static EnvelopeHeader headerOf(Map<String, ?> metadata) throws Unreadable {
        try {
            return EnvelopeHeader.fromMetadata(metadata);
        } catch (ValidationException e) {
            throw new Unreadable("the envelope header in the metadata is incomplete: "
                    + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            throw new Unreadable("the envelope header in the metadata is malformed: " + firstLine(e));
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
