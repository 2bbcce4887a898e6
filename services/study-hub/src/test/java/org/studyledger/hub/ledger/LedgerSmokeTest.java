package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.hub.CenterKeys;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

@HubTest
class LedgerSmokeTest {
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;

    @Test
    void acceptsAnEnrolmentAndQuarantinesItsForgery() throws Exception {
        EventEnvelope enrolled = CenterKeys.sign(EnvelopeCodec.seal(new EnvelopeHeader(UUID.randomUUID(),
                new StudyId("ESK-TRD"), new CenterId("PAV"), new SubjectId("PAV-001"), 0, Instant.parse("2026-01-05T08:00:00Z"),
                Instant.parse("2026-01-05T08:10:00Z"), new Actor("dm", "data-manager"), "api", EventHashes.GENESIS),
                new SubjectEnrolled(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 5), "2.1", "ESK-TRD/1", 1970, Sex.F, 10, 2)));
        Properties config = new Properties();
        config.put("bootstrap.servers", hub.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(hub.topicOf("PAV"), "PAV-001", EnvelopeCodec.encode(enrolled))).get();
            producer.send(new ProducerRecord<>(hub.topicOf("MIL"), "PAV-001", EnvelopeCodec.encode(enrolled))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = http.getForObject("/api/v1/ledger/status", Map.class);
            assertThat(((Number) status.get("events")).longValue()).isEqualTo(1);
            assertThat(((Number) status.get("quarantined")).longValue()).isEqualTo(1);
        });
        String quarantine = http.getForObject("/api/v1/quarantine", String.class);
        assertThat(quarantine).contains("WRONG_TOPIC");
    }
}
