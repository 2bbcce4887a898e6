package org.studyledger.hub.ledger;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, with one change to how the processors read the ledger behind its head: an event that
 * several of them read (a rebuild replays all four projections over the same events) is decoded once, not once per
 * processor.
 *
 * <p>Axon's store shares what it reads only among processors that keep up with the newest events; each processor that
 * is behind (all four during a rebuild) reads the ledger with a stream of its own, and Axon's serializer decoded every
 * event's payload and metadata again in each of them: a fifth of a rebuild's time. Events are read exactly as Axon
 * reads them (the same query, the same upcaster chain, the same lazily decoding messages); then an event is looked up
 * by its ledger position in a bounded table of the events read last. If that position holds the same stored event (the
 * same identifier, payload type and revision, and byte for byte the same payload and metadata, as they come out of the
 * upcasters), the message handed on takes its payload and metadata from the one read first, so whichever processor
 * needs them first decodes them and the others reuse that; its tracking token, type, aggregate, sequence number and
 * timestamp are its own row's. Otherwise the event is decoded on its own and takes the position's place. The same
 * bytes decode to the same objects, so every handler sees exactly what it saw before; an event altered in the database
 * is different bytes and is decoded anew.
 *
 * <p>The table holds at most {@code decodedEvents} events (one slot per position modulo its size), so its memory does
 * not grow with the ledger: a processor more than that many events ahead of another simply decodes for itself.
 */
public class LedgerStorageEngine extends JdbcEventStorageEngine {
    private final AtomicReferenceArray<Read> lastRead;
    private final Serializer serializer;

    LedgerStorageEngine(Builder builder, int decodedEvents) {
        super(builder);
        this.lastRead = new AtomicReferenceArray<>(decodedEvents);
        this.serializer = getEventSerializer();
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return super.readEvents(trackingToken, mayBlock).map(this::shared);
    }

    private TrackedEventMessage<?> shared(TrackedEventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || message.trackingToken() == null) {
            return message;
        }
        OptionalLong position = message.trackingToken().position();
        if (position.isEmpty()) {
            return message;
        }
        Read read = new Read(position.getAsLong(), domain, message.serializePayload(serializer, byte[].class),
                message.serializeMetaData(serializer, byte[].class));
        int slot = (int) Math.floorMod(read.position, (long) lastRead.length());
        Read earlier = lastRead.get(slot);
        if (earlier == null || !earlier.sameStoredEvent(read)) {
            lastRead.set(slot, read);
            return message;
        }
        return sharing(message, domain, earlier.message);
    }

    private static <T> TrackedEventMessage<T> sharing(TrackedEventMessage<?> message, DomainEventMessage<?> domain,
                                                      DomainEventMessage<T> decoded) {
        return new GenericTrackedDomainEventMessage<>(message.trackingToken(), domain.getType(),
                domain.getAggregateIdentifier(), domain.getSequenceNumber(), decoded, message::getTimestamp);
    }

    /** An event as read at a ledger position, with the stored bytes its payload and metadata are decoded from. */
    private record Read(long position, DomainEventMessage<?> message, SerializedObject<byte[]> payload,
                        SerializedObject<byte[]> metaData) {

        boolean sameStoredEvent(Read other) {
            return position == other.position
                    && message.getIdentifier().equals(other.message.getIdentifier())
                    && Objects.equals(payload.getType(), other.payload.getType())
                    && Objects.equals(metaData.getType(), other.metaData.getType())
                    && Arrays.equals(payload.getData(), other.payload.getData())
                    && Arrays.equals(metaData.getData(), other.metaData.getData());
        }
    }
}
