package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.projection.Cohort;

/**
 * Processors reading the same stored events (a rebuild's four) get them decoded once: a second read of the ledger hands
 * the payloads and metadata the first read decoded, with its own tracking tokens. A stored event whose bytes changed
 * in between is decoded anew.
 */
@HubTest
class LedgerStorageEngineTest {
    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EventStorageEngine ledger;

    @Test
    void aSecondReadOfTheSameStoredEventsReusesTheirDecodingAndAChangedEventIsDecodedAnew() {
        new Cohort().feed(intake, hub);
        List<? extends TrackedEventMessage<?>> first = readAll();
        first.forEach(TrackedEventMessage::getPayload);
        List<? extends TrackedEventMessage<?>> second = readAll();

        assertThat(second).hasSameSizeAs(first).hasSizeGreaterThanOrEqualTo(Cohort.EVENTS);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).getPayload()).isSameAs(first.get(i).getPayload());
            assertThat(second.get(i).getMetaData()).isSameAs(first.get(i).getMetaData());
            assertThat(second.get(i).trackingToken()).isNotSameAs(first.get(i).trackingToken())
                    .isEqualTo(first.get(i).trackingToken());
            assertThat(second.get(i).getTimestamp()).isEqualTo(first.get(i).getTimestamp());
        }

        long position = first.get(0).trackingToken().position().orElseThrow();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.execute("SET LOCAL session_replication_role = replica"); // the ledger's append-only trigger off
            assertThat(jdbc.update("UPDATE domain_event_entry SET payload = payload || convert_to(' ', 'UTF8')"
                    + " WHERE global_index = ?", position)).isEqualTo(1);
        });
        List<? extends TrackedEventMessage<?>> third = readAll();
        assertThat(third.get(0).getPayload()).isNotSameAs(first.get(0).getPayload()).isEqualTo(first.get(0).getPayload());
        assertThat(third.get(1).getPayload()).isSameAs(first.get(1).getPayload());
    }

    private List<? extends TrackedEventMessage<?>> readAll() {
        try (Stream<? extends TrackedEventMessage<?>> events = ledger.readEvents(null, false)) {
            return events.toList();
        }
    }
}
