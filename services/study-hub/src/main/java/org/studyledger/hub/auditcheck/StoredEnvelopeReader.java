package org.studyledger.hub.auditcheck;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Map;
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
 * most of an export's time. A reader per payload type is made once.
 */
@Component
public class StoredEnvelopeReader {
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

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

    /** A stored event's typed payload, its envelope header and the metadata they were read from. */
    public record Decoded(EnvelopeHeader header, StudyEvent event, Map<String, ?> metadata) {
    }

    /** The row cannot be turned back into an envelope; the message says why. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    Rebuilt read(StoredEvent row) throws Unreadable {
        Decoded decoded = decode(row.payloadType(), row.payloadRevision(), row.payload(), row.metaData());
        EnvelopeHeader header = decoded.header();
        StudyEvent event = decoded.event();
        Map<String, ?> metadata = decoded.metadata();
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

    /** Deserializes a stored payload and its metadata into the typed event and its envelope header. */
    public Decoded decode(String payloadType, String payloadRevision, byte[] payload, byte[] metaData) throws Unreadable {
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
        Map<String, ?> metadata = metadataOf(metaData);
        return new Decoded(headerOf(metadata), event, metadata);
    }

    /**
     * The envelope header of a stored event from its metadata alone, as {@link #decode} reads it, without reading the
     * payload: for readers that need only who, where and when.
     */
    public EnvelopeHeader header(byte[] metaData) throws Unreadable {
        return headerOf(metadataOf(metaData));
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
