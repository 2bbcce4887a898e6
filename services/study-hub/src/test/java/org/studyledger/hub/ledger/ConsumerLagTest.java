package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;

@HubTest
class ConsumerLagTest {
    @Autowired
    HubProperties hub;
    @Autowired
    ConsumerLag lag;

    @Test
    void answersEveryQuestionWithTheSameAdminClientAndMakesANewOneOnlyAfterItWasClosed() throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", hub.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(hub.topicOf("ROM"), "ROM-900",
                    "not an envelope".getBytes(StandardCharsets.UTF_8))).get();
        }
        int before = lag.clientsMade();

        // The ledger consumer takes the message (into the quarantine) and commits: the lag on ROM's topic reaches 0.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lag.byCenter()).containsEntry("ROM", 0L));
        lag.byCenter();
        lag.byCenter();
        assertThat(lag.clientsMade()).isEqualTo(Math.max(before, 1));

        lag.destroy();
        assertThat(lag.byCenter()).containsEntry("ROM", 0L);
        assertThat(lag.clientsMade()).isEqualTo(Math.max(before, 1) + 1);
    }
}
