package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.projection.Cohort;

/**
 * The store the projections read the ledger through learns of a committed append from the intake, not from its fetch
 * delay (here a minute, six times longer than any wait below: the ledger's last append seen in time was seen because
 * the intake said so), and calls its streams back when the events are there.
 */
@HubTest
@TestPropertySource(properties = "studyledger.hub.ledger-stream.fetch-delay=1m")
class LedgerEventStoreTest {
    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerEventStore store;

    @Test
    void whatTheLedgerCommitsReachesTheStreamsAndTheProjectionsWithoutWaitingForTheFetchDelay() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        try (TrackingEventStream stream = store.openStream(store.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(called::countDown)).as("the stream calls back").isTrue();
            new Cohort().feed(intake, hub);
            await().atMost(Duration.ofSeconds(10)).until(() -> called.getCount() == 0);
            assertThat(stream.hasNextAvailable()).as("the stream has what it called back for").isTrue();
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        for (String table : new String[] {"audit_trail", "timeline_event"}) {
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE position = ?", Integer.class, head) == 1);
        }
    }
}
