package org.studyledger.center.publication;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.studyledger.kernel.study.CenterTopics;

/**
 * How the center publishes its events to Kafka.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param topic             the center's topic; default {@code studyledger.<study>.<center>.events}
 * @param partitions        partitions when the service creates the topic (subjects are spread by key)
 * @param replicationFactor replication factor when the service creates the topic
 * @param createTopic       create the topic if it does not exist (off where operators manage topics and ACLs)
 * @param sendTimeout       how long one publication may wait for Kafka before it counts as failed and is retried
 * @param producer          further Kafka producer settings (e.g. {@code security.protocol}, SASL, TLS);
 *                          applied after the defaults, so they can tighten but are meant to add
 */
@ConfigurationProperties("studyledger.publication")
public record PublicationProperties(
        String bootstrapServers,
        String topic,
        Integer partitions,
        Short replicationFactor,
        Boolean createTopic,
        Duration sendTimeout,
        Map<String, String> producer) {

    public PublicationProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("studyledger.publication.bootstrap-servers is required");
        }
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        createTopic = createTopic == null || createTopic;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }

    /** The topic name: configured, or the convention {@code studyledger.<study>.<center>.events}. */
    public String topicFor(String studyId, String centerId) {
        return topic != null && !topic.isBlank() ? topic : CenterTopics.of(studyId).topicOf(centerId);
    }
}
