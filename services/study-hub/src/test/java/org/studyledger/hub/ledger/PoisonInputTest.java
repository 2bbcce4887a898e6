package org.studyledger.hub.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.studyledger.hub.ledger.LedgerFixtures.tree;
import static org.studyledger.hub.ledger.LedgerFixtures.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.WireLimits;

/**
 * Messages built to break the reader rather than the ledger, produced to a running hub's center topics: each ends in
 * exactly one quarantine row with its reason, the valid event after it in the same partition gets into the ledger
 * within seconds, and the consumer's thread stays alive. Among them the three messages that once stalled a partition
 * for good (a lone surrogate escape, an exponent beyond an int) or killed the consumer (an exponent whose plain form
 * does not fit in memory), sent under the center's real key id with a signature that is not the center's.
 */
@HubTest
class PoisonInputTest extends LedgerInputTest {
    private static final String[] CENTERS = {"POI", "CAN", "LIM", "FUZ"};
    private static final Duration SECONDS = Duration.ofSeconds(20);

    @BeforeAll
    static void topics(@Autowired HubProperties props) throws Exception {
        LedgerFixtures.createTopics(props, CENTERS);
    }

    @Test
    void theThreeMessagesThatStalledAPartitionAreQuarantinedAndTheNextEventGetsIn() {
        Chain a = new Chain("POI-001");
        producer.send(a.enrol());
        EventEnvelope next = a.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        List<byte[]> poison = List.of(
                Mutations.withPayloadMember(tree(next), "\"zz\":\"\\ud800\""),
                Mutations.withPayloadMember(tree(next), "\"zz\":1e2147483647"),
                Mutations.withPayloadMember(tree(next), "\"zz\":1e999999999"));
        assertThat(new String(poison.get(0), UTF_8)).contains("\"key_id\":\"" + next.keyId() + "\"");
        List<RecordMetadata> at = poison.stream().map(bytes -> producer.send("POI", "POI-001", bytes)).toList();
        producer.send(next);

        await().atMost(SECONDS).untilAsserted(() -> assertThat(hub.ledgerSequences("POI-001")).containsExactly(0L, 1L));
        hub.awaitCaughtUp("POI");

        for (int i = 0; i < poison.size(); i++) {
            JsonNode row = hub.quarantined(at.get(i));
            assertThat(row).as("row of poison message %d", i).isNotNull();
            assertThat(text(row, "reason_code")).as(text(row, "reason")).isEqualTo("NOT_CANONICAL");
            assertThat(text(row, "subject_id")).isEqualTo("POI-001");
            assertThat(row.path("sequence").asLong()).isEqualTo(1L);
            assertThat(text(row, "event_id")).isEqualTo(next.eventId().toString());
            assertThat(hub.raw(at.get(i))).isEqualTo(poison.get(i));
        }
        assertThat(hub.quarantineOnTopics("POI")).hasSize(3);
        assertConsumerAlive();
    }

    @Test
    void everyOtherSpellingOfAnEnvelopeIsQuarantinedAsNotCanonical() {
        Chain a = new Chain("CAN-001");
        producer.send(a.enrol());
        EventEnvelope next = a.madrs(4, 3, 4, 3, 4, 3, 4, 3, 4, 3);
        String w = new String(wire(next), UTF_8);
        String actor = "\"actor\":{\"id\":\"rater-017\",\"role\":\"rater\"},";
        assertThat(w).startsWith("{" + actor);
        List<byte[]> spellings = List.of(
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, wire(next)),
                w.getBytes(StandardCharsets.UTF_16BE),
                ("{" + actor + actor + w.substring(1 + actor.length())).getBytes(UTF_8),
                w.replaceFirst(",", ", ").getBytes(UTF_8),
                ("{" + w.substring(1 + actor.length(), w.length() - 1) + "," + actor.substring(0, actor.length() - 1) + "}")
                        .getBytes(UTF_8),
                w.replace("\"MADRS\"", "\"M\\u0041DRS\"").getBytes(UTF_8),
                w.replaceFirst("\"MADRS_TOTAL\":([0-9]+)", "\"MADRS_TOTAL\":$1.0").getBytes(UTF_8),
                w.replaceFirst("\"MADRS_TOTAL\":([0-9]+)", "\"MADRS_TOTAL\":$1e0").getBytes(UTF_8));
        spellings.forEach(bytes -> assertThat(bytes).isNotEqualTo(wire(next)));
        List<RecordMetadata> at = spellings.stream().map(bytes -> producer.send("CAN", "CAN-001", bytes)).toList();
        producer.send(next);

        await().atMost(SECONDS).untilAsserted(() -> assertThat(hub.ledgerSequences("CAN-001")).containsExactly(0L, 1L));
        hub.awaitCaughtUp("CAN");

        for (int i = 0; i < spellings.size(); i++) {
            JsonNode row = hub.quarantined(at.get(i));
            assertThat(text(row, "reason_code")).as("spelling %d: %s", i, text(row, "reason")).isEqualTo("NOT_CANONICAL");
            assertThat(hub.raw(at.get(i))).isEqualTo(spellings.get(i));
        }
        assertThat(hub.quarantineOnTopics("CAN")).hasSize(spellings.size());
        // What the ledger holds is byte for byte what the center published.
        assertThat(hub.ledgerEventIds("CAN-001").get(1)).isEqualTo(next.eventId().toString());
    }

    @Test
    void limitsAKeyThatIsNotUtf8AndTheSchemaAreEnforced() {
        Chain a = new Chain("LIM-001");
        producer.send(a.enrol());
        EventEnvelope next = a.madrs(1, 2, 1, 2, 1, 2, 1, 2, 1, 2);
        ObjectNode big = tree(next);
        big.put("colour", "x".repeat(WireLimits.DEFAULT_MAX_MESSAGE_BYTES));
        ObjectNode deep = tree(next);
        ObjectNode nested = (ObjectNode) deep.get("payload");
        for (int i = 0; i < WireLimits.DEFAULT_MAX_DEPTH; i++) {
            nested = nested.putObject("n");
        }
        ObjectNode source = tree(next);
        source.put("source", "ftp://elsewhere");
        RecordMetadata bigAt = producer.send("LIM", "LIM-001", LedgerFixtures.encode(big));
        RecordMetadata deepAt = producer.send("LIM", "LIM-001", LedgerFixtures.encode(deep));
        RecordMetadata sourceAt = producer.send("LIM", "LIM-001", LedgerFixtures.reseal(source));
        byte[] latin1Key = "LIM-\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        RecordMetadata keyAt = producer.sendWithKey("LIM", latin1Key, wire(next));
        producer.send(next);

        await().atMost(SECONDS).untilAsserted(() -> assertThat(hub.ledgerSequences("LIM-001")).containsExactly(0L, 1L));
        hub.awaitCaughtUp("LIM");

        JsonNode bigRow = hub.quarantined(bigAt);
        assertThat(text(bigRow, "reason_code")).isEqualTo("LIMIT_EXCEEDED");
        assertThat(text(bigRow, "reason")).contains(WireLimits.MAX_MESSAGE_BYTES).contains("" + WireLimits.DEFAULT_MAX_MESSAGE_BYTES);
        JsonNode deepRow = hub.quarantined(deepAt);
        assertThat(text(deepRow, "reason_code")).isEqualTo("LIMIT_EXCEEDED");
        assertThat(text(deepRow, "reason")).contains(WireLimits.MAX_DEPTH).contains("nesting depth " + (WireLimits.DEFAULT_MAX_DEPTH + 1));
        JsonNode sourceRow = hub.quarantined(sourceAt);
        assertThat(text(sourceRow, "reason_code")).as("a source outside the schema's pattern").isEqualTo("MALFORMED");
        assertThat(text(sourceRow, "reason")).contains("source:");
        JsonNode keyRow = hub.quarantined(keyAt);
        assertThat(text(keyRow, "reason_code")).isEqualTo("WRONG_KEY");
        assertThat(jdbc.queryForObject("SELECT record_key_hex FROM quarantine WHERE topic = ? AND kafka_offset = ?",
                String.class, keyAt.topic(), keyAt.offset())).isEqualTo("4c494d2de9");
        assertThat(hub.quarantineOnTopics("LIM")).hasSize(4);
        assertConsumerAlive();
    }

    /**
     * A few hundred damaged copies of valid signed events through Kafka: every one ends in the quarantine (none is
     * lost, none stalls the partition), and a valid event sent after them is in the ledger within seconds.
     */
    @Test
    void aShortFuzzRunThroughKafkaEndsEveryMessageInTheLedgerOrTheQuarantine() {
        Random random = new Random(20_260_112L);
        List<Chain> chains = List.of(new Chain("FUZ-001"), new Chain("FUZ-002"), new Chain("FUZ-003"));
        List<EventEnvelope> valid = new ArrayList<>();
        for (Chain c : chains) {
            valid.add(c.enrol());
            valid.add(c.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
            valid.add(c.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        }
        valid.forEach(producer::send);
        int damaged = 300;
        for (int i = 0; i < damaged; i++) {
            EventEnvelope base = valid.get(random.nextInt(valid.size()));
            producer.send("FUZ", base.subjectId().value(), Mutations.mutate(wire(base), random));
        }
        EventEnvelope last = chains.get(0).madrs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Instant sent = Instant.now();
        producer.send(last);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(hub.ledgerSequences("FUZ-001")).containsExactly(0L, 1L, 2L, 3L));
        hub.awaitCaughtUp("FUZ");

        assertThat(hub.quarantineOnTopics("FUZ")).as("every damaged message is quarantined").hasSize(damaged);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE 'FUZ-%'",
                Long.class)).isEqualTo(valid.size() + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM quarantine WHERE topic = ? AND reason_code = 'UNVERIFIABLE'",
                Long.class, props.topicOf("FUZ"))).as("no check failed unexpectedly").isZero();
        assertConsumerAlive();
        assertThat(Instant.parse(text(hub.status().path("consumer"), "last_poll_at"))).isAfter(sent);
    }

    private void assertConsumerAlive() {
        JsonNode consumer = hub.status().path("consumer");
        assertThat(consumer.path("alive").asBoolean()).as("consumer %s", consumer).isTrue();
        assertThat(text(consumer, "last_poll_at")).isNotNull();
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.path(member);
        return value.isTextual() ? value.textValue() : null;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
