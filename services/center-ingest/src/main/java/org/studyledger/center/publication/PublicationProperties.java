package org.studyledger.center.publication;

import java.time.Duration;
import java.util.Map;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
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
@Validated
public record PublicationProperties(
        @NotBlank String bootstrapServers,
        String topic,
        @NotNull @Positive @DefaultValue("3") Integer partitions,
        @NotNull @Positive @DefaultValue("1") Short replicationFactor,
        @NotNull @DefaultValue("true") Boolean createTopic,
        @NotNull @DefaultValue("10s") Duration sendTimeout,
        @NotNull @DefaultValue Map<String, String> producer) {

    public PublicationProperties {
        producer = producer == null ? null : Map.copyOf(producer);
    }

    @AssertTrue(message = "must be positive")
    public boolean isSendTimeoutPositive() {
        return sendTimeout == null || (!sendTimeout.isNegative() && !sendTimeout.isZero());
    }

    /** The topic name: configured, or the convention {@code studyledger.<study>.<center>.events}. */
    public String topicFor(String studyId, String centerId) {
        return topic != null && !topic.isBlank() ? topic : CenterTopics.of(studyId).topicOf(centerId);
    }
}
