package org.studyledger.kernel.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.studyledger.kernel.signing.SignedEvents.CREATED;
import static org.studyledger.kernel.signing.SignedEvents.MIL;
import static org.studyledger.kernel.signing.SignedEvents.PAV;
import static org.studyledger.kernel.signing.SignedEvents.enrolment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.signing.SignatureCheck.Outcome;
import org.studyledger.kernel.validation.ValidationException;

class EnvelopeSignaturesTest {
    private final SigningKey pav = SigningKey.generate(PAV, CREATED);
    private final KeyRing ring = KeyRing.of(pav.registered());

    @Test
    void aSignedEnvelopeVerifiesWithItsCentersRegisteredKey() {
        EventEnvelope signed = EnvelopeSignatures.sign(enrolment(), pav);

        assertThat(signed.keyId()).isEqualTo(pav.keyId().value());
        assertThat(EnvelopeSignatures.check(signed, ring)).isEqualTo(new SignatureCheck(Outcome.VALID, ""));
    }

    @Test
    void signingLeavesTheHashAndTheChainAsTheyWere() {
        EventEnvelope unsigned = enrolment();
        EventEnvelope signed = EnvelopeSignatures.sign(unsigned, pav);

        assertThat(signed.hash()).isEqualTo(unsigned.hash());
        assertThat(EventHashes.hashOf(signed)).isEqualTo(unsigned.hash());
        assertThat(signed.hashIsValid()).isTrue();
    }

    @Test
    void theSignatureSurvivesTheWire() {
        EventEnvelope signed = EnvelopeSignatures.sign(enrolment(), pav);

        EventEnvelope decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(signed));

        assertThat(decoded).isEqualTo(signed);
        assertThat(EnvelopeSignatures.check(decoded, ring).isValid()).isTrue();
    }

    @Test
    void anUnsignedEnvelopeIsReportedAsUnsigned() {
        SignatureCheck check = EnvelopeSignatures.check(enrolment(), ring);

        assertThat(check.outcome()).isEqualTo(Outcome.UNSIGNED);
        assertThat(check.reason()).contains("PAV-001 #0");
    }

    @Test
    void alteredBytesDoNotVerifyEvenWhenTheHashIsRecomputed() {
        EventEnvelope signed = EnvelopeSignatures.sign(enrolment(), pav);
        ObjectNode tree = EnvelopeCodec.toTree(signed);
        ((ObjectNode) tree.get("payload")).put("birth_year", 1972);
        tree.put("hash", EventHashes.hashOf(tree));
        EventEnvelope altered = EnvelopeCodec.decode(tree);

        SignatureCheck check = EnvelopeSignatures.check(altered, ring);

        assertThat(altered.hashIsValid()).isTrue();
        assertThat(check.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(check.reason()).contains(pav.keyId().value());
    }

    @Test
    void anAlteredHashDoesNotVerify() {
        EventEnvelope signed = EnvelopeSignatures.sign(enrolment(), pav);
        ObjectNode tree = EnvelopeCodec.toTree(signed);
        tree.put("previous_hash", "1".repeat(64));
        tree.put("hash", EventHashes.hashOf(tree));

        assertThat(EnvelopeSignatures.check(EnvelopeCodec.decode(tree), ring).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void aSignatureByAnotherKeyUnderThisKeysIdDoesNotVerify() {
        SigningKey other = SigningKey.generate(PAV, CREATED);
        EventEnvelope byOther = EnvelopeSignatures.sign(enrolment(), other);
        // Claim the registered key's id while keeping the other key's signature.
        EventEnvelope claimed = byOther.withSignature(pav.keyId().value(), byOther.signature());

        assertThat(EnvelopeSignatures.check(claimed, ring).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void aKeyThatIsNotRegisteredIsUnknownAndTheReasonNamesTheRegisteredOnes() {
        SigningKey unregistered = SigningKey.generate(PAV, CREATED);

        SignatureCheck check = EnvelopeSignatures.check(EnvelopeSignatures.sign(enrolment(), unregistered), ring);

        assertThat(check.outcome()).isEqualTo(Outcome.UNKNOWN_SIGNING_KEY);
        assertThat(check.reason()).contains(unregistered.keyId().value()).contains(pav.keyId().value());
    }

    @Test
    void aKeyOfAnotherCenterDoesNotSignForThisOne() {
        SigningKey mil = SigningKey.generate(MIL, CREATED);
        EventEnvelope pavEvent = enrolment();
        // sign() refuses, so forge the pairing by hand, as a hostile sender could.
        String signature = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                mil.sign(EnvelopeSignatures.signingInput(pavEvent, mil.keyId().value())));
        EventEnvelope forged = pavEvent.withSignature(mil.keyId().value(), signature);

        SignatureCheck check = EnvelopeSignatures.check(forged, KeyRing.of(pav.registered(), mil.registered()));

        assertThat(check.outcome()).isEqualTo(Outcome.SIGNING_KEY_OF_OTHER_CENTER);
        assertThatThrownBy(() -> EnvelopeSignatures.sign(pavEvent, mil)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("center MIL");
    }

    @Test
    void aRetiredKeyStaysValidForEventsRecordedBeforeItsRetirement() {
        Instant retired = Instant.parse("2026-03-01T00:00:00Z");
        KeyRing rotated = KeyRing.of(pav.registered().retiredAt(retired));

        EventEnvelope before = EnvelopeSignatures.sign(enrolment(PAV, retired.minusSeconds(1)), pav);
        EventEnvelope atRetirement = EnvelopeSignatures.sign(enrolment(PAV, retired), pav);
        EventEnvelope after = EnvelopeSignatures.sign(enrolment(PAV, retired.plusMillis(1)), pav);

        assertThat(EnvelopeSignatures.check(before, rotated).isValid()).isTrue();
        assertThat(EnvelopeSignatures.check(atRetirement, rotated).isValid()).isTrue();
        assertThat(EnvelopeSignatures.check(after, rotated).outcome()).isEqualTo(Outcome.SIGNING_KEY_RETIRED);
    }

    @Test
    void ed25519SignaturesAreDeterministicSoTheRfcKeyGivesPublishableVectors() {
        SigningKey rfc = SignedEvents.rfc8032Key(PAV);

        assertThat(EnvelopeSignatures.sign(enrolment(), rfc).signature())
                .isEqualTo(EnvelopeSignatures.sign(enrolment(), rfc).signature());
    }

    @Test
    void theRfc8032KeyReproducesTheStandardsOwnSignatureOfTheEmptyMessage() {
        SigningKey rfc = SignedEvents.rfc8032Key(PAV);

        assertThat(java.util.HexFormat.of().formatHex(rfc.sign(new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void theCodecRefusesHalfASignatureAndMalformedSignatures() {
        ObjectNode tree = EnvelopeCodec.toTree(EnvelopeSignatures.sign(enrolment(), pav));
        ObjectNode onlyKey = tree.deepCopy();
        onlyKey.remove("signature");
        ObjectNode badSignature = tree.deepCopy();
        badSignature.put("signature", "not+base64url");

        assertThatThrownBy(() -> EnvelopeCodec.decode(onlyKey)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("signature: is required");
        assertThatThrownBy(() -> EnvelopeCodec.decode(badSignature)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("signature: must be a 64-byte Ed25519 signature");
    }
}
