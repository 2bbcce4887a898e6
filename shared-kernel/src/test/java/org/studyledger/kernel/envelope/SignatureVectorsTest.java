package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SignatureCheck.Outcome;
import org.studyledger.kernel.signing.SignedEvents;
import org.studyledger.kernel.signing.SigningKey;

/** The published signature vectors (docs/test-vectors/envelope-signatures.json) are what this code signs and accepts. */
class SignatureVectorsTest {
    private final SigningKey key = SignedEvents.rfc8032Key(SampleEvents.CENTER);
    private final KeyRing ring = KeyRing.of(key.registered());

    @Test
    void thePublishedKeyIsTheRfcKeyWithItsDerivedId() throws IOException {
        JsonNode published = TestVectors.readSignatures().get("key");

        assertThat(published.get("key_id").textValue()).isEqualTo(key.keyId().value());
        assertThat(published.get("public_key").textValue())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
    }

    @Test
    void everyPublishedSignedEnvelopeVerifiesAndStatesItsSigningInput() throws IOException {
        for (JsonNode v : TestVectors.readSignatures().get("signed_envelopes")) {
            EventEnvelope e = EnvelopeCodec.decode((ObjectNode) v.get("envelope"));
            assertThat(EnvelopeSignatures.check(e, ring).outcome()).as(v.get("name").textValue()).isEqualTo(Outcome.VALID);
            assertThat(new String(EnvelopeSignatures.signingInput(e, e.keyId()), StandardCharsets.UTF_8))
                    .isEqualTo(v.get("signing_input").textValue());
            assertThat(e.hashIsValid()).isTrue();
        }
    }

    @Test
    void theSampleChainStillSignsToThePublishedSignatures() throws IOException {
        // Ed25519 is deterministic: a change to the signing input would change every signature.
        List<EventEnvelope> signed = TestVectors.signedChain();
        JsonNode published = TestVectors.readSignatures().get("signed_envelopes");
        assertThat(published).hasSize(signed.size());
        for (int i = 0; i < signed.size(); i++) {
            assertThat(signed.get(i).signature()).isEqualTo(published.get(i).get("signature").textValue());
        }
    }

    @Test
    void everyPublishedRefusedEnvelopeIsRefused() throws IOException {
        JsonNode refused = TestVectors.readSignatures().get("refused_envelopes");
        assertThat(refused).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode v : refused) {
            EventEnvelope e = EnvelopeCodec.decode((ObjectNode) v.get("envelope"));
            assertThat(EnvelopeSignatures.check(e, ring).isValid()).as(v.get("name").textValue()).isFalse();
        }
    }
}
