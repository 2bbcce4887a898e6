package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.CenterKeys;
import org.studyledger.hub.HubProperties;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.CanonicalJson;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * Builds valid (and deliberately broken) envelopes with the kernel, signed with their center's key ({@link CenterKeys})
 * as the center would sign them, puts raw bytes on the hub's center topics with a plain Kafka producer, and reads back
 * what the hub made of them (REST and database).
 */
final class LedgerFixtures {
    static final StudyId STUDY = new StudyId("ESK-TRD");
    static final InstrumentRef MADRS = new InstrumentRef("MADRS", "1");
    static final ScoringEngine SCORING = ScoringEngine.standard();
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-01-05T08:00:00.000Z");
    private static final List<String> VISITS = List.of("T0", "W1", "M1", "M2", "M3", "M6");

    private LedgerFixtures() {
    }

    // ---------------------------------------------------------------- envelopes

    /** One subject's history as its center would publish it: sequence 0, 1, 2 … each naming the previous hash. */
    static final class Chain {
        final SubjectId subject;
        final CenterId center;
        private long next;
        private String lastHash = EventHashes.GENESIS;
        private final List<EventEnvelope> sealed = new ArrayList<>();

        Chain(String subjectId) {
            this.subject = new SubjectId(subjectId);
            this.center = subject.center();
        }

        String id() {
            return subject.value();
        }

        /** Sequence 0: the enrolment. */
        EventEnvelope enrol() {
            return append(enrolment());
        }

        /** The next event: a MADRS form with these ten item values and the scores the kernel computes. */
        EventEnvelope madrs(int... items) {
            return append(madrsForm(VISITS.get((int) (next % VISITS.size())), items));
        }

        /** Seals {@code event} as the next event of the chain and moves the chain on. */
        EventEnvelope append(StudyEvent event) {
            EventEnvelope e = sealAt(center, subject, next, lastHash, event);
            next++;
            lastHash = e.hash();
            sealed.add(e);
            return e;
        }

        /** What the next event would be, without moving the chain on (for a second, conflicting history). */
        EventEnvelope peek(StudyEvent event) {
            return sealAt(center, subject, next, lastHash, event);
        }

        EventEnvelope get(long sequence) {
            return sealed.get((int) sequence);
        }

        long nextSequence() {
            return next;
        }

        String lastHash() {
            return lastHash;
        }
    }

    static SubjectEnrolled enrolment() {
        return new SubjectEnrolled(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 5), "2.1", "ESK-TRD/1", 1970, Sex.F,
                14, 3);
    }

    static SortedMap<String, Integer> madrsItems(int... values) {
        assertThat(values).as("MADRS has ten items").hasSize(10);
        SortedMap<String, Integer> items = new TreeMap<>();
        IntStream.range(0, 10).forEach(i -> items.put("MADRS_%02d".formatted(i + 1), values[i]));
        return items;
    }

    /** A MADRS form whose scores are what the kernel's scoring engine computes from its items. */
    static AssessmentRecorded madrsForm(String visit, int... values) {
        SortedMap<String, Integer> items = madrsItems(values);
        return madrsForm(visit, items, SCORING.scoreOrThrow(MADRS, items).scores());
    }

    /** A MADRS form stating exactly these items and scores, right or wrong. */
    static AssessmentRecorded madrsForm(String visit, SortedMap<String, Integer> items, ScoreSet scores) {
        return new AssessmentRecorded(AssessmentId.random(), MADRS, visit, null, START.plus(1, ChronoUnit.DAYS),
                "rater-017", items, scores, null, false);
    }

    static EventEnvelope sealAt(CenterId center, SubjectId subject, long sequence, String previousHash,
                                StudyEvent event) {
        return sealAt(UUID.randomUUID(), center, subject, sequence, previousHash, event);
    }

    static EventEnvelope sealAt(UUID eventId, CenterId center, SubjectId subject, long sequence, String previousHash,
                                StudyEvent event) {
        Instant occurred = START.plus(sequence, ChronoUnit.DAYS);
        return CenterKeys.sign(EnvelopeCodec.seal(new EnvelopeHeader(eventId, STUDY, center, subject, sequence, occurred,
                occurred.plus(10, ChronoUnit.MINUTES), new Actor("rater-017", "rater"), "api", previousHash), event));
    }

    /** The wire form: canonical bytes, hash and signature included. */
    static byte[] wire(EventEnvelope e) {
        return EnvelopeCodec.encode(e);
    }

    static ObjectNode tree(EventEnvelope e) {
        return EnvelopeCodec.toTree(e);
    }

    /** The tree's canonical bytes as they are (a changed member keeps the old hash and the old signature). */
    static byte[] encode(ObjectNode tree) {
        return CanonicalJson.encode(tree);
    }

    /**
     * The tree's canonical bytes signed again by its center, the stated hash kept: a change made before the center
     * signed, so the signature verifies and the hash is what is wrong.
     */
    static byte[] resign(ObjectNode tree) {
        return CanonicalJson.encode(signed(tree));
    }

    /** The tree's canonical bytes with the hash recomputed and signed again, so only the change itself is wrong. */
    static byte[] reseal(ObjectNode tree) {
        ObjectNode copy = tree.deepCopy();
        copy.put(EnvelopeCodec.HASH, EventHashes.hashOf(copy));
        return CanonicalJson.encode(signed(copy));
    }

    /**
     * A copy of the tree signed with {@code key} under {@code keyId}: the signature over the canonical tree without
     * its signature and with that key id, as {@code EnvelopeSignatures} signs a well-formed envelope. The tree need
     * not be one, so even a broken message can be signed as its center would have.
     */
    static ObjectNode signed(ObjectNode tree, SigningKey key, String keyId) {
        ObjectNode copy = tree.deepCopy();
        copy.remove(EnvelopeCodec.SIGNATURE);
        copy.put(EnvelopeCodec.KEY_ID, keyId);
        copy.put(EnvelopeCodec.SIGNATURE, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(key.sign(CanonicalJson.encode(copy))));
        return copy;
    }

    /** A copy of the tree signed by the key of the center it names. */
    static ObjectNode signed(ObjectNode tree) {
        SigningKey key = CenterKeys.of(tree.path(EnvelopeCodec.CENTER_ID).asText());
        return signed(tree, key, key.keyId().value());
    }

    // ---------------------------------------------------------------- Kafka

    /** Creates the centers' topics up front, so the hub's pattern subscription picks them up in one go. */
    static void createTopics(HubProperties hub, String... centers) throws Exception {
        try (AdminClient admin = admin(hub)) {
            List<String> existing = List.copyOf(admin.listTopics().names().get(10, TimeUnit.SECONDS));
            List<NewTopic> topics = java.util.Arrays.stream(centers).map(hub::topicOf)
                    .filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 1, (short) 1)).toList();
            admin.createTopics(topics).all().get(10, TimeUnit.SECONDS);
        }
    }

    static AdminClient admin(HubProperties hub) {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers()));
    }

    /** A plain producer, as any client of the topics could use; {@link #send} waits for each acknowledgement. */
    static final class Producer implements AutoCloseable {
        private final HubProperties hub;
        private final KafkaProducer<byte[], byte[]> producer;

        Producer(HubProperties hub) {
            this.hub = hub;
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            // Room for messages beyond the hub's intake limit, so the hub's own limit is what refuses them.
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }

        /** Sends a valid envelope to its own center's topic, keyed by its subject. */
        RecordMetadata send(EventEnvelope e) {
            return send(e.centerId().value(), e.subjectId().value(), wire(e));
        }

        /** Sends exactly these bytes (null for a record without a value) to {@code center}'s topic. */
        RecordMetadata send(String center, String key, byte[] value) {
            return sendWithKey(center, key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
        }

        /** Sends exactly these key and value bytes to {@code center}'s topic. */
        RecordMetadata sendWithKey(String center, byte[] key, byte[] value) {
            try {
                return producer.send(new ProducerRecord<>(hub.topicOf(center), key, value)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not produce to " + hub.topicOf(center), e);
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    // ---------------------------------------------------------------- what the hub made of it

    /** Reads the hub's REST views and its database. */
    static final class Hub {
        final HubProperties props;
        final TestRestTemplate http;
        final JdbcTemplate jdbc;

        Hub(HubProperties props, TestRestTemplate http, JdbcTemplate jdbc) {
            this.props = props;
            this.http = http;
            this.jdbc = jdbc;
        }

        JsonNode status() {
            JsonNode status = http.getForObject("/api/v1/ledger/status", JsonNode.class);
            assertThat(status).isNotNull();
            return status;
        }

        /** The center's line of the ledger status, or null when the status does not list the center. */
        JsonNode center(String center) {
            return StreamSupport.stream(status().path("centers").spliterator(), false)
                    .filter(c -> center.equals(c.path("center_id").asText()))
                    .findFirst().orElse(null);
        }

        /**
         * Waits until the ledger consumer has committed everything on these centers' topics (lag 0): every message
         * produced so far has been appended, recognised as a duplicate or quarantined.
         */
        void awaitCaughtUp(String... centers) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String c : centers) {
                    JsonNode line = center(c);
                    assertThat(line).as("status of center %s", c).isNotNull();
                    assertThat(line.path("consumer_lag").isNumber()).as("lag of %s known: %s", c, status()).isTrue();
                    assertThat(line.path("consumer_lag").asLong()).as("lag of %s", c).isZero();
                }
            });
        }

        /** Every quarantine row (any status) that came from these centers' topics, in arrival order. */
        List<JsonNode> quarantineOnTopics(String... centers) {
            List<String> topics = java.util.Arrays.stream(centers).map(props::topicOf).toList();
            JsonNode all = http.getForObject("/api/v1/quarantine?status=ALL&limit=5000", JsonNode.class);
            return StreamSupport.stream(all.spliterator(), false)
                    .filter(q -> topics.contains(q.path("topic").asText())).toList();
        }

        /** The open quarantine rows, as GET /api/v1/quarantine lists them by default. */
        List<JsonNode> openQuarantine() {
            JsonNode open = http.getForObject("/api/v1/quarantine?limit=5000", JsonNode.class);
            return StreamSupport.stream(open.spliterator(), false).toList();
        }

        /** The quarantine row of the message at this place, waiting for it to appear. */
        JsonNode awaitQuarantined(RecordMetadata at) {
            return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> quarantined(at), q -> q != null);
        }

        JsonNode quarantined(RecordMetadata at) {
            JsonNode all = http.getForObject("/api/v1/quarantine?status=ALL&limit=5000", JsonNode.class);
            return StreamSupport.stream(all.spliterator(), false)
                    .filter(q -> q.path("topic").asText().equals(at.topic()) && q.path("partition").asInt() == at.partition()
                            && q.path("offset").asLong() == at.offset())
                    .findFirst().orElse(null);
        }

        /** The stored raw bytes of the quarantined message at this place. */
        byte[] raw(RecordMetadata at) {
            return jdbc.queryForObject("SELECT raw FROM quarantine WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?",
                    byte[].class, at.topic(), at.partition(), at.offset());
        }

        /** The sequences of the subject's events in the ledger (Axon's event store), in order of appending. */
        List<Long> ledgerSequences(String subject) {
            return jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " ORDER BY global_index", Long.class, subject);
        }

        /** The event ids of the subject's events in the ledger, by sequence. */
        List<String> ledgerEventIds(String subject) {
            return jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " ORDER BY sequence_number", String.class, subject);
        }

        /** The ledger head's last sequence for the subject, or -1 when the ledger has nothing of it. */
        long head(String subject) {
            List<Long> rows = jdbc.queryForList("SELECT last_sequence FROM ledger_head WHERE subject_id = ?", Long.class,
                    subject);
            return rows.isEmpty() ? -1 : rows.get(0);
        }

        String headHash(String subject) {
            return jdbc.queryForObject("SELECT last_hash FROM ledger_head WHERE subject_id = ?", String.class, subject);
        }
    }
}
