package org.studyledger.hub;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.studyledger.kernel.study.CenterTopics;

/**
 * The hub's study and its Kafka intake.
 *
 * @param studyId          the study whose centers' topics the hub consumes, e.g. {@code ESK-TRD}
 * @param protocolVersion  protocol definition events are verified against
 * @param zone             the study's time zone: clinical dates (ADT, study days) are its local dates
 * @param bootstrapServers Kafka bootstrap servers
 * @param topicPrefix      first part of every center topic's name, {@code studyledger} by convention
 * @param consumerGroup    the ledger consumer's group; hub instances share it, so partitions are spread
 * @param pollTimeout      how long one poll waits for records
 * @param consumer         further Kafka consumer settings (security and the like)
 */
@ConfigurationProperties("studyledger.hub")
public record HubProperties(
        String studyId,
        String protocolVersion,
        ZoneId zone,
        String bootstrapServers,
        String topicPrefix,
        String consumerGroup,
        Duration pollTimeout,
        Map<String, String> consumer) {

    public HubProperties {
        studyId = studyId == null ? "ESK-TRD" : studyId;
        protocolVersion = protocolVersion == null ? "1" : protocolVersion;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("studyledger.hub.bootstrap-servers is required");
        }
        topicPrefix = topicPrefix == null ? CenterTopics.DEFAULT_PREFIX : topicPrefix;
        consumerGroup = consumerGroup == null ? defaultConsumerGroup(studyId) : consumerGroup;
        pollTimeout = pollTimeout == null ? Duration.ofMillis(500) : pollTimeout;
        consumer = consumer == null ? Map.of() : Map.copyOf(consumer);
    }

    /** The ledger consumer's group when none is configured: what a deployment grants the hub's principal. */
    public static String defaultConsumerGroup(String studyId) {
        return "studyledger-hub-" + studyId;
    }

    /** The study's topic names ({@link CenterTopics}: the one rule the centers publish by). */
    public CenterTopics topics() {
        return new CenterTopics(topicPrefix, studyId);
    }

    /** Every center's topic of this study: {@code studyledger.<study>.<CENTER>.events}. */
    public Pattern topicPattern() {
        return topics().pattern();
    }

    public String topicOf(String centerId) {
        return topics().topicOf(centerId);
    }

    /** The center a topic belongs to, by the naming convention; null for a topic outside it. */
    public String centerOfTopic(String topic) {
        return topics().centerOf(topic);
    }
}
