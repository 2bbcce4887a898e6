package org.studyledger.center.subject;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.FilteringEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The center's event storage: Axon's, less the queries whose answer is already known.
 * <ul>
 *   <li><b>Snapshots</b> ({@link SnapshotProperties}). Axon's event store asks for a subject's snapshot before every
 *   load of its events, whether or not anything ever takes one. With snapshots off this storage answers "none" without
 *   asking the database, and refuses to store one, so that no snapshot it would not read can be written; with
 *   snapshots on, every call goes to the database as Axon's storage makes it.</li>
 *   <li><b>Subjects with no event</b> ({@link UnstoredSubjects}): the events of a subject the current transaction
 *   already found to have none are none, until the transaction appends one.</li>
 * </ul>
 * Everything else (appending, reading events, the stream the outbox reads) is the underlying storage's.
 */
final class SubjectStorage extends FilteringEventStorageEngine {
    private final EventStorageEngine storage;
    private final boolean snapshots;
    private final UnstoredSubjects unstored;

    SubjectStorage(EventStorageEngine storage, boolean snapshots, UnstoredSubjects unstored) {
        super(storage, event -> true);
        this.storage = storage;
        this.snapshots = snapshots;
        this.unstored = unstored;
    }

    /** The same storage with snapshots on or off (a test compares both on one database). */
    SubjectStorage withSnapshots(boolean on) {
        return new SubjectStorage(storage, on, unstored);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return snapshots ? super.readSnapshot(aggregateIdentifier) : Optional.empty();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        if (!snapshots) {
            throw new IllegalStateException("snapshots are off (studyledger.center.snapshots.enabled): a snapshot of "
                    + snapshot.getAggregateIdentifier() + " would never be read");
        }
        super.storeSnapshot(snapshot);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        events.forEach(e -> {
            if (e instanceof DomainEventMessage<?> domain) {
                unstored.stored(domain.getAggregateIdentifier());
            }
        });
        super.appendEvents(events);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return unstored.isUnstored(aggregateIdentifier) ? DomainEventStream.empty() : super.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return unstored.isUnstored(aggregateIdentifier) ? DomainEventStream.empty()
                : super.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return unstored.isUnstored(aggregateIdentifier) ? Optional.empty() : super.lastSequenceNumberFor(aggregateIdentifier);
    }
}
