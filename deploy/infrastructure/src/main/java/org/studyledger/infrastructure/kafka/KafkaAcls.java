package org.studyledger.infrastructure.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The permissions StudyLedger's clients need on a cluster with an authorizer, and nothing more: the one place
 * they are spelled, for the local platform, the tests and (as {@code kafka-acls.sh} commands) docs/deployment.md.
 *
 * <p>An idempotent producer needs no cluster permission since Kafka 3.0 (KIP-679): {@code WRITE} on a topic lets it
 * obtain its producer id.
 */
public final class KafkaAcls {

    private KafkaAcls() {
    }

    /**
     * A center: {@code WRITE} and {@code DESCRIBE} on its own topic (literal), and {@code CREATE} on it when the
     * center creates the topic itself ({@code studyledger.publication.create-topic}, default on).
     */
    public static List<AclBinding> center(String principal, String topic, boolean mayCreateTopic) {
        ResourcePattern own = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
        List<AclBinding> bindings = new ArrayList<>(List.of(allow(own, principal, AclOperation.WRITE),
                allow(own, principal, AclOperation.DESCRIBE)));
        if (mayCreateTopic) {
            bindings.add(allow(own, principal, AclOperation.CREATE));
        }
        return bindings;
    }

    /**
     * The hub: {@code READ} and {@code DESCRIBE} on every topic starting with {@code studyTopicPrefix} (prefixed; the
     * study's {@code studyledger.<study>.}), and {@code READ} on its consumer group (literal).
     */
    public static List<AclBinding> hub(String principal, String studyTopicPrefix, String consumerGroup) {
        ResourcePattern topics = new ResourcePattern(ResourceType.TOPIC, studyTopicPrefix, PatternType.PREFIXED);
        ResourcePattern group = new ResourcePattern(ResourceType.GROUP, consumerGroup, PatternType.LITERAL);
        return List.of(allow(topics, principal, AclOperation.READ), allow(topics, principal, AclOperation.DESCRIBE),
                allow(group, principal, AclOperation.READ));
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
