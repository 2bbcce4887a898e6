package org.studyledger.infrastructure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.studyledger.infrastructure.kafka.KafkaClients;

@RealInfrastructure
class KafkaHarnessTest {

    @Test
    void roundTripsRecordsThroughPlainClients(TestKafka kafka) throws Exception {
        String topic = kafka.createTopic("visits", 3);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers())) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(topic, "S-00" + (i % 2), "visit-" + i)).get(60, TimeUnit.SECONDS);
            }
        }

        try (KafkaConsumer<String, String> consumer =
                     KafkaClients.consumer(kafka.bootstrapServers(), kafka.groupId("reader"))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = KafkaClients.pollUntil(consumer, 6);

            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("visit-0", "visit-1", "visit-2", "visit-3", "visit-4", "visit-5");
            // Same key, same partition: per-subject order is what the platform relies on.
            assertThat(records).filteredOn(r -> r.key().equals("S-000"))
                    .extracting(ConsumerRecord::partition).containsOnly(partitionOf(records, "S-000"));
        }
    }

    @Test
    void namesAreUniqueToThisClassAndStable(TestKafka kafka) {
        assertThat(kafka.topicPrefix()).startsWith("t-kafkaharnesstest-").endsWith("-");
        assertThat(kafka.topic("visits")).isEqualTo(kafka.topic("visits")).startsWith(kafka.topicPrefix());
        assertThat(kafka.topic("visits")).isNotEqualTo(TestInfrastructure.newKafka("KafkaHarnessTest").topic("visits"));
        assertThat(kafka.topic("a b/c")).isEqualTo(kafka.topicPrefix() + "a-b-c");
    }

    @Test
    void creatingAnExistingTopicAgainIsFineUnlessThePartitionsDiffer(TestKafka kafka) {
        String topic = kafka.createTopic("twice", 2);

        assertThat(kafka.createTopic("twice", 2)).isEqualTo(topic);
        assertThatThrownBy(() -> kafka.createTopic("twice", 4)).hasMessageContaining("2 partitions");
        assertThat(TestInfrastructure.kafka().topics()).contains(topic);
    }

    private static int partitionOf(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().partition();
    }
}
