package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.kernel.envelope.EventEnvelope;

/** Every stored event reaches the center's topic exactly once, in per-subject order, with a chain that verifies. */
@CenterIngestTest
class PublicationTest {
    @Autowired
    CommandGateway commands;
    @Autowired
    TestRestTemplate http;
    @Autowired
    KafkaPublisher publisher;
    @Value("${studyledger.publication.bootstrap-servers}")
    String bootstrap;

    @Test
    void everyEventArrivesOnceInOrderWithAVerifiableChain() {
        List<RecordedEvent> recorded = new Cohort(commands).record("PAV", 1, 6, 4);
        recorded.add(new Cohort(commands).adverseEvent("PAV-003", "Dizziness"));

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, publisher.topic(), recorded.size());
        Map<String, List<EventEnvelope>> streams = TopicReader.verifiedStreams(records);

        assertThat(records).as("no duplicates in a run without failures").hasSize(recorded.size());
        assertThat(streams).hasSize(6);
        assertThat(streams.get("PAV-003")).hasSize(6);
        assertThat(streams.values().stream().flatMap(List::stream).map(e -> e.hash()))
                .containsExactlyInAnyOrderElementsOf(recorded.stream().map(RecordedEvent::hash).toList());
        ConsumerRecord<String, byte[]> first = records.get(0);
        assertThat(new String(first.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo(KafkaPublisher.CONTENT_TYPE);
        assertThat(new String(first.headers().lastHeader("event_type").value(), StandardCharsets.UTF_8))
                .isIn("SubjectEnrolled", "DoseAdministered");
    }

    @Test
    void theStatusEndpointCountsStoredPublishedAndPending() {
        List<RecordedEvent> recorded = new Cohort(commands).record("PAV", 20, 2, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = http.getForObject("/api/v1/publication", Map.class);
            assertThat(status.get("topic")).isEqualTo(publisher.topic());
            assertThat(((Number) status.get("pending")).longValue()).isZero();
            assertThat(((Number) status.get("published")).longValue()).isEqualTo(((Number) status.get("stored")).longValue());
            assertThat(((Number) status.get("stored")).longValue()).isGreaterThanOrEqualTo(recorded.size());
            assertThat(status.get("last_error")).isNull();
        });
    }
}
