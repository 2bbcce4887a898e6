package org.studyledger.infrastructure.kafka;

/** A Kafka cluster someone else runs, given by its bootstrap servers. */
public final class ExternalKafka implements KafkaEndpoint {

    private final String bootstrapServers;

    public ExternalKafka(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("No bootstrap servers given");
        }
        this.bootstrapServers = bootstrapServers.trim();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String toString() {
        return "external Kafka at " + bootstrapServers;
    }
}
