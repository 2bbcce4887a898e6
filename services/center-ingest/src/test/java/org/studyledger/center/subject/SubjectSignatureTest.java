package org.studyledger.center.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_AT;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_MADRS;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_1;
import static org.studyledger.center.subject.SubjectFixtures.FIRST_DOSE_AT;
import static org.studyledger.center.subject.SubjectFixtures.KEY;
import static org.studyledger.center.subject.SubjectFixtures.PAV;
import static org.studyledger.center.subject.SubjectFixtures.SUBJECT;
import static org.studyledger.center.subject.SubjectFixtures.context;
import static org.studyledger.center.subject.SubjectFixtures.correct;
import static org.studyledger.center.subject.SubjectFixtures.dose;
import static org.studyledger.center.subject.SubjectFixtures.enrol;
import static org.studyledger.center.subject.SubjectFixtures.eventsMatching;
import static org.studyledger.center.subject.SubjectFixtures.madrsItems;
import static org.studyledger.center.subject.SubjectFixtures.newFixture;
import static org.studyledger.center.subject.SubjectFixtures.recordMadrs;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SignatureCheck;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.support.eventstore.StoredEnvelopes;

/**
 * Every event is signed with the center's key when it is recorded, and the signature is stored with it (as
 * metadata beside the hash), so the envelope rebuilt from the store is the signed one the hub verifies.
 */
class SubjectSignatureTest {
    private static final KeyRing CENTER_KEYS = KeyRing.of(KEY.registered());

    /** The only event a command applied, as its envelope rebuilt from payload and metadata. */
    private static Matcher<List<EventMessage<?>>> oneEnvelope(String text, Predicate<EventEnvelope> test) {
        return eventsMatching("one event whose rebuilt envelope " + text,
                events -> events.size() == 1 && test.test(StoredEnvelopes.envelopeOf(events.get(0))));
    }

    private static List<EventEnvelope> storedHistory(AggregateTestFixture<Subject> fixture) {
        return fixture.getEventStore().readEvents(SUBJECT.value()).asStream()
                .<EventEnvelope>map(StoredEnvelopes::envelopeOf).toList();
    }

    @Test
    void storesTheActiveKeysIdWithTheEvent() {
        newFixture().givenNoPriorActivity()
                .when(enrol())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(eventsMatching("one event whose metadata names key " + KEY.keyId(),
                        events -> events.size() == 1
                                && KEY.keyId().value().equals(events.get(0).getMetaData().get(EnvelopeCodec.KEY_ID))
                                && events.get(0).getMetaData().get(EnvelopeCodec.SIGNATURE) != null));
    }

    @Test
    void storesASignatureThatVerifiesWithTheCentersPublicKey() {
        newFixture().givenCommands(enrol())
                .when(recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("has a signature that verifies with the center's public key",
                        e -> EnvelopeSignatures.check(e, CENTER_KEYS).isValid()));
    }

    @Test
    void signsEveryEventOfTheHistory() {
        AggregateTestFixture<Subject> fixture = newFixture();
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .when(correct(BASELINE_MADRS, madrsItems(5, 4, 3, 3, 3, 3, 3, 2, 1, 1), "transcription error"))
                .expectSuccessfulHandlerExecution();

        List<EventEnvelope> history = storedHistory(fixture);
        assertEquals(3, history.size());
        history.forEach(e -> assertEquals(SignatureCheck.Outcome.VALID,
                EnvelopeSignatures.check(e, CENTER_KEYS).outcome(), () -> EnvelopeSignatures.check(e, CENTER_KEYS).reason()));
    }

    @Test
    void signsWithTheKeyTheSignerHoldsWhenTheEventIsRecorded() {
        CenterSigner signer = new CenterSigner(KEY);
        AggregateTestFixture<Subject> fixture = newFixture(context(signer));
        SigningKey next = SigningKey.generate(PAV, Instant.parse("2026-02-01T08:00:00Z"));
        TestExecutor<Subject> enrolled = fixture.givenCommands(enrol());

        signer.switchTo(next);
        enrolled.when(dose(DOSE_1, FIRST_DOSE_AT)).expectSuccessfulHandlerExecution();

        List<EventEnvelope> history = storedHistory(fixture);
        assertEquals(List.of(KEY.keyId().value(), next.keyId().value()),
                history.stream().map(EventEnvelope::keyId).toList());
        KeyRing both = KeyRing.of(KEY.registered(), next.registered());
        history.forEach(e -> assertTrue(EnvelopeSignatures.check(e, both).isValid(),
                () -> EnvelopeSignatures.check(e, both).reason()));
    }
    @Test
    void aCenterCannotSignWithAnotherCentersKey() {
        CenterSigner milan = new CenterSigner(SigningKey.generate(CenterId.of("MIL"), Instant.parse("2026-02-01T08:00:00Z")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> context(milan));
        assertTrue(refused.getMessage().contains("center PAV cannot sign with key MIL-"), refused.getMessage());
    }
}
