package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    @Test
    void binaryFloatingPointIsRefused() {
        ObjectNode node = json.objectNode().put("x", 0.1d);
        assertThatThrownBy(() -> CanonicalJson.encode(node)).hasMessageContaining("floating-point");
    }

    @Test
    void anUnpairedSurrogateIsRefusedRatherThanSilentlyReplaced() {
        ObjectNode node = json.objectNode().put("x", "a\uD83D");
        assertThatThrownBy(() -> CanonicalJson.encode(node)).hasMessageContaining("unpaired surrogate");
    }

    @Test
    void outputIsUtf8WithoutEscapingNonAscii() {
        byte[] bytes = CanonicalJson.encode(json.objectNode().put("t", "é"));
        assertThat(bytes).containsExactly('{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0xA9, '"', '}');
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"t\":\"é\"}");
    }

    @Test
    void memberOrderOfTheInputDoesNotMatter() {
        ObjectNode a = json.objectNode().put("b", 1).put("a", "x");
        ObjectNode b = json.objectNode().put("a", "x").put("b", 1);
        assertThat(CanonicalJson.encode(a)).isEqualTo(CanonicalJson.encode(b));
    }

    @Test
    void membersWithoutSomeAreTheEncodingOfTheObjectWithoutThem() {
        ObjectNode node = json.objectNode().put("é", "x").put("b", 1).put("a", "y").putNull("n").put("z", "last");
        node.putObject("o").put("k", "v").putArray("arr").add(1).addNull();
        CanonicalJson.Members members = CanonicalJson.members(node);
        for (java.util.Set<String> left : java.util.List.of(java.util.Set.<String>of(), java.util.Set.of("a"),
                java.util.Set.of("z"), java.util.Set.of("b", "o"), java.util.Set.of("a", "b", "o", "z", "é"),
                java.util.Set.of("absent"))) {
            ObjectNode copy = node.deepCopy();
            copy.remove(left);
            assertThat(members.without(left)).as("without %s", left).isEqualTo(CanonicalJson.encode(copy));
        }
    }

    @Test
    void membersRefuseWhatTheEncoderRefuses() {
        ObjectNode node = json.objectNode().put("x", 0.1d);
        assertThatThrownBy(() -> CanonicalJson.members(node)).hasMessageContaining("floating-point");
    }
}
