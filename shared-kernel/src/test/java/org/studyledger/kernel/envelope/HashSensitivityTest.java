package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Any alteration of an envelope, however small, yields a different hash. */
class HashSensitivityTest {

    @Test
    void changingAnyByteOfTheCanonicalEncodingChangesTheHash() {
        for (EventEnvelope e : SampleEvents.chain()) {
            byte[] bytes = EventHashes.canonicalBytesWithoutHash(EnvelopeCodec.toTree(e));
            assertThat(EventHashes.sha256Hex(bytes)).isEqualTo(e.hash());
            for (int i = 0; i < bytes.length; i++) {
                byte[] altered = bytes.clone();
                altered[i] ^= 0x01;
                assertThat(EventHashes.sha256Hex(altered)).as("byte %d of sequence %d", i, e.sequence())
                        .isNotEqualTo(e.hash());
            }
        }
    }

    @Test
    void changingAnyValueOfTheEnvelopeOrPayloadChangesTheHash() {
        for (EventEnvelope e : SampleEvents.chain()) {
            ObjectNode original = EnvelopeCodec.toTree(e);
            List<Consumer<ObjectNode>> mutations = new ArrayList<>();
            collectLeafMutations(original, "", mutations);
            assertThat(mutations).hasSizeGreaterThan(12);
            for (Consumer<ObjectNode> mutation : mutations) {
                ObjectNode altered = original.deepCopy();
                mutation.accept(altered);
                assertThat(EventHashes.hashOf(altered)).isNotEqualTo(e.hash());
            }
        }
    }

    @Test
    void anEnvelopeHashesAsItsTreeDoesOnEveryThreadAndItsTreeIsLeftWhole() throws Exception {
        List<EventEnvelope> chain = SampleEvents.chain();
        for (EventEnvelope e : chain) {
            ObjectNode tree = EnvelopeCodec.toTree(e);
            ObjectNode before = tree.deepCopy();
            assertThat(EventHashes.hashOf(e)).isEqualTo(EventHashes.hashOf(tree)).isEqualTo(e.hash());
            assertThat(tree).as("hashing a tree leaves its hash and signature members in it").isEqualTo(before);
        }
        // Each thread hashes with its own digest; interleaved, they still give every envelope its own hash.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> hashes = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                hashes.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (int round = 0; round < 200; round++) {
                        chain.forEach(e -> out.add(EventHashes.hashOf(e)));
                    }
                    return out;
                }));
            }
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < 200; round++) {
                chain.forEach(e -> expected.add(e.hash()));
            }
            for (java.util.concurrent.Future<List<String>> f : hashes) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHashMemberItselfIsNotPartOfWhatIsHashed() {
        EventEnvelope e = SampleEvents.chain().get(0);
        ObjectNode tree = EnvelopeCodec.toTree(e);
        tree.put(EnvelopeCodec.HASH, "f".repeat(64));
        assertThat(EventHashes.hashOf(tree)).isEqualTo(e.hash());
    }

    @Test
    void aTamperedDecodedEnvelopeNoLongerVerifies() {
        EventEnvelope e = SampleEvents.chain().get(1);
        ObjectNode tree = EnvelopeCodec.toTree(e);
        ((ObjectNode) tree.get("payload").get("items")).put("MADRS_10", 3);
        EventEnvelope tampered = EnvelopeCodec.decode(tree);
        assertThat(tampered.hashIsValid()).isFalse();
        assertThat(e.hashIsValid()).isTrue();
    }

    /** One mutation per leaf (except the hash itself): strings get a character, numbers +1, booleans flip. */
    private static void collectLeafMutations(JsonNode node, String path, List<Consumer<ObjectNode>> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (path.isEmpty() && member.getKey().equals(EnvelopeCodec.HASH)) {
                    continue;
                }
                String child = path + "/" + member.getKey();
                JsonNode value = member.getValue();
                if (value.isContainerNode()) {
                    collectLeafMutations(value, child, out);
                } else {
                    String parent = path;
                    String key = member.getKey();
                    out.add(root -> ((ObjectNode) root.at(parent.isEmpty() ? "" : parent)).set(key, mutate(value)));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (value.isContainerNode()) {
                    collectLeafMutations(value, path + "/" + i, out);
                } else {
                    String parent = path;
                    int index = i;
                    out.add(root -> ((ArrayNode) root.at(parent)).set(index, mutate(value)));
                }
            }
        }
    }

    private static JsonNode mutate(JsonNode leaf) {
        if (leaf.isTextual()) {
            return TextNode.valueOf(leaf.textValue() + "x");
        }
        if (leaf.isIntegralNumber()) {
            return IntNode.valueOf(leaf.intValue() + 1);
        }
        if (leaf.isNumber()) {
            return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(leaf.decimalValue().add(java.math.BigDecimal.ONE));
        }
        if (leaf.isBoolean()) {
            return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(!leaf.booleanValue());
        }
        throw new IllegalArgumentException("unexpected leaf " + leaf);
    }
}
