package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * A batch that fails half-way loses and duplicates nothing. Triggers in the database break the consumer's transactions
 * in the middle of writing a batch: one kills the consumer's own connection ({@code pg_terminate_backend}) half-way
 * through the append to the event store, one kills it half-way through the events' hashes (after the batch's events
 * were appended), one raises an error half-way through the assessment index. Each time the whole batch is rolled back
 * and taken again from the same offsets. At the end every event is in the ledger exactly once, in order, with its hash,
 * head and assessment, nothing is quarantined, the committed offsets are the topics' ends, and the consumer is alive.
 * Then the consumer is stopped, its offsets rewound to the beginning (as after a crash before the offsets were
 * committed) and started again: every message is recognised, and nothing changes.
 */
@HubTest
class LedgerBatchCrashTest {
    private static final List<String> CENTERS = List.of("CRA", "CRB", "CRC");

    @Autowired
    HubProperties props;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerConsumer consumer;

    @Test
    void aBatchBrokenHalfWayIsTakenAgainWholeAndOnce() throws Exception {
        LedgerFixtures.Hub hub = new LedgerFixtures.Hub(props, http, jdbc);
        LedgerFixtures.createTopics(props, CENTERS.toArray(String[]::new));
        installCrashes();
        consumer.stop();

        List<Chain> chains = new ArrayList<>();
        Map<String, List<String>> eventIds = new HashMap<>();
        try (LedgerFixtures.Producer producer = new LedgerFixtures.Producer(props)) {
            for (String center : CENTERS) {
                for (int n = 1; n <= 10; n++) {
                    chains.add(new Chain(center + "-%03d".formatted(n)));
                }
            }
            // Subjects interleaved, each one's events in order: ten events each, one enrolment and nine forms.
            for (int step = 0; step < 10; step++) {
                for (Chain chain : chains) {
                    int value = step % 4;
                    EventEnvelope e = step == 0 ? chain.enrol()
                            : chain.madrs(IntStream.range(0, 10).map(i -> value).toArray());
                    eventIds.computeIfAbsent(chain.id(), k -> new ArrayList<>()).add(e.eventId().toString());
                    producer.send(e);
                }
            }
        }
        consumer.start();
        hub.awaitCaughtUp(CENTERS.toArray(String[]::new));

        assertThat(jdbc.queryForObject("SELECT last_value FROM crashes_done", Long.class))
                .as("both connections were killed and the error raised").isEqualTo(3);
        assertExactlyOnce(hub, chains, eventIds);

        // As after a crash between the ledger's commit and the offsets' commit: everything is delivered again.
        consumer.stop();
        try (AdminClient admin = LedgerFixtures.admin(props)) {
            Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
            CENTERS.forEach(c -> rewind.put(new TopicPartition(props.topicOf(c), 0), new OffsetAndMetadata(0)));
            await().atMost(LedgerFixtures.PATIENCE).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets(props.consumerGroup(), rewind).all().get(5, TimeUnit.SECONDS));
        }
        consumer.start();
        hub.awaitCaughtUp(CENTERS.toArray(String[]::new));

        assertExactlyOnce(hub, chains, eventIds);
        assertThat(consumer.liveness().alive()).isTrue();
    }

    /**
     * Row triggers that break the transaction writing a batch, each once: sequences count the rows (a sequence does
     * not roll back, so the count goes on over the retries) and the crashes done.
     */
    private void installCrashes() {
        jdbc.execute("CREATE SEQUENCE events_written");
        jdbc.execute("CREATE SEQUENCE hashes_written");
        jdbc.execute("CREATE SEQUENCE assessments_written");
        jdbc.execute("CREATE SEQUENCE crashes_done");
        jdbc.execute("""
                CREATE FUNCTION crash_in_the_event_store() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('events_written') = 40 THEN
                    PERFORM nextval('crashes_done');
                    PERFORM pg_terminate_backend(pg_backend_pid());
                  END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("""
                CREATE FUNCTION crash_in_the_hashes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('hashes_written') = 120 THEN
                    PERFORM nextval('crashes_done');
                    PERFORM pg_terminate_backend(pg_backend_pid());
                  END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("""
                CREATE FUNCTION fail_in_the_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('assessments_written') = 150 THEN
                    PERFORM nextval('crashes_done');
                    RAISE EXCEPTION 'the disk is full (a failure injected half-way through a batch)';
                  END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER crash_in_the_event_store BEFORE INSERT ON domain_event_entry"
                + " FOR EACH ROW EXECUTE FUNCTION crash_in_the_event_store()");
        jdbc.execute("CREATE TRIGGER crash_in_the_hashes BEFORE INSERT ON ledger_event_hash"
                + " FOR EACH ROW EXECUTE FUNCTION crash_in_the_hashes()");
        jdbc.execute("CREATE TRIGGER fail_in_the_assessments BEFORE INSERT ON ledger_assessment"
                + " FOR EACH ROW EXECUTE FUNCTION fail_in_the_assessments()");
    }

    private void assertExactlyOnce(LedgerFixtures.Hub hub, List<Chain> chains, Map<String, List<String>> eventIds)
            throws Exception {
        for (Chain chain : chains) {
            assertThat(hub.ledgerSequences(chain.id())).as(chain.id()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(hub.ledgerEventIds(chain.id())).as(chain.id()).isEqualTo(eventIds.get(chain.id()));
            assertThat(hub.head(chain.id())).isEqualTo(9L);
            assertThat(hub.headHash(chain.id())).isEqualTo(chain.lastHash());
        }
        assertThat(count("domain_event_entry")).isEqualTo(300);
        assertThat(count("ledger_event_hash")).isEqualTo(300);
        assertThat(count("ledger_assessment")).isEqualTo(270);
        assertThat(count("ledger_head")).isEqualTo(30);
        assertThat(count("quarantine")).as("nothing quarantined: %s", hub.openQuarantine()).isZero();
        try (AdminClient admin = LedgerFixtures.admin(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(props.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (String center : CENTERS) {
                TopicPartition partition = new TopicPartition(props.topicOf(center), 0);
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS)
                        .get(partition).offset();
                assertThat(end).isEqualTo(100);
                assertThat(committed.get(partition).offset()).as("committed offset of %s", partition).isEqualTo(end);
            }
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
