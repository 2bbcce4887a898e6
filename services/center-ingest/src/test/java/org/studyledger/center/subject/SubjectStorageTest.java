package org.studyledger.center.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.center.CenterIngestTest;

/**
 * The center's event storage leaves out only the queries whose answer it knows. The center takes no snapshots, so by
 * default it does not ask the database for one before each load of a subject, and refuses to store one it would never
 * read; with snapshots on, a stored snapshot is read back. A subject its transaction found to have no event has none
 * until the transaction appends one, and a subject found with events is read from the database.
 */
@CenterIngestTest
class SubjectStorageTest {
    private static final String SUBJECT = "PAV-990";

    @Autowired
    EventStorageEngine storage;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SubjectPreload preload;

    @Test
    void snapshotsAreReadOnlyWhenTheyAreOn() {
        assertThat(storage).isInstanceOf(SubjectStorage.class);
        SubjectStorage off = (SubjectStorage) storage;
        SubjectStorage on = off.withSnapshots(true);
        GenericDomainEventMessage<String> snapshot = new GenericDomainEventMessage<>("Subject", SUBJECT, 3, "state");

        transactions.executeWithoutResult(tx -> {
            assertThatThrownBy(() -> off.storeSnapshot(snapshot)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("studyledger.center.snapshots.enabled");
            assertThat(count()).isZero();

            on.storeSnapshot(snapshot);
            assertThat(count()).isEqualTo(1);
            assertThat(on.readSnapshot(SUBJECT)).hasValueSatisfying(read -> {
                assertThat(read.getSequenceNumber()).isEqualTo(3);
                assertThat(read.getPayload()).isEqualTo("state");
            });
            assertThat(off.readSnapshot(SUBJECT)).as("snapshots off: not read").isEmpty();
            assertThat(off.withSnapshots(false).readSnapshot(SUBJECT)).isEmpty();
            tx.setRollbackOnly();
        });
        assertThat(count()).isZero();
    }

    @Test
    void aSubjectFoundWithoutEventsHasNoneUntilOneIsAppended() {
        String stored = "PAV-991";
        String unstored = "PAV-992";
        transactions.executeWithoutResult(tx -> {
            storage.appendEvents(List.of(event(stored, 0)));
            preload.of(List.of(stored, unstored, "not a subject"));

            assertThat(storage.readEvents(stored).asStream()).hasSize(1);
            assertThat(storage.lastSequenceNumberFor(stored)).hasValue(0L);
            assertThat(storage.readEvents(unstored).asStream()).isEmpty();
            assertThat(storage.lastSequenceNumberFor(unstored)).isEmpty();

            storage.appendEvents(List.of(event(unstored, 0), event(unstored, 1)));
            assertThat(storage.readEvents(unstored).asStream()).extracting(DomainEventMessage::getSequenceNumber)
                    .containsExactly(0L, 1L);
            assertThat(storage.readEvents(unstored, 1).asStream()).hasSize(1);
            assertThat(storage.lastSequenceNumberFor(unstored)).hasValue(1L);
            tx.setRollbackOnly();
        });
        // Another transaction reads the database: the first one's knowledge went with it.
        transactions.executeWithoutResult(tx -> assertThat(storage.readEvents(unstored).asStream()).isEmpty());
    }

    private static GenericDomainEventMessage<String> event(String subject, long sequence) {
        return new GenericDomainEventMessage<>("Subject", subject, sequence, "event " + sequence);
    }

    private int count() {
        return jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Integer.class, SUBJECT);
    }
}
