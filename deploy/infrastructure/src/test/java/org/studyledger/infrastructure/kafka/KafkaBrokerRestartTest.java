package org.studyledger.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outage scenario later tests rely on: the broker goes away and comes back at the same address with the same
 * data, and clients that lived through it carry on. Uses a broker of its own, so the shared one is undisturbed.
 */
class KafkaBrokerRestartTest {

    @Test
    void recordsSurviveARestartAndAProducerReconnects() throws Exception {
        KafkaBroker broker = KafkaBroker.builder().autoCreateTopics(false).build().start();
        Path dataDirectory = broker.dataDirectory();
        try (broker; KafkaProducer<String, String> producer = KafkaClients.producer(broker.bootstrapServers())) {
            String bootstrapBefore = broker.bootstrapServers();
            broker.createTopic("visits", 2);
            send(producer, "before", 5);

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(dataDirectory).isDirectory();
            broker.start();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrapBefore);
            assertThat(broker.topics()).contains("visits");
            // The same producer instance: it has to find the broker again by itself.
            send(producer, "after", 5);

            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(bootstrapBefore, "restart-reader")) {
                consumer.subscribe(List.of("visits"));
                List<String> values = KafkaClients.pollUntil(consumer, 10).stream().map(ConsumerRecord::value).toList();
                assertThat(values).containsExactlyInAnyOrder(
                        "before-0", "before-1", "before-2", "before-3", "before-4",
                        "after-0", "after-1", "after-2", "after-3", "after-4");
            }
        }
        assertThat(broker.isRunning()).isFalse();
        assertThat(Files.exists(dataDirectory)).as("throw-away data directory deleted on close").isFalse();
    }

    /** The local platform's case: a later run (a new instance, other free ports) on the kept data directory. */
    @Test
    void aNewBrokerOnAKeptDataDirectoryFindsTheEarlierRecords(@TempDir Path workDirectory) throws Exception {
        Path dataDirectory = workDirectory.resolve("kafka");
        try (KafkaBroker first = KafkaBroker.builder().dataDirectory(dataDirectory).build().start();
             KafkaProducer<String, String> producer = KafkaClients.producer(first.bootstrapServers())) {
            first.createTopic("visits", 1);
            send(producer, "kept", 1);
        }
        assertThat(dataDirectory).isDirectory();

        try (KafkaBroker second = KafkaBroker.builder().dataDirectory(dataDirectory).build().start();
             KafkaConsumer<String, String> consumer = KafkaClients.consumer(second.bootstrapServers(), "later-run")) {
            consumer.subscribe(List.of("visits"));
            assertThat(KafkaClients.pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("kept-0");
        }
    }

    private static void send(KafkaProducer<String, String> producer, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>("visits", "subject-" + i, prefix + "-" + i)).get(60, TimeUnit.SECONDS);
        }
    }
}
