package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.center.CenterInfrastructure;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyRing;

/**
 * The service stops in the middle of publishing (its producer fails after a fixed number of sends, so
 * where it stops is certain) and a new instance on the same database and key directory resumes from the
 * stored token: every event arrives, in order, signed with the one key, and any event sent twice is byte-identical.
 */
class PublicationRestartTest {

    /**
     * Lets {@link #allowed} sends through, then makes every send fail: a deterministic crash point. (Kafka
     * ignores exceptions thrown by interceptors, so the record is redirected to a topic name the broker
     * must refuse.)
     */
    public static class FailAfter implements ProducerInterceptor<String, byte[]> {
        static final AtomicInteger allowed = new AtomicInteger(Integer.MAX_VALUE);

        @Override
        public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
            if (allowed.getAndDecrement() <= 0) {
                return new ProducerRecord<>("refused: not a valid topic name", record.key(), record.value());
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

    @Test
    void aRestartedServiceResumesWhereItStoppedWithoutLossOrDifferentDuplicates() {
        TestDatabase db = TestInfrastructure.newDatabase("restart");
        TestKafka kafka = TestInfrastructure.newKafka("restart");
        String topic = kafka.topic("events");
        Path keyDirectory = CenterInfrastructure.newKeyDirectory();
        Map<String, Object> properties = new HashMap<>(CenterInfrastructure.properties(db, kafka.bootstrapServers(), topic, "PAV",
                keyDirectory));
        properties.put("server.port", "0");
        properties.put("studyledger.publication.send-timeout", "2s");

        FailAfter.allowed.set(7);
        Map<String, Object> first = new HashMap<>(properties);
        first.put("studyledger.publication.producer.interceptor.classes", FailAfter.class.getName());
        int total;
        try (ConfigurableApplicationContext instance = start(first)) {
            List<RecordedEvent> recorded = new Cohort(instance.getBean(CommandGateway.class)).record("PAV", 1, 4, 4);
            total = recorded.size();
            PublicationProgress progress = instance.getBean(PublicationProgress.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.lastError() != null);
            assertThat(progress.snapshot().published()).as("stopped mid-publication").isEqualTo(7);
        }

        FailAfter.allowed.set(Integer.MAX_VALUE);
        try (ConfigurableApplicationContext instance = start(properties)) {
            PublicationProgress progress = instance.getBean(PublicationProgress.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.snapshot().published() == total);
        }

        var records = TopicReader.readAll(kafka.bootstrapServers(), topic, total);
        var streams = TopicReader.verifiedStreams(records);
        assertThat(streams.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
        assertThat(TopicReader.distinct(records)).isEqualTo(total);
        // The restarted instance found the key the first one generated, and signed with it.
        KeyRing keys = KeyFiles.readRing(keyDirectory);
        assertThat(keys.size()).isEqualTo(1);
        streams.values().stream().flatMap(List::stream).forEach(e ->
                assertThat(EnvelopeSignatures.check(e, keys).reason()).as("check of %s", e.eventId()).isEmpty());
    }

    /** Starts an instance as an operator would: the same application, settings on the command line. */
    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return CenterIngestApplication.application().run(args);
    }
}
