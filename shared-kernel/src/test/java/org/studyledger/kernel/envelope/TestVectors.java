package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SignedEvents;
import org.studyledger.kernel.signing.SigningKey;

/**
 * The published test vectors ({@code docs/test-vectors/envelope-hashes.json}) that let another
 * implementation prove it encodes and hashes exactly as we do. {@link #main} rewrites the file; do that
 * only when the encoding changes on purpose (and bump the envelope version), never to make a test pass.
 */
final class TestVectors {
    static final Path FILE = locate();
    static final Path SIGNATURES_FILE = FILE.resolveSibling("envelope-signatures.json");

    /** Inputs (as JSON text, so nothing normalises them on the way) and their canonical encodings. */
    static final List<String> ENCODING_CASES = List.of(
            "{\"b\":1,\"a\":2,\"A\":3,\"_\":4,\"aa\":5}",
            "{\"é\":1,\"z\":2,\"€\":3,\"\uD83D\uDE00\":4,\"\uFF61\":5}",
            "{\"kept\":[1,null,\"x\"],\"omitted\":null,\"nested\":{\"y\":null,\"x\":{}}}",
            "[0,-0,1.0,1.50,100,1E+2,1e2,0.000100,-12.340,123456789012345678901234567890]",
            "[\"quote\\\" backslash\\\\ slash/ tab\\t nl\\n cr\\r bs\\b ff\\f nul\\u0000 unit\\u001f del\\u007f\"]",
            "[\"non-ASCII stays literal: Ünsal, 抑郁, \\u00e9, \\ud83d\\ude00\"]",
            "{\"true\":true,\"false\":false,\"empty_string\":\"\",\"empty_array\":[],\"empty_object\":{}}");

    private TestVectors() {
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs")) ) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository's docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/test-vectors/envelope-hashes.json");
    }

    static JsonNode read() throws IOException {
        return KernelJson.mapper().readTree(Files.readAllBytes(FILE));
    }

    static JsonNode readSignatures() throws IOException {
        return KernelJson.mapper().readTree(Files.readAllBytes(SIGNATURES_FILE));
    }

    /** The sample chain signed with the RFC 8032 test key, as a key of the sample center. */
    static List<EventEnvelope> signedChain() {
        SigningKey key = SignedEvents.rfc8032Key(SampleEvents.CENTER);
        return SampleEvents.chain().stream().map(e -> EnvelopeSignatures.sign(e, key)).toList();
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = KernelJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("description", "StudyLedger canonical JSON and event hash test vectors; see docs/events.md");
        root.put("envelope_version", EnvelopeCodec.ENVELOPE_VERSION);
        root.put("genesis_previous_hash", EventHashes.GENESIS);
        ArrayNode encoding = root.putArray("canonical_encoding");
        for (String input : ENCODING_CASES) {
            ObjectNode c = encoding.addObject();
            c.put("input", input);
            c.put("canonical", CanonicalJson.encodeToString(mapper.readTree(input)));
        }
        ArrayNode envelopes = root.putArray("envelopes");
        for (EventEnvelope e : SampleEvents.chain()) {
            ObjectNode v = envelopes.addObject();
            v.put("name", "sequence " + e.sequence() + ": " + e.eventType());
            v.set("envelope", EnvelopeCodec.toTree(e));
            v.put("canonical_without_hash",
                    new String(EventHashes.canonicalBytesWithoutHash(EnvelopeCodec.toTree(e)), StandardCharsets.UTF_8));
            v.put("sha256", e.hash());
        }
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, mapper.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
        System.out.println("wrote " + FILE);
        writeSignatures(mapper);
    }

    private static void writeSignatures(ObjectMapper mapper) throws IOException {
        SigningKey key = SignedEvents.rfc8032Key(SampleEvents.CENTER);
        ObjectNode root = mapper.createObjectNode();
        root.put("description", "StudyLedger envelope signature test vectors (Ed25519, RFC 8032); see docs/audit.md."
                + " The key is RFC 8032's test 1 key, so never trust it for real data.");
        ObjectNode k = root.putObject("key");
        k.put("center_id", key.center().value());
        k.put("secret_key_hex", SignedEvents.RFC8032_SECRET);
        k.put("public_key_hex", SignedEvents.RFC8032_PUBLIC);
        k.put("key_id", key.keyId().value());
        k.put("public_key", java.util.Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        ArrayNode signed = root.putArray("signed_envelopes");
        for (EventEnvelope e : signedChain()) {
            ObjectNode v = signed.addObject();
            v.put("name", e.subjectId() + " #" + e.sequence() + ": " + e.eventType());
            v.set("envelope", EnvelopeCodec.toTree(e));
            v.put("signing_input", new String(EnvelopeSignatures.signingInput(e, e.keyId()), StandardCharsets.UTF_8));
            v.put("signature", e.signature());
        }
        ArrayNode refused = root.putArray("refused_envelopes");
        EventEnvelope first = signedChain().get(0);
        ObjectNode altered = EnvelopeCodec.toTree(first);
        ((ObjectNode) altered.get("payload")).put("birth_year", 1972);
        altered.put("hash", EventHashes.hashOf(altered));
        refused.addObject().put("name", "payload altered and re-hashed after signing").set("envelope", altered);
        ObjectNode otherKeyId = EnvelopeCodec.toTree(first);
        otherKeyId.put("key_id", key.center() + "-0000000000000000");
        refused.addObject().put("name", "signature moved to another key id").set("envelope", otherKeyId);
        ObjectNode flipped = EnvelopeCodec.toTree(first);
        String sig = first.signature();
        flipped.put("signature", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
        refused.addObject().put("name", "signature with one character changed").set("envelope", flipped);
        Files.writeString(SIGNATURES_FILE, mapper.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
        System.out.println("wrote " + SIGNATURES_FILE);
    }
}
