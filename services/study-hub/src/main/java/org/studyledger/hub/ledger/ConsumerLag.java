package org.studyledger.hub.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.studyledger.hub.HubProperties;

/**
 * How far the ledger's consumer group is behind each center's topic, asked of Kafka with one admin client kept for as
 * long as the hub runs. A client made per question connects and authenticates anew (SASL/SCRAM: thousands of HMAC
 * rounds at the client, a round trip more at the broker) and registers its metrics each time: a status page polled
 * every second, or a benchmark polling every 100 ms, paid that continually, beside the ledger it was watching. A
 * client whose question failed is closed and made again for the next one, so a broker that moved or restarted is not
 * asked through a broken client forever.
 */
@Component
class ConsumerLag implements DisposableBean {
    private static final long TIMEOUT_MS = 3_000;

    private final HubProperties hub;
    private final AtomicInteger clientsMade = new AtomicInteger();
    /** Guarded by this. */
    private AdminClient admin;

    ConsumerLag(HubProperties hub) {
        this.hub = hub;
    }

    /** Per center: end offsets of its topic minus what the ledger consumer group has committed. */
    synchronized Map<String, Long> byCenter() throws Exception {
        AdminClient client = client();
        try {
            List<String> topics = client.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
                    .filter(t -> hub.topicPattern().matcher(t).matches()).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            client.describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            var ends = client.listOffsets(request).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(hub.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<String, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long behind = end.offset() - (done == null ? 0 : done.offset());
                lag.merge(hub.centerOfTopic(partition.topic()), Math.max(0, behind), Long::sum);
            });
            return lag;
        } catch (Exception e) {
            discard();
            throw e;
        }
    }

    /** How many admin clients were made so far: one, unless a question failed. */
    int clientsMade() {
        return clientsMade.get();
    }

    private AdminClient client() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(hub.consumer());
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, hub.consumerGroup() + "-lag");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            admin = AdminClient.create(config);
            clientsMade.incrementAndGet();
        }
        return admin;
    }

    private void discard() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
            admin = null;
        }
    }

    @Override
    public synchronized void destroy() {
        discard();
    }
}
