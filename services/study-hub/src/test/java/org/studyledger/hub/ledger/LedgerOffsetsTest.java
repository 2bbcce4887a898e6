package org.studyledger.hub.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * Offsets are committed once the ledger has taken every message (appended, recognised or quarantined), and a
 * consumer that starts again from older offsets (as after a crash between the ledger's commit and the offset
 * commit) changes nothing: the ledger's unique keys and the quarantine's (topic, partition, offset) key make the
 * re-delivery harmless.
 */
@HubTest
class LedgerOffsetsTest {
    @Autowired
    HubProperties props;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerConsumer consumer;

    @Test
    void committedOffsetsReachTheEndAndARestartFromTheBeginningChangesNothing() throws Exception {
        LedgerFixtures.Hub hub = new LedgerFixtures.Hub(props, http, jdbc);
        Chain a = new Chain("OFA-001");
        Chain b = new Chain("OFB-001");
        Chain c = new Chain("OFB-002");
        try (LedgerFixtures.Producer producer = new LedgerFixtures.Producer(props)) {
            producer.send(a.enrol());
            producer.send(a.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
            producer.send(a.get(1)); // duplicate
            producer.send("OFA", "OFA-001", "{".getBytes(UTF_8)); // malformed
            producer.send(b.enrol());
            ObjectNode altered = LedgerFixtures.tree(b.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
            ((ObjectNode) altered.path(EnvelopeCodec.PAYLOAD)).put("rater", "rater-666");
            producer.send("OFB", "OFB-001", LedgerFixtures.resign(altered)); // hash mismatch
            producer.send(b.get(1));
            producer.send(c.enrol());
            producer.send(c.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
            producer.send(c.madrs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        TopicPartition ofa = new TopicPartition(props.topicOf("OFA"), 0);
        TopicPartition ofb = new TopicPartition(props.topicOf("OFB"), 0);

        hub.awaitCaughtUp("OFA", "OFB");

        try (AdminClient admin = LedgerFixtures.admin(props)) {
            assertThat(committed(admin, ofa, ofb)).isEqualTo(ends(admin, ofa, ofb)).isEqualTo(Map.of(ofa, 4L, ofb, 6L));
        }
        long events = count("domain_event_entry");
        long hashes = count("ledger_event_hash");
        long quarantined = count("quarantine");
        assertThat(events).isEqualTo(2 + 2 + 3);
        assertThat(hashes).isEqualTo(events);
        assertThat(quarantined).isEqualTo(2);

        // Stop, rewind the group to the beginning of both topics, publish one more event, start again.
        consumer.stop();
        assertThat(consumer.isRunning()).isFalse();
        try (AdminClient admin = LedgerFixtures.admin(props)) {
            Map<TopicPartition, OffsetAndMetadata> rewind = Map.of(ofa, new OffsetAndMetadata(0), ofb, new OffsetAndMetadata(0));
            // Accepted once the stopped consumer has left the group.
            await().atMost(LedgerFixtures.PATIENCE).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets(props.consumerGroup(), rewind).all().get(5, TimeUnit.SECONDS));
            assertThat(committed(admin, ofa, ofb)).isEqualTo(Map.of(ofa, 0L, ofb, 0L));
        }
        EventEnvelope later = a.madrs(1, 2, 1, 2, 1, 2, 1, 2, 1, 2);
        try (LedgerFixtures.Producer producer = new LedgerFixtures.Producer(props)) {
            producer.send(later);
        }
        assertThat(hub.ledgerSequences("OFA-001")).containsExactly(0L, 1L);

        consumer.start();
        hub.awaitCaughtUp("OFA", "OFB");

        assertThat(hub.ledgerSequences("OFA-001")).containsExactly(0L, 1L, 2L);
        assertThat(hub.ledgerSequences("OFB-001")).containsExactly(0L, 1L);
        assertThat(hub.ledgerSequences("OFB-002")).containsExactly(0L, 1L, 2L);
        assertThat(count("domain_event_entry")).isEqualTo(events + 1);
        assertThat(count("ledger_event_hash")).isEqualTo(hashes + 1);
        assertThat(count("quarantine")).as("re-delivered quarantined messages are not stored twice").isEqualTo(quarantined);
        try (AdminClient admin = LedgerFixtures.admin(props)) {
            assertThat(committed(admin, ofa, ofb)).isEqualTo(ends(admin, ofa, ofb)).isEqualTo(Map.of(ofa, 5L, ofb, 6L));
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private Map<TopicPartition, Long> committed(AdminClient admin, TopicPartition... partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(props.consumerGroup())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata o = all.get(p);
            offsets.put(p, o == null ? null : o.offset());
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> ends(AdminClient admin, TopicPartition... partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition p : List.of(partitions)) {
            request.put(p, OffsetSpec.latest());
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }
}
