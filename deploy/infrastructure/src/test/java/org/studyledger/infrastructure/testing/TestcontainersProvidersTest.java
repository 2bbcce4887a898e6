package org.studyledger.infrastructure.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.studyledger.infrastructure.kafka.KafkaClients;
import org.studyledger.infrastructure.kafka.TestcontainersKafka;
import org.studyledger.infrastructure.postgres.TestcontainersPostgres;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The Docker path, whatever the JVM-wide choice is. Skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersProvidersTest {

    @Test
    void postgresContainerServesFreshDatabases() throws SQLException {
        try (TestcontainersPostgres server = TestcontainersPostgres.start()) {
            server.createDatabase("t_containers");
            try (Connection connection = server.connect("t_containers");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("t_containers");
                assertThat(rows.getInt(2)).isBetween(170000, 179999);
            }
            server.dropDatabase("t_containers");
            assertThat(server.databaseExists("t_containers")).isFalse();
        }
    }

    @Test
    void kafkaContainerRoundTripsRecords() throws Exception {
        try (TestcontainersKafka kafka = TestcontainersKafka.start()) {
            kafka.createTopic("visits", 2);
            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>("visits", "S-001", "visit-1")).get(60, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(kafka.bootstrapServers(), "reader")) {
                consumer.subscribe(List.of("visits"));
                assertThat(KafkaClients.pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("visit-1");
            }
        }
    }
}
