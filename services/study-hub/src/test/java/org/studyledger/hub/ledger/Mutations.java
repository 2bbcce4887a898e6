package org.studyledger.hub.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages the bytes of a message the way a broken or hostile producer might: a bit flipped, a token inserted, a span
 * removed, repeated or replaced, the message cut short. The tokens include what breaks parsers and number handling:
 * lone surrogate escapes, huge exponents, invalid UTF-8, deep nesting, whitespace, nulls.
 */
final class Mutations {
    static final List<byte[]> TOKENS = List.of(bytes("{"), bytes("}"), bytes("["), bytes("]"), bytes(":"), bytes(","),
            bytes("\""), bytes("\\"), bytes("\\ud800"), bytes("\\u0041"), bytes("\\/"), bytes(" "), bytes("\n"),
            bytes("null"), bytes("true"), bytes("-0"), bytes("1.50"), bytes("1e2"), bytes("1e999999999"),
            bytes("1e2147483647"), bytes("\"zz\":\"\\ud800\","), bytes("\"zz\":1e999999999,"), bytes("[".repeat(40)),
            bytes("9".repeat(60)), bytes("é"), new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0,
                    (byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xFF}, new byte[] {0});

    private Mutations() {
    }

    /** {@code original} with one to three random changes; never the original bytes themselves. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] b = original;
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            b = once(b, random);
        }
        return Arrays.equals(b, original) ? once(b, random) : b;
    }

    private static byte[] once(byte[] b, Random random) {
        if (b.length == 0) {
            return TOKENS.get(random.nextInt(TOKENS.size())).clone();
        }
        int at = random.nextInt(b.length);
        int len = Math.min(1 + random.nextInt(12), b.length - at);
        byte[] token = TOKENS.get(random.nextInt(TOKENS.size()));
        return switch (random.nextInt(6)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                yield c;
            }
            case 1 -> splice(b, at, 0, token);
            case 2 -> splice(b, at, len, new byte[0]);
            case 3 -> splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
            case 4 -> splice(b, at, len, token);
            default -> Arrays.copyOf(b, at);
        };
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] add) {
        byte[] c = new byte[b.length - remove + add.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(add, 0, c, at, add.length);
        System.arraycopy(b, at + remove, c, at + add.length, b.length - at - remove);
        return c;
    }

    /**
     * The wire form of {@code tree}'s envelope with {@code member} (raw JSON text, e.g. {@code "zz":1e999999999})
     * added to its payload, and a signature in the right form that is not the center's: what anyone can send under a
     * center's key id, without its private key.
     */
    static byte[] withPayloadMember(com.fasterxml.jackson.databind.node.ObjectNode tree, String member) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = tree.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("payload")).put("zz", "PLACEHOLDER");
        copy.put("signature", "A".repeat(85) + "Q");
        String text = new String(org.studyledger.kernel.envelope.CanonicalJson.encode(copy), StandardCharsets.UTF_8);
        return text.replace("\"zz\":\"PLACEHOLDER\"", member).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
