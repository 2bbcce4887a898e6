package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;

/**
 * Reads a center's topic the way any consumer would (a plain Kafka consumer, no project code but the
 * kernel's decoder) and checks what a hub relies on: per-subject order, an intact hash chain, and that
 * a re-delivered event is byte-identical to its first delivery.
 */
public final class TopicReader {
    private TopicReader() {
    }

    /** Polls the whole topic until at least {@code distinctEvents} distinct events have arrived. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int distinctEvents) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().map(r -> EnvelopeCodec.decode(r.value()).eventId()).distinct().count()
                        >= distinctEvents;
            });
            // Anything still in flight (a duplicate, say) arrives within a few more polls.
            for (int i = 0; i < 3; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Asserts the published stream is complete and consistent and returns each subject's events in
     * order (duplicates removed).
     */
    public static Map<String, List<EventEnvelope>> verifiedStreams(List<ConsumerRecord<String, byte[]>> records) {
        Map<UUID, byte[]> firstDelivery = new LinkedHashMap<>();
        Map<String, List<EventEnvelope>> bySubject = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope envelope = EnvelopeCodec.decode(record.value());
            assertThat(record.key()).as("record key").isEqualTo(envelope.subjectId().value());
            assertThat(envelope.hashIsValid()).as("hash of %s", envelope.eventId()).isTrue();
            byte[] earlier = firstDelivery.putIfAbsent(envelope.eventId(), record.value());
            if (earlier != null) {
                assertThat(Arrays.equals(earlier, record.value()))
                        .as("re-delivered %s has the same bytes", envelope.eventId()).isTrue();
                continue;
            }
            bySubject.computeIfAbsent(envelope.subjectId().value(), s -> new ArrayList<>()).add(envelope);
        }
        bySubject.forEach((subject, events) -> {
            String previous = EventHashes.GENESIS;
            for (int i = 0; i < events.size(); i++) {
                EventEnvelope e = events.get(i);
                assertThat(e.sequence()).as("%s event %d arrives in order", subject, i).isEqualTo(i);
                assertThat(e.previousHash()).as("%s #%d chains", subject, i).isEqualTo(previous);
                previous = e.hash();
            }
        });
        return bySubject;
    }

    public static long distinct(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EnvelopeCodec.decode(r.value()).eventId()).distinct().count();
    }
}
