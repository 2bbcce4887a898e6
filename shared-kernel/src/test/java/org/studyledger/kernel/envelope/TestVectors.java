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

/**
 * The published test vectors ({@code docs/test-vectors/envelope-hashes.json}) that let another
 * implementation prove it encodes and hashes exactly as we do. {@link #main} rewrites the file; do that
 * only when the encoding changes on purpose (and bump the envelope version), never to make a test pass.
 */
final class TestVectors {
    static final Path FILE = locate();

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
    }
}
