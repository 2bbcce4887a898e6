package org.studyledger.hub.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.hub.ledger.LedgerFixtures.SCORING;
import static org.studyledger.hub.ledger.LedgerFixtures.MADRS;
import static org.studyledger.hub.ledger.LedgerFixtures.madrsForm;
import static org.studyledger.hub.ledger.LedgerFixtures.madrsItems;
import static org.studyledger.hub.ledger.LedgerFixtures.sealAt;
import static org.studyledger.hub.ledger.LedgerFixtures.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.CenterKeys;
import org.studyledger.hub.HubInfrastructure;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.hub.quarantine.QuarantineDismissal;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * A batch ends exactly as the same messages taken one at a time. Two hubs on two databases start from the same ledger
 * and quarantine (a first part of the messages taken one at a time by both, one quarantined message dismissed in
 * both); then the rest, a poll's worth mixing many subjects of three centers with in-order events, duplicates (of
 * events in the ledger and of events earlier in the same poll), gaps and the events held behind them, the missing
 * events arriving later in the poll, conflicting second versions, an event id and an assessment id reused by another
 * subject, corrections and retractions of assessments recorded earlier in the poll or of another subject's, damaged
 * copies, poison, re-deliveries of messages already taken or quarantined, and a re-delivery of the dismissed one,
 * goes to one hub as one batch ({@link LedgerIntake#acceptBatch}) and to the other one message at a time
 * ({@link LedgerIntake#accept}). Then both ledgers (every event, in order of appending, with payload and metadata),
 * their heads, hashes and assessments, and both quarantines (every row in order, with its reason and status) are
 * the same, and so is what happened to each message.
 */
class LedgerBatchEquivalenceTest {
    private static final List<String> CENTERS = List.of("EQA", "EQB", "EQC");
    private static final int PARTITIONS = 3;
    private static final List<String> VISITS = List.of("T0", "W1", "M1", "M2", "M3", "M6");
    private static ConfigurableApplicationContext batched;
    private static ConfigurableApplicationContext single;
    private static HubProperties hub;

    @BeforeAll
    static void startTwoHubs() {
        CENTERS.forEach(CenterKeys::of); // registered in every hub's key directory before any event is read
        TestKafka kafka = TestInfrastructure.newKafka("hub-batch-equivalence");
        batched = start(kafka, "hub-batched");
        single = start(kafka, "hub-single");
        hub = batched.getBean(HubProperties.class);
    }

    /** A hub on a database of its own. Both use one topic prefix, on which nothing is ever produced. */
    private static ConfigurableApplicationContext start(TestKafka kafka, String name) {
        Map<String, Object> properties = HubInfrastructure.properties(TestInfrastructure.newDatabase(name),
                kafka.bootstrapServers(), kafka.topicPrefix(), kafka.groupId(name));
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        return StudyHubApplication.application().run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopHubs() {
        if (batched != null) {
            batched.close();
        }
        if (single != null) {
            single.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aBatchEndsAsTheSameMessagesTakenOneAtATime(long seed) {
        Random random = new Random(seed);
        List<LedgerIntake.Message> messages = new Poll(random, (int) seed).messages();
        int before = messages.size() / 3;
        List<LedgerIntake.Message> earlier = messages.subList(0, before);
        List<LedgerIntake.Message> poll = new ArrayList<>(messages.subList(before, messages.size()));

        // The same start in both: the earlier messages one at a time, and the first open quarantined one dismissed.
        for (ConfigurableApplicationContext hub : List.of(batched, single)) {
            LedgerIntake intake = hub.getBean(LedgerIntake.class);
            earlier.forEach(intake::accept);
        }
        Long dismissed = jdbc(batched).query("SELECT id FROM quarantine WHERE status = 'QUARANTINED' AND subject_id IS NOT NULL"
                + " AND sequence IS NOT NULL ORDER BY id LIMIT 1", rs -> rs.next() ? rs.getLong(1) : null);
        assertThat(dismissed).as("the earlier messages quarantined something to dismiss").isNotNull();
        for (ConfigurableApplicationContext hub : List.of(batched, single)) {
            hub.getBean(QuarantineDismissal.class).dismiss(dismissed, new Actor("dm-001", "data-manager"),
                    "set aside to see a re-delivery of it leave the subject's later events alone");
        }
        assertThat(snapshot(jdbc(batched))).isEqualTo(snapshot(jdbc(single)));

        // Re-deliveries: some earlier messages (as after a crash before the offsets were committed), the dismissed one.
        Map<String, Object> place = jdbc(batched).queryForMap("SELECT topic, kafka_partition, kafka_offset FROM quarantine"
                + " WHERE id = ?", dismissed);
        LedgerIntake.Message dismissedMessage = earlier.stream().filter(m -> m.topic().equals(place.get("topic"))
                && m.partition() == ((Number) place.get("kafka_partition")).intValue()
                && m.offset() == ((Number) place.get("kafka_offset")).longValue()).findFirst().orElseThrow();
        poll.add(random.nextInt(poll.size() / 2), dismissedMessage);
        for (int i = 0; i < 6; i++) {
            poll.add(random.nextInt(poll.size()), earlier.get(random.nextInt(earlier.size())));
        }

        List<LedgerIntake.Outcome> inOneBatch = batched.getBean(LedgerIntake.class).acceptBatch(poll);
        List<LedgerIntake.Outcome> oneAtATime = poll.stream().map(single.getBean(LedgerIntake.class)::accept).toList();

        assertThat(inOneBatch).isEqualTo(oneAtATime);
        Snapshot afterBatch = snapshot(jdbc(batched));
        assertThat(afterBatch).isEqualTo(snapshot(jdbc(single)));

        // The poll really mixed what it says it mixed.
        assertThat(inOneBatch).contains(LedgerIntake.Outcome.APPENDED, LedgerIntake.Outcome.DUPLICATE,
                LedgerIntake.Outcome.QUARANTINED);
        Set<String> reasons = new HashSet<>(jdbc(batched).queryForList("SELECT reason_code FROM quarantine", String.class));
        assertThat(reasons).contains(VerificationFailure.SEQUENCE_GAP.name(), VerificationFailure.HELD.name(), VerificationFailure.CONFLICT.name(),
                VerificationFailure.MALFORMED.name(), VerificationFailure.WRONG_KEY.name(), VerificationFailure.WRONG_TOPIC.name());
        assertThat(reasons).doesNotContain(VerificationFailure.UNVERIFIABLE.name());
        assertThat(jdbc(batched).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isGreaterThan(50);
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext hub) {
        return hub.getBean(JdbcTemplate.class);
    }

    /** Everything of the ledger and the quarantine but the hub's own timestamps. */
    record Snapshot(List<List<Object>> events, List<List<Object>> hashes, List<List<Object>> heads,
                    List<List<Object>> assessments, List<List<Object>> quarantine) {
    }

    private static Snapshot snapshot(JdbcTemplate jdbc) {
        return new Snapshot(
                rows(jdbc, "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, payload_type,"
                        + " payload_revision, encode(payload, 'hex'), encode(meta_data, 'hex') FROM domain_event_entry"
                        + " ORDER BY global_index"),
                rows(jdbc, "SELECT event_id, subject_id, sequence, hash FROM ledger_event_hash ORDER BY event_id"),
                rows(jdbc, "SELECT subject_id, center_id, last_sequence, last_hash, last_event_id, last_global_index"
                        + " FROM ledger_head ORDER BY subject_id"),
                rows(jdbc, "SELECT assessment_id, subject_id, instrument, version FROM ledger_assessment ORDER BY assessment_id"),
                rows(jdbc, "SELECT id, topic, kafka_partition, kafka_offset, record_key, record_key_hex, encode(raw, 'hex'),"
                        + " event_id, center_id, subject_id, sequence, reason_code, reason, status, attempts,"
                        + " resolved_at IS NULL FROM quarantine ORDER BY id"));
    }

    private static List<List<Object>> rows(JdbcTemplate jdbc, String sql) {
        return jdbc.query(sql, (rs, n) -> {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getObject(i));
            }
            return row;
        });
    }

    /**
     * A random mix of messages about many subjects of three centers, each subject's own messages in the order its
     * center could have sent them with the faults a topic can carry, the subjects interleaved at random.
     */
    private static final class Poll {
        private final Random random;
        private final List<List<Delivery>> perSubject = new ArrayList<>();
        private final List<AssessmentRecorded> recordedAssessments = new ArrayList<>();
        private final List<EventEnvelope> all = new ArrayList<>();

        private record Delivery(String center, String key, byte[] value) {
        }

        Poll(Random random, int run) {
            this.random = random;
            for (String center : CENTERS) {
                for (int n = 1; n <= 8; n++) {
                    perSubject.add(subject(new Chain("%s-%d%02d".formatted(center, run, n))));
                }
            }
            crossSubject();
            poison();
        }

        /** One subject's messages: its events in order, with swaps, duplicates, damaged copies and second versions. */
        private List<Delivery> subject(Chain chain) {
            List<EventEnvelope> events = new ArrayList<>();
            List<AssessmentRecorded> forms = new ArrayList<>();
            events.add(chain.enrol());
            int count = 2 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                AssessmentRecorded form = madrsForm(VISITS.get(i % VISITS.size()),
                        IntStream.range(0, 10).map(x -> random.nextInt(5)).toArray());
                events.add(chain.append(form));
                forms.add(form);
            }
            recordedAssessments.addAll(forms);
            if (random.nextInt(3) == 0) {
                var items = madrsItems(IntStream.range(0, 10).map(x -> random.nextInt(6)).toArray());
                events.add(chain.append(new AssessmentCorrected(forms.get(random.nextInt(forms.size())).assessmentId(),
                        items, SCORING.scoreOrThrow(MADRS, items).scores(), "transcription error")));
            }
            if (random.nextInt(4) == 0) {
                events.add(chain.append(new AssessmentRetracted(forms.get(random.nextInt(forms.size())).assessmentId(),
                        "wrong patient's sheet")));
            }
            all.addAll(events);
            List<Delivery> out = new ArrayList<>();
            List<Delivery> later = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                EventEnvelope e = events.get(i);
                int roll = random.nextInt(20);
                if (roll == 0 && i + 1 < events.size()) {
                    out.add(of(events.get(i + 1))); // the next one first: a gap, then the missing event
                    out.add(of(e));
                    out.add(of(events.get(i + 1))); // sent again once the gap is closed
                    i++;
                    continue;
                }
                out.add(of(e));
                if (roll == 1) {
                    out.add(of(e)); // a duplicate at once
                } else if (roll == 2) {
                    later.add(of(e)); // a duplicate later
                } else if (roll == 3) {
                    byte[] damaged = wire(e);
                    damaged[damaged.length / 2] ^= 0x04;
                    out.add(new Delivery(e.centerId().value(), e.subjectId().value(), damaged));
                } else if (roll == 4) {
                    // A second version of the same place in the chain: a conflict.
                    out.add(of(sealAt(e.centerId(), e.subjectId(), e.sequence(), e.previousHash(),
                            e.sequence() == 0 ? LedgerFixtures.enrolment() : madrsForm("W1", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))));
                } else if (roll == 5) {
                    // A chain that does not continue the ledger's: a broken chain at the next place.
                    out.add(of(sealAt(e.centerId(), e.subjectId(), e.sequence() + 1, "ab".repeat(32),
                            madrsForm("M1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2))));
                }
            }
            if (random.nextInt(3) == 0) {
                out.remove(1 + random.nextInt(out.size() - 1)); // a message that never comes: the rest is held
            }
            out.addAll(later);
            return out;
        }

        /** Ids that must be unique across subjects, reused by another subject; another subject's assessment corrected. */
        private void crossSubject() {
            for (int i = 0; i < 4; i++) {
                Chain other = new Chain("EQA-9%d%d".formatted(i, random.nextInt(10)));
                EventEnvelope enrol = other.enrol();
                AssessmentRecorded original = recordedAssessments.get(random.nextInt(recordedAssessments.size()));
                EventEnvelope reusedAssessment = other.append(new AssessmentRecorded(original.assessmentId(), MADRS, "W1",
                        null, original.administeredAt(), "rater-017", original.items(), original.scores(), null, false));
                EventEnvelope reusedEventId = sealAt(all.get(random.nextInt(all.size())).eventId(), other.center,
                        other.subject, other.nextSequence(), other.lastHash(), madrsForm("M1", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
                var items = madrsItems(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
                EventEnvelope foreignCorrection = sealAt(other.center, other.subject, other.nextSequence(), other.lastHash(),
                        new AssessmentCorrected(original.assessmentId(), items, SCORING.scoreOrThrow(MADRS, items).scores(),
                                "not ours to correct"));
                perSubject.add(new ArrayList<>(List.of(of(enrol), of(reusedAssessment), of(reusedEventId),
                        of(foreignCorrection))));
            }
        }

        /** Messages no center sends. */
        private void poison() {
            String center = CENTERS.get(random.nextInt(CENTERS.size()));
            EventEnvelope genuine = all.get(random.nextInt(all.size()));
            perSubject.add(new ArrayList<>(List.of(
                    new Delivery(center, center + "-001", "{".getBytes(UTF_8)),
                    new Delivery(center, null, null),
                    new Delivery(center, center + "-003", "[1,2,3]".getBytes(UTF_8)),
                    new Delivery(genuine.centerId().value(), "NOT-" + genuine.subjectId().value(), wire(genuine)),
                    new Delivery(CENTERS.stream().filter(c -> !c.equals(genuine.centerId().value())).findFirst().orElseThrow(),
                            genuine.subjectId().value(), wire(genuine)),
                    new Delivery(center, center + "-002", " {}".getBytes(UTF_8)))));
        }

        private static Delivery of(EventEnvelope e) {
            return new Delivery(e.centerId().value(), e.subjectId().value(), wire(e));
        }

        /** The subjects' messages interleaved at random, each subject's in its order, placed as Kafka would place them. */
        List<LedgerIntake.Message> messages() {
            List<LedgerIntake.Message> messages = new ArrayList<>();
            Map<String, Long> offsets = new HashMap<>();
            int[] next = new int[perSubject.size()];
            List<Integer> open = new ArrayList<>(IntStream.range(0, perSubject.size()).boxed().toList());
            while (!open.isEmpty()) {
                int pick = open.get(random.nextInt(open.size()));
                Delivery d = perSubject.get(pick).get(next[pick]++);
                if (next[pick] == perSubject.get(pick).size()) {
                    open.remove(Integer.valueOf(pick));
                }
                String topic = hub.topicOf(d.center());
                int partition = d.key() == null ? 0 : Math.floorMod(d.key().hashCode(), PARTITIONS);
                long offset = offsets.merge(topic + "/" + partition, 1L, Long::sum) - 1;
                messages.add(LedgerIntake.Message.of(topic, partition, offset,
                        d.key() == null ? null : d.key().getBytes(UTF_8), d.value()));
            }
            return messages;
        }
    }
}
