package org.studyledger.infrastructure.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A running Kafka cluster that clients can reach. Whether it is in this JVM, external or in a container is the
 * implementation's business; callers only ever see bootstrap servers.
 */
public interface KafkaEndpoint {

    /** {@code host:port[,host:port...]} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** A fresh mutable map holding {@code bootstrap.servers}, to which a client adds its own settings. */
    default Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** A new admin client; the caller closes it. */
    default Admin admin() {
        return Admin.create(clientProperties());
    }

    /**
     * Creates {@code name} with the cluster's default replication factor. Creating a topic that already exists
     * with the same partition count is not an error, so start-up code can call this every time; a different
     * partition count is, because silently keeping it would break key-to-partition ordering assumptions.
     */
    default void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            try {
                await(admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
                        .all());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + name + " on " + this, e.getCause());
                }
                TopicDescription existing = describe(admin, name);
                if (existing.partitions().size() != partitions) {
                    throw new IllegalStateException("Topic " + name + " exists with " + existing.partitions().size()
                            + " partitions, not " + partitions);
                }
            }
        }
    }

    /** Deletes {@code name}; a topic that does not exist is left as it is. */
    default void deleteTopic(String name) {
        try (Admin admin = admin()) {
            await(admin.deleteTopics(List.of(name)).all());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("Could not delete topic " + name + " on " + this, e.getCause());
            }
        }
    }

    /** Names of the topics that exist now, internal ones excluded. */
    default Set<String> topics() {
        try (Admin admin = admin()) {
            return await(admin.listTopics().names());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not list topics on " + this, e.getCause());
        }
    }

    private TopicDescription describe(Admin admin, String name) {
        try {
            return await(admin.describeTopics(List.of(name)).allTopicNames()).get(name);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe topic " + name + " on " + this, e.getCause());
        }
    }

    /** Bounded, so that a dead broker fails the caller instead of hanging it. */
    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        long timeoutSeconds = 60;
        try {
            return future.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeoutSeconds + " s", e);
        }
    }
}
