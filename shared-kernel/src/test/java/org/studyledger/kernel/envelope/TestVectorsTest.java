package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published vectors in docs/ are what this implementation produces, byte for byte. */
class TestVectorsTest {

    @Test
    void canonicalEncodingCasesMatchThePublishedBytes() throws IOException {
        JsonNode cases = TestVectors.read().get("canonical_encoding");
        assertThat(cases).hasSize(TestVectors.ENCODING_CASES.size());
        for (JsonNode c : cases) {
            JsonNode input = KernelJson.mapper().readTree(c.get("input").textValue());
            assertThat(CanonicalJson.encodeToString(input)).as(c.get("input").textValue())
                    .isEqualTo(c.get("canonical").textValue());
        }
    }

    @Test
    void everyPublishedEnvelopeHashesToItsStatedHash() throws IOException {
        for (JsonNode v : TestVectors.read().get("envelopes")) {
            ObjectNode envelope = (ObjectNode) v.get("envelope");
            String canonical = new String(EventHashes.canonicalBytesWithoutHash(envelope), StandardCharsets.UTF_8);
            assertThat(canonical).as(v.get("name").textValue()).isEqualTo(v.get("canonical_without_hash").textValue());
            assertThat(EventHashes.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(v.get("sha256").textValue())
                    .isEqualTo(envelope.get("hash").textValue());
        }
    }

    @Test
    void publishedEnvelopesDecodeToTypedEventsAndFormOneChainPerSubjectFromGenesis() throws IOException {
        java.util.Map<String, EventEnvelope> previous = new java.util.HashMap<>();
        for (JsonNode v : TestVectors.read().get("envelopes")) {
            EventEnvelope e = EnvelopeCodec.decode((ObjectNode) v.get("envelope"));
            assertThat(e.hashIsValid()).isTrue();
            assertThat(EnvelopeCodec.payloadOf(e).getClass().getSimpleName()).isEqualTo(e.eventType());
            EventEnvelope before = previous.put(e.subjectId().value(), e);
            if (before == null) {
                assertThat(e.sequence()).isZero();
                assertThat(e.previousHash()).isEqualTo(EventHashes.GENESIS);
            } else {
                assertThat(e.follows(before)).as("%s follows %s", e.sequence(), before.sequence()).isTrue();
            }
        }
        assertThat(previous).containsOnlyKeys("PAV-001", "PAV-002");
    }

    @Test
    void theSampleHistoryStillSealsToThePublishedVectors() throws IOException {
        // Guards against an innocent-looking change to the mapping (a renamed field, a date format)
        // that would silently give every future event a different hash from other implementations.
        List<EventEnvelope> chain = SampleEvents.chain();
        JsonNode published = TestVectors.read().get("envelopes");
        assertThat(published).hasSize(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            assertThat(CanonicalJson.encodeToString(EnvelopeCodec.toTree(chain.get(i))))
                    .isEqualTo(CanonicalJson.encodeToString(published.get(i).get("envelope")));
        }
    }

    @Test
    void theVectorsCoverEveryEventType() throws IOException {
        List<String> types = TestVectors.read().get("envelopes").findValuesAsText("event_type");
        assertThat(types).containsAll(EventTypes.all().keySet());
    }

    @Test
    void anIndependentImplementationInPythonAgreesWithTheVectors() throws Exception {
        // docs/tools/verify_vectors.py re-implements the encoding, hash and signature from docs/ alone.
        java.nio.file.Path script = TestVectors.FILE.getParent().getParent().resolve("tools/verify_vectors.py");
        ProcessBuilder python = new ProcessBuilder("python3", script.toString(), TestVectors.FILE.toString())
                .redirectErrorStream(true);
        Process process;
        try {
            process = python.start();
        } catch (IOException noPython) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not installed here: " + noPython.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        JsonNode signatures = TestVectors.readSignatures();
        int cases = TestVectors.read().get("canonical_encoding").size() + TestVectors.read().get("envelopes").size()
                + 1 + signatures.get("signed_envelopes").size() + signatures.get("refused_envelopes").size();
        assertThat(output).contains(cases + " passed, 0 failed");
    }
}
