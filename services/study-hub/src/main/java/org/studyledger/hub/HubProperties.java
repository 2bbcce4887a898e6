package org.studyledger.hub;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
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
@Validated
public record HubProperties(
        @NotBlank @DefaultValue("ESK-TRD") String studyId,
        @NotBlank @DefaultValue("1") String protocolVersion,
        @NotNull @DefaultValue("UTC") ZoneId zone,
        @NotBlank String bootstrapServers,
        @NotBlank @DefaultValue(CenterTopics.DEFAULT_PREFIX) String topicPrefix,
        String consumerGroup,
        @NotNull @DefaultValue("500ms") Duration pollTimeout,
        @NotNull @DefaultValue Map<String, String> consumer) {

    public HubProperties {
        // derived from another property, which @DefaultValue cannot express
        consumerGroup = consumerGroup == null ? defaultConsumerGroup(studyId) : consumerGroup;
        consumer = consumer == null ? null : Map.copyOf(consumer);
    }

    @AssertTrue(message = "must be positive")
    public boolean isPollTimeoutPositive() {
        return pollTimeout == null || (!pollTimeout.isNegative() && !pollTimeout.isZero());
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
