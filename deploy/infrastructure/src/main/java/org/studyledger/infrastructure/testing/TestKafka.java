package org.studyledger.infrastructure.testing;

import org.studyledger.infrastructure.kafka.KafkaEndpoint;

/**
 * A topic namespace of its own for one test class (or one Spring test context) on the shared Kafka: every topic
 * and consumer group named through it carries a prefix nobody else uses, so records from other tests never show
 * up.
 */
public final class TestKafka {

    private final KafkaEndpoint cluster;
    private final String prefix;

    TestKafka(KafkaEndpoint cluster, String prefix) {
        this.cluster = cluster;
        this.prefix = prefix;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** What every name handed out here starts with. */
    public String topicPrefix() {
        return prefix;
    }

    /** The unique topic name for {@code logicalName}; the same logical name gives the same topic. */
    public String topic(String logicalName) {
        return prefix + UniqueNames.topicPart(logicalName);
    }

    /** Creates {@link #topic(String) topic(logicalName)} (if it does not exist yet) and returns its name. */
    public String createTopic(String logicalName, int partitions) {
        String topic = topic(logicalName);
        cluster.createTopic(topic, partitions);
        return topic;
    }

    /** A consumer group id no other test uses; the same logical name gives the same group. */
    public String groupId(String logicalName) {
        return prefix + UniqueNames.topicPart(logicalName);
    }

    @Override
    public String toString() {
        return "topics " + prefix + "* on " + cluster;
    }
}
