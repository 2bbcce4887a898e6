package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * Re-processing beside the running consumer, and two re-processing runs at once: each subject's verification and
 * append are serialised, so whoever comes second sees what the first appended. No request fails, no event is lost or
 * appended twice, and every quarantined copy ends APPLIED or DUPLICATE.
 */
@HubTest
class QuarantineConcurrencyTest extends LedgerInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger runs = new AtomicInteger();
    private ExecutorService loops;

    @BeforeAll
    static void topics(@Autowired HubProperties props) throws Exception {
        LedgerFixtures.createTopics(props, "CON", "PAR");
    }

    @BeforeEach
    void threads() {
        loops = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopLoops() throws InterruptedException {
        stop.set(true);
        loops.shutdown();
        assertThat(loops.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * The center sends each even event before the odd one in front of it (quarantined as a gap) and then sends it
     * again. While the consumer appends the copy, two loops re-process the quarantine without pause: the quarantined
     * first copy becomes appendable the moment the odd event is in, for the consumer and both loops at once.
     */
    @Test
    void reprocessingInALoopBesideTheConsumerNeverFailsAndAppendsEachEventOnce() throws Exception {
        int pairs = 40;
        Chain s = new Chain("CON-001");
        producer.send(s.enrol());
        hub.awaitCaughtUp("CON");
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 1; i <= 2 * pairs; i++) {
            int v = i % 7;
            events.add(s.madrs(v, v, v, v, v, v, v, v, v, v));
        }
        for (int i = 0; i < 2; i++) {
            loops.submit(this::reprocessUntilStopped);
        }

        List<RecordMetadata> firstCopies = new ArrayList<>();
        for (int j = 0; j < pairs; j++) {
            EventEnvelope odd = events.get(2 * j);
            EventEnvelope even = events.get(2 * j + 1);
            firstCopies.add(producer.send(even));
            producer.send(odd);
            producer.send(even);
        }

        long last = 2L * pairs;
        await().atMost(LedgerFixtures.PATIENCE)
                .failFast("a re-processing request failed", () -> !failures.isEmpty())
                .untilAsserted(() -> {
                    assertThat(hub.head("CON-001")).isEqualTo(last);
                    assertThat(hub.quarantineOnTopics("CON"))
                            .allSatisfy(q -> assertThat(q.path("status").asText()).isIn("APPLIED", "DUPLICATE"));
                });
        hub.awaitCaughtUp("CON");
        stop.set(true);
        loops.shutdown();
        assertThat(loops.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(runs.get()).as("re-processing runs made beside the consumer").isGreaterThan(pairs);

        List<String> ids = new ArrayList<>(List.of(s.get(0).eventId().toString()));
        events.forEach(e -> ids.add(e.eventId().toString()));
        assertThat(hub.ledgerEventIds("CON-001")).as("every event once, in sequence order").isEqualTo(ids);
        assertThat(hub.ledgerSequences("CON-001")).hasSize(ids.size());
        assertThat(hub.headHash("CON-001")).isEqualTo(events.get(events.size() - 1).hash());
        // The only quarantined messages are the early first copies; each ended in the ledger exactly once.
        List<JsonNode> rows = hub.quarantineOnTopics("CON");
        assertThat(rows).extracting(q -> q.path("offset").asLong())
                .containsExactlyElementsOf(firstCopies.stream().map(RecordMetadata::offset).toList());
        assertThat(rows).allSatisfy(q -> {
            assertThat(q.path("status").asText()).isIn("APPLIED", "DUPLICATE");
            assertThat(q.path("reason_code").asText()).isEqualTo("SEQUENCE_GAP");
        });
        JsonNode center = hub.center("CON");
        assertThat(center.path("events").asLong()).isEqualTo(ids.size());
        assertThat(center.path("quarantined").asLong()).isZero();
    }

    /**
     * Many subjects waiting behind a gap each; once the missing events are in, two re-processing requests start at the
     * same moment. Both answer 200, between them they apply every waiting event exactly once, and the final state is
     * what one request alone would have left.
     */
    @Test
    void twoReprocessingRequestsAtOnceApplyEachWaitingEventOnce() throws Exception {
        int subjects = 12;
        List<Chain> chains = new ArrayList<>();
        List<EventEnvelope> missing = new ArrayList<>();
        for (int i = 1; i <= subjects; i++) {
            Chain c = new Chain("PAR-%03d".formatted(i));
            chains.add(c);
            producer.send(c.enrol());
            missing.add(c.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
            producer.send(c.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)); // #2: a gap
            producer.send(c.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)); // #3: held behind #2
        }
        hub.awaitCaughtUp("PAR");
        assertThat(hub.center("PAR").path("quarantined").asLong()).isEqualTo(2L * subjects);
        missing.forEach(producer::send);
        hub.awaitCaughtUp("PAR");

        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<ResponseEntity<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            requests.add(loops.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return http.postForEntity("/api/v1/quarantine/reprocess", null, String.class);
            }));
        }
        int applied = 0;
        for (Future<ResponseEntity<String>> request : requests) {
            ResponseEntity<String> response = request.get(120, TimeUnit.SECONDS);
            assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
            JsonNode result = JSON.readTree(response.getBody());
            applied += result.path("applied").asInt();
            assertThat(result.path("duplicates").asInt()).isZero();
        }

        assertThat(applied).as("applied by the two requests together").isEqualTo(2 * subjects);
        for (Chain c : chains) {
            assertThat(hub.ledgerSequences(c.id())).containsExactly(0L, 1L, 2L, 3L);
            assertThat(hub.headHash(c.id())).isEqualTo(c.lastHash());
        }
        assertThat(hub.quarantineOnTopics("PAR")).hasSize(2 * subjects)
                .allSatisfy(q -> assertThat(q.path("status").asText()).isEqualTo("APPLIED"));
        assertThat(hub.center("PAR").path("quarantined").asLong()).isZero();
        assertThat(hub.center("PAR").path("events").asLong()).isEqualTo(4L * subjects);
    }

    private void reprocessUntilStopped() {
        while (!stop.get()) {
            try {
                ResponseEntity<String> response = http.postForEntity("/api/v1/quarantine/reprocess", null, String.class);
                if (response.getStatusCode().value() != 200) {
                    failures.add(response.getStatusCode() + " " + response.getBody());
                }
                runs.incrementAndGet();
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
        }
    }
}
