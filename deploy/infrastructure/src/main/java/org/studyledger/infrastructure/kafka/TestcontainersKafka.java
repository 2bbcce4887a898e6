package org.studyledger.infrastructure.kafka;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka in a Docker container (KRaft, single node). The image's version matches the kafka-clients on our
 * classpath, so tests see the same broker behaviour as with {@link KafkaBroker}.
 */
public final class TestcontainersKafka implements KafkaEndpoint, AutoCloseable {

    public static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;
    private final String bootstrapServers;

    private TestcontainersKafka(KafkaContainer container) {
        this.container = container;
        this.bootstrapServers = container.getBootstrapServers();
    }

    /** Pulls (if needed) and starts the container; requires a Docker engine. */
    @SuppressWarnings("resource") // closed in close()
    public static TestcontainersKafka start() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        try {
            container.start();
            return new TestcontainersKafka(container);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "Testcontainers Kafka " + IMAGE + " at " + bootstrapServers;
    }
}
