package org.studyledger.center.publication;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * Sends envelopes to the center's topic: key = subject id (one subject's events stay in one partition,
 * in order), value = the envelope's canonical JSON, a few headers for routing without parsing. The
 * producer is idempotent with {@code acks=all}; the publication processor sends a batch of events and then awaits
 * every acknowledgement, so a failure surfaces to it, and it keeps its position and retries.
 */
public class KafkaPublisher implements AutoCloseable {
    public static final String CONTENT_TYPE = "application/vnd.studyledger.envelope.v1+json";
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final String topic;
    private final PublicationProperties properties;
    private final KafkaProducer<String, byte[]> producer;
    private volatile boolean topicReady;

    public KafkaPublisher(PublicationProperties properties, String topic, String clientId) {
        this.properties = properties;
        this.topic = topic;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight: the events of a batch still travel together (the producer gathers what was sent
        // while a request is out into the next one), and a send the broker refused (a partition of a topic just
        // created whose leader is not ready yet) is repeated before anything after it is sent. With several in
        // flight, the later ones are refused as out of sequence until the batch times out and is sent again.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        int timeout = (int) properties.sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        config.putAll(properties.producer());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public String topic() {
        return topic;
    }

    /** Publishes one envelope and waits for the broker's acknowledgement. */
    public RecordMetadata publish(EventEnvelope envelope) {
        return await(envelope, send(envelope));
    }

    /**
     * Hands one envelope to the producer without waiting; {@link #await} waits for the broker's acknowledgement. The
     * producer keeps the order of the sends to one partition, also when it retries (it is idempotent), so several
     * sends may be in flight at once and a subject's events still arrive in order.
     */
    public Future<RecordMetadata> send(EventEnvelope envelope) {
        ensureTopic();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, envelope.subjectId().value(),
                EnvelopeCodec.encode(envelope), List.of(
                        header("content-type", CONTENT_TYPE),
                        header(EnvelopeCodec.EVENT_ID, envelope.eventId().toString()),
                        header(EnvelopeCodec.EVENT_TYPE, envelope.eventType()),
                        header(EnvelopeCodec.SCHEMA_REVISION, envelope.schemaRevision())));
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            throw new PublicationFailed("could not publish " + envelope.subjectId() + " #" + envelope.sequence()
                    + " to " + topic + ": " + e, e);
        }
    }

    /** Waits for the acknowledgement of a {@link #send}; a failure is a {@link PublicationFailed}. */
    public RecordMetadata await(EventEnvelope envelope, Future<RecordMetadata> sent) {
        try {
            return sent.get(properties.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationFailed("interrupted while publishing " + envelope.eventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublicationFailed("could not publish " + envelope.subjectId() + " #" + envelope.sequence()
                    + " to " + topic + ": " + cause, cause);
        }
    }

    /**
     * Creates the topic on first use when configured to. Not at start-up: a center must start and accept
     * data while Kafka is unreachable.
     */
    private void ensureTopic() {
        if (topicReady || !properties.createTopic()) {
            return;
        }
        int timeout = (int) properties.sendTimeout().toMillis();
        try (AdminClient admin = AdminClient.create(adminConfig(timeout))) {
            Set<String> existing = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, properties.partitions(), properties.replicationFactor())))
                        .all().get(timeout, TimeUnit.MILLISECONDS);
                log.info("created topic {} ({} partitions)", topic, properties.partitions());
            }
            awaitLeaders(admin, timeout);
            topicReady = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                topicReady = true;
                return;
            }
            throw new PublicationFailed("could not create topic " + topic + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationFailed("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new PublicationFailed("Kafka did not answer within " + properties.sendTimeout() + " at "
                    + properties.bootstrapServers(), e);
        }
    }

    /**
     * The producer's connection settings that an admin client understands too ({@code security.protocol}, SASL,
     * TLS), so that creating the topic authenticates as the center, as publishing does.
     */
    private Map<String, Object> adminConfig(int timeout) {
        Map<String, Object> config = new HashMap<>();
        properties.producer().forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(name)) {
                config.put(name, value);
            }
        });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        return config;
    }

    /**
     * Waits until every partition of the topic has a leader. A batch sent to a topic just created could otherwise meet
     * a partition without one; the producer then retries its first send while the later ones are refused as out of
     * sequence, until the whole batch times out and is sent again, twice over.
     */
    private void awaitLeaders(AdminClient admin, int timeout) throws ExecutionException, InterruptedException,
            TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        while (true) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS).get(topic);
            if (description != null && description.partitions().stream().allMatch(p -> p.leader() != null
                    && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no leader for every partition of " + topic);
            }
            Thread.sleep(50);
        }
    }

    private static RecordHeader header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    /** A publication did not reach Kafka; the event stays pending and is retried. */
    public static class PublicationFailed extends RuntimeException {
        public PublicationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
