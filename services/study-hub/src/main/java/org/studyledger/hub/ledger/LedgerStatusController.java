package org.studyledger.hub.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.HubProperties;

/**
 * {@code GET /api/v1/ledger/status}: per center, events in the ledger, subjects, last ledger position,
 * consumer lag on its topic and open quarantine count; and whether the ledger consumer's thread is alive and when it
 * last polled.
 */
@RestController
public class LedgerStatusController {
    private final JdbcTemplate jdbc;
    private final HubProperties hub;
    /** Absent where the hub runs without a consumer (a read-only hub over a copied ledger, say): then not alive. */
    private final ObjectProvider<LedgerConsumer> consumer;

    LedgerStatusController(JdbcTemplate jdbc, HubProperties hub, ObjectProvider<LedgerConsumer> consumer) {
        this.jdbc = jdbc;
        this.hub = hub;
        this.consumer = consumer;
    }

    public record CenterStatus(String centerId, String topic, long events, long subjects, Long lastPosition,
                               Long consumerLag, long quarantined) {
    }

    public record LedgerStatus(String studyId, long events, Long lastPosition, long quarantined, String lagError,
                               List<CenterStatus> centers, LedgerConsumer.Liveness consumer) {
    }

    @GetMapping("/api/v1/ledger/status")
    public LedgerStatus status() {
        Map<String, long[]> byCenter = new TreeMap<>();
        jdbc.query("SELECT center_id, sum(last_sequence + 1), count(*), max(last_global_index) FROM ledger_head GROUP BY center_id",
                rs -> {
                    byCenter.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), 0});
                });
        jdbc.query("SELECT coalesce(center_id, '?'), count(*) FROM quarantine WHERE status = 'QUARANTINED' GROUP BY 1",
                rs -> {
                    byCenter.computeIfAbsent(rs.getString(1), c -> new long[] {0, 0, -1, 0})[3] = rs.getLong(2);
                });
        Map<String, Long> lag = new HashMap<>();
        String lagError = null;
        try {
            lag.putAll(consumerLag());
        } catch (Exception e) {
            lagError = "consumer lag unavailable: " + e.getMessage();
        }
        for (String center : lag.keySet()) {
            byCenter.computeIfAbsent(center, c -> new long[] {0, 0, -1, 0});
        }
        List<CenterStatus> centers = new ArrayList<>();
        long events = 0;
        long quarantined = 0;
        Long last = null;
        for (Map.Entry<String, long[]> e : byCenter.entrySet()) {
            long[] v = e.getValue();
            Long position = v[2] > 0 ? v[2] : null;
            centers.add(new CenterStatus(e.getKey(), "?".equals(e.getKey()) ? null : hub.topicOf(e.getKey()), v[0], v[1],
                    position, lag.get(e.getKey()), v[3]));
            events += v[0];
            quarantined += v[3];
            if (position != null && (last == null || position > last)) {
                last = position;
            }
        }
        return new LedgerStatus(hub.studyId(), events, last, quarantined, lagError, centers,
                consumer.stream().findFirst().map(LedgerConsumer::liveness).orElse(new LedgerConsumer.Liveness(false, null)));
    }

    /** Per center: end offsets of its topic minus what the ledger consumer group has committed. */
    private Map<String, Long> consumerLag() throws Exception {
        Map<String, Object> config = new HashMap<>(hub.consumer());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        try (AdminClient admin = AdminClient.create(config)) {
            List<String> topics = admin.listTopics().names().get(3, TimeUnit.SECONDS).stream()
                    .filter(t -> hub.topicPattern().matcher(t).matches()).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(3, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(request).all().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(hub.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            Map<String, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long behind = end.offset() - (done == null ? 0 : done.offset());
                lag.merge(hub.centerOfTopic(partition.topic()), Math.max(0, behind), Long::sum);
            });
            return lag;
        }
    }
}
