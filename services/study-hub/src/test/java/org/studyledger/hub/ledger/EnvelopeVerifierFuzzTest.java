package org.studyledger.hub.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.hub.ledger.LedgerFixtures.tree;
import static org.studyledger.hub.ledger.LedgerFixtures.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.hub.HubInfrastructure;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.WireLimits;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * Random and damaged messages through the hub's real {@link EnvelopeVerifier}, on a real database holding a small
 * ledger: whatever the bytes, key and topic, each ends in a verdict (accept, duplicate or reject), never in an
 * exception, and never in {@code UNVERIFIABLE} (which would be a defect). Valid signed events with bytes flipped,
 * tokens injected, members added, strings, numbers and nesting at and beyond the limits, invalid UTF-8, lone
 * surrogates and huge exponents; the three messages that once stalled the hub are fixed examples.
 */
class EnvelopeVerifierFuzzTest {
    private static ConfigurableApplicationContext context;
    private static EnvelopeVerifier verifier;
    private static HubProperties hub;
    private static final List<EventEnvelope> IN_LEDGER = new ArrayList<>();
    private static final List<EventEnvelope> NOT_YET = new ArrayList<>();

    @BeforeContainer
    static void startHub() {
        TestKafka kafka = TestInfrastructure.newKafka("hub-fuzz");
        Map<String, Object> properties = HubInfrastructure.properties(TestInfrastructure.newDatabase("hub-fuzz"),
                kafka.bootstrapServers(), kafka.topicPrefix(), kafka.groupId("ledger"));
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        context = StudyHubApplication.application().run(args.toArray(String[]::new));
        verifier = context.getBean(EnvelopeVerifier.class);
        hub = context.getBean(HubProperties.class);
        LedgerIntake intake = context.getBean(LedgerIntake.class);
        for (String subject : List.of("FZA-001", "FZA-002")) {
            Chain chain = new Chain(subject);
            List<EventEnvelope> events = List.of(chain.enrol(), chain.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3),
                    chain.madrs(2, 1, 2, 1, 2, 1, 2, 1, 2, 1));
            for (EventEnvelope e : events) {
                assertThat(intake.accept(new LedgerIntake.Message(hub.topicOf("FZA"), 0, IN_LEDGER.size(),
                        e.subjectId().value(), wire(e)))).isEqualTo(LedgerIntake.Outcome.APPENDED);
                IN_LEDGER.add(e);
            }
            NOT_YET.add(chain.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        }
    }

    @AfterContainer
    static void stopHub() {
        if (context != null) {
            context.close();
        }
    }

    private static Verdict verify(String topic, String key, byte[] value) {
        Verdict verdict = verifier.verify(topic, key, value, null);
        assertThat(verdict).isNotNull();
        if (verdict instanceof Verdict.Reject reject) {
            assertThat(reject.code()).as("no check may fail unexpectedly: %s", reject.reason())
                    .isNotEqualTo(VerificationFailure.UNVERIFIABLE);
            assertThat(reject.reason()).isNotBlank();
        }
        return verdict;
    }

    private static List<EventEnvelope> all() {
        List<EventEnvelope> all = new ArrayList<>(IN_LEDGER);
        all.addAll(NOT_YET);
        return all;
    }

    @Property(tries = 400)
    void damagedSignedEnvelopesEndInAVerdict(@ForAll("seeds") long seed) {
        Random random = new Random(seed);
        EventEnvelope base = all().get(random.nextInt(all().size()));
        byte[] damaged = Mutations.mutate(wire(base), random);

        Verdict verdict = verify(hub.topicOf("FZA"), base.subjectId().value(), damaged);

        assertThat(verdict).as("damaged bytes are never taken").isInstanceOf(Verdict.Reject.class);
    }

    @Property(tries = 150)
    void arbitraryBytesKeysAndTopicsEndInAVerdict(@ForAll("noise") byte[] value, @ForAll("keys") String key,
                                                   @ForAll("topics") String topic) {
        verify(topic, key, value);
    }

    @Property(tries = 120)
    void membersAtAndBeyondTheLimitsEndInAVerdict(@ForAll("seeds") long seed) {
        Random random = new Random(seed);
        EventEnvelope base = NOT_YET.get(random.nextInt(NOT_YET.size()));
        ObjectNode tree = tree(base);
        ObjectNode payload = (ObjectNode) tree.get("payload");
        int around = random.nextInt(3) - 1; // just below, at, just beyond
        String kind;
        switch (random.nextInt(3)) {
            case 0 -> {
                kind = WireLimits.MAX_STRING_LENGTH;
                payload.put("note", "x".repeat(WireLimits.DEFAULT_MAX_STRING_LENGTH + around));
            }
            case 1 -> {
                kind = WireLimits.MAX_NUMBER_LENGTH;
                payload.put("note", new java.math.BigInteger("9".repeat(WireLimits.DEFAULT_MAX_NUMBER_LENGTH + around)));
            }
            default -> {
                kind = WireLimits.MAX_DEPTH;
                ObjectNode nested = payload;
                for (int i = 2; i < WireLimits.DEFAULT_MAX_DEPTH + around; i++) {
                    nested = nested.putObject("note");
                }
            }
        }

        Verdict verdict = verify(hub.topicOf("FZA"), base.subjectId().value(), LedgerFixtures.reseal(tree));

        Verdict.Reject reject = (Verdict.Reject) verdict;
        if (around > 0) {
            assertThat(reject.code()).as(reject.reason()).isEqualTo(VerificationFailure.LIMIT_EXCEEDED);
            assertThat(reject.reason()).contains(kind);
        } else {
            assertThat(reject.code()).as("within the limits, the unknown member is what is wrong: %s", reject.reason())
                    .isEqualTo(VerificationFailure.SCHEMA_INVALID);
        }
    }

    @Property(tries = 30)
    void validEventsAreTakenOrRecognised(@ForAll("seeds") long seed) {
        EventEnvelope e = all().get(new Random(seed).nextInt(all().size()));

        Verdict verdict = verify(hub.topicOf("FZA"), e.subjectId().value(), wire(e));

        assertThat(verdict).isInstanceOf(IN_LEDGER.contains(e) ? Verdict.Duplicate.class : Verdict.Accept.class);
    }

    @Example
    void theThreeMessagesThatStalledTheHubAreNotCanonical() {
        EventEnvelope next = NOT_YET.get(0);
        for (String member : List.of("\"zz\":\"\\ud800\"", "\"zz\":1e2147483647", "\"zz\":1e999999999")) {
            Verdict verdict = verify(hub.topicOf("FZA"), next.subjectId().value(), Mutations.withPayloadMember(tree(next), member));

            assertThat(((Verdict.Reject) verdict).code()).as(member).isEqualTo(VerificationFailure.NOT_CANONICAL);
            assertThat(((Verdict.Reject) verdict).claim().subjectId()).isEqualTo(next.subjectId().value());
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of(Mutations.TOKENS).list().ofMaxSize(30).map(parts -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    parts.forEach(out::writeBytes);
                    return out.toByteArray();
                }),
                Arbitraries.just("{}".getBytes(UTF_8)),
                Arbitraries.just(new byte[0]));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.just("FZA-001"), Arbitraries.strings().ofMaxLength(20),
                Arbitraries.just("FZA-\u0000"));
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.oneOf(Arbitraries.just("FZA").map(c -> hub.topicOf(c)), Arbitraries.just("elsewhere"),
                Arbitraries.strings().ofMaxLength(30));
    }
}
