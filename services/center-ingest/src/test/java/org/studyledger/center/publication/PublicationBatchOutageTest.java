package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.studyledger.center.CenterInfrastructure;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.infrastructure.kafka.KafkaBroker;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * Kafka goes away in the middle of a batch: the outbox has handed part of a backlog to the producer (some of it
 * acknowledged) when the broker stops. The batch fails as a whole, its token stays before it; what Kafka acknowledged
 * counts as published, the rest does not. When the broker returns the whole batch is published again: every event
 * reaches the topic at least once, each subject's events in order (a re-sent event is the same bytes, after the
 * events before it), and the published count is every event once. Uses a broker of its own, which a producer
 * interceptor stops when the backlog's 40th event is sent.
 */
@SpringBootTest(properties = "spring.config.name=" + CenterIngestApplication.CONFIG_NAME)
@ContextConfiguration(initializers = PublicationBatchOutageTest.OwnBroker.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PublicationBatchOutageTest {
    static final KafkaBroker broker = KafkaBroker.builder().build().start();
    static final String TOPIC = "studyledger.ESK-TRD.PAV.events";
    /** Sends counted by {@link StopTheBroker}; it stops the broker at {@link #STOP_AT} while it is armed. */
    static final AtomicInteger sends = new AtomicInteger();
    static volatile boolean armed;
    static final int STOP_AT = 40;

    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>(CenterInfrastructure.properties(
                    TestInfrastructure.newDatabase("batch-outage"), broker.bootstrapServers(), TOPIC, "PAV",
                    CenterInfrastructure.newKeyDirectory()));
            properties.put("studyledger.publication.send-timeout", "2s");
            properties.put("studyledger.publication.producer.interceptor.classes", StopTheBroker.class.getName());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("batch-outage", properties));
        }
    }

    /** Counts the producer's sends and, armed, stops the broker at the chosen one before letting it through. */
    public static class StopTheBroker implements ProducerInterceptor<String, byte[]> {
        @Override
        public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
            if (armed && sends.incrementAndGet() == STOP_AT) {
                armed = false;
                // Stopped before this send returns, so the rest of the batch cannot be acknowledged first.
                broker.stop();
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    PublicationProgress progress;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aBatchCutOffByAnOutageIsPublishedAgainWholeAndInOrder() {
        Cohort cohort = new Cohort(commands);
        List<RecordedEvent> first = cohort.record("PAV", 1, 1, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> progress.snapshot().published() == first.size());

        // A backlog the outbox takes as one batch: twenty subjects, four events each.
        EventProcessor outbox = processing.eventProcessor(PublicationProcessor.PROCESSING_GROUP).orElseThrow();
        outbox.shutDown();
        List<RecordedEvent> backlog = cohort.record("PAV", 2, 20, 3);
        assertThat(backlog).hasSize(80);
        sends.set(0);
        armed = true;
        outbox.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(progress.lastError()).as("the failure is reported").isNotNull();
            assertThat(sends.get()).isGreaterThanOrEqualTo(STOP_AT);
        });
        int total = first.size() + backlog.size();
        // What Kafka acknowledged before the broker was gone (it takes a moment to stop), not the rest.
        assertThat(progress.snapshot().published()).as("published at the outage").isBetween((long) first.size(),
                (long) total - 1);

        broker.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> progress.snapshot().published() == total);
        assertThat(progress.stored()).isEqualTo(total);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(broker.bootstrapServers(), TOPIC, total);
        var streams = TopicReader.verifiedStreams(records);
        assertThat(streams.values().stream().mapToInt(List::size).sum()).as("every event at least once").isEqualTo(total);
        for (RecordedEvent e : backlog) {
            assertThat(streams.get(e.subjectId()).get((int) e.sequence()).eventId()).isEqualTo(e.eventId());
        }
        // Each partition in order: after a re-sent event come its subject's next events, never an earlier one.
        Map<String, Long> lastSequence = new HashMap<>();
        Map<String, Integer> deliveries = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope envelope = EnvelopeCodec.decode(record.value());
            deliveries.merge(envelope.eventId().toString(), 1, Integer::sum);
            Long last = lastSequence.put(envelope.subjectId().value(), envelope.sequence());
            boolean firstDelivery = deliveries.get(envelope.eventId().toString()) == 1;
            if (firstDelivery && last != null) {
                assertThat(envelope.sequence()).as("first delivery of %s after #%d", envelope.eventId(), last)
                        .isLessThanOrEqualTo(last + 1);
            }
        }
        // Every event counted once as published, however often it was sent: nothing pending, nothing beyond.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> progress.snapshot().published() == total);
    }
}
