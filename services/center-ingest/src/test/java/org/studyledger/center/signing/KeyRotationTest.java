package org.studyledger.center.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.studyledger.center.CenterIngestTest;
import org.studyledger.center.publication.KafkaPublisher;
import org.studyledger.center.publication.TopicReader;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.RegisteredKey;

/**
 * A rotation while staff keep recording: every event is signed with the key that was active when it was recorded,
 * everything published verifies against the public records in the key directory, and no event signed with the
 * retired key was recorded after its retirement (which would make the hub refuse it).
 */
@CenterIngestTest
class KeyRotationTest {
    private static final int WRITERS = 4;

    @Autowired
    TestRestTemplate http;
    @Autowired
    KafkaPublisher publisher;
    @Value("${studyledger.publication.bootstrap-servers}")
    String bootstrap;
    @Value("${studyledger.center.signing.key-directory}")
    Path keys;

    /** One enrolment over HTTP and when it was sent and answered (System.nanoTime). */
    private record Write(String eventId, long sentAt, long answeredAt) {
    }

    private Write enrol(String subjectId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = """
                {"subject_id":"%s","enrolment_date":"2026-01-05","consent_date":"2026-01-05","consent_version":"2.1",
                 "birth_year":1971,"sex":"F","episode_duration_months":14,"failed_antidepressant_trials":3}"""
                .formatted(subjectId);
        long sentAt = System.nanoTime();
        ResponseEntity<JsonNode> reply = http.postForEntity("/api/v1/subjects", new HttpEntity<>(body, headers), JsonNode.class);
        long answeredAt = System.nanoTime();
        assertThat(reply.getStatusCode().value()).as("enrolment of %s: %s", subjectId, reply.getBody()).isEqualTo(201);
        return new Write(reply.getBody().path("event_id").asText(), sentAt, answeredAt);
    }

    @Test
    void eventsAroundARotationCarryTheKeyActiveWhenTheyWereRecordedAndAllVerify() throws Exception {
        ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        for (int n = 1; n <= 5; n++) {
            writes.add(enrol("PAV-%03d".formatted(n)));
        }

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService staff = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 1; w <= WRITERS; w++) {
            int first = 100 * w;
            writers.add(staff.submit(() -> {
                for (int n = first + 1; n < first + 100 && !stop.get(); n++) {
                    writes.add(enrol("PAV-%03d".formatted(n)));
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.size() >= 5 + 2 * WRITERS);
        long rotationSent = System.nanoTime();
        JsonNode rotation = http.postForEntity("/api/v1/signing-keys/rotate", null, JsonNode.class).getBody();
        long rotationAnswered = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> writes.stream().filter(w -> w.sentAt() > rotationAnswered).count() >= 2 * WRITERS);
        stop.set(true);
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
        staff.shutdown();

        String oldKey = rotation.path("retired_key").path("key_id").asText();
        String newKey = rotation.path("key_id").asText();
        Map<String, EventEnvelope> published = TopicReader.readAll(bootstrap, publisher.topic(), writes.size()).stream()
                .map(r -> EnvelopeCodec.decode(r.value()))
                .collect(Collectors.toMap(e -> e.eventId().toString(), Function.identity(), (a, b) -> a));
        assertThat(published).hasSize(writes.size());

        for (Write write : writes) {
            EventEnvelope event = published.get(write.eventId());
            if (write.answeredAt() < rotationSent) {
                assertThat(event.keyId()).as("%s, recorded before the rotation", event.subjectId()).isEqualTo(oldKey);
            } else if (write.sentAt() > rotationAnswered) {
                assertThat(event.keyId()).as("%s, recorded after the rotation", event.subjectId()).isEqualTo(newKey);
            } else {
                assertThat(event.keyId()).as("%s, recorded during the rotation", event.subjectId()).isIn(oldKey, newKey);
            }
        }

        KeyRing registered = KeyFiles.readRing(keys);
        RegisteredKey retired = registered.find(oldKey).orElseThrow();
        assertThat(retired.retiredAt()).isNotNull();
        assertThat(registered.find(newKey).orElseThrow().retiredAt()).isNull();
        for (EventEnvelope event : published.values()) {
            assertThat(EnvelopeSignatures.check(event, registered).reason()).as("check of %s", event.subjectId()).isEmpty();
            if (event.keyId().equals(oldKey)) {
                assertThat(event.recordedAt()).as("%s, signed with the retired key", event.subjectId())
                        .isBeforeOrEqualTo(retired.retiredAt());
            }
        }
    }
}
