package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.studyledger.kernel.validation.Text;

/**
 * The canonical, byte-exact JSON encoding that event hashes are computed over. It is specified in
 * {@code docs/events.md} so that an implementation in any language produces the same bytes:
 * <ul>
 *   <li>UTF-8, no byte-order mark, no insignificant whitespace;</li>
 *   <li>object members sorted by key, comparing keys as sequences of UTF-16 code units;
 *       members whose value is {@code null} are left out;</li>
 *   <li>strings: {@code "} and {@code \} escaped, U+0008/09/0A/0C/0D as {@code \b \t \n \f \r},
 *       other characters below U+0020 as {@code \}{@code u00xx} (lower-case hex), everything else as is;</li>
 *   <li>numbers in plain decimal notation: no exponent, no leading zeros, no trailing zeros in the
 *       fraction and no fraction when it would be empty, {@code 0} for negative zero;</li>
 *   <li>{@code true}, {@code false}; {@code null} only inside arrays.</li>
 * </ul>
 * Binary floating point is refused: a value that is not exactly representable cannot be hashed portably.
 *
 * <p>{@link #encode} never throws anything but {@link IllegalArgumentException}, and only for a tree that has no
 * canonical form or would be unreasonable to write: a binary floating-point number, an unpaired surrogate, a node that
 * is not JSON (binary, POJO, missing), nesting deeper than {@link #MAX_DEPTH}, or a number whose plain decimal form
 * would be longer than {@link #MAX_NUMBER_LENGTH} characters (such as {@code 1e999999999}, whose plain form alone would
 * not fit in memory). Bytes from the wire are read with {@link CanonicalReader} first, whose {@link WireLimits} stay
 * within these caps, so a message never reaches the encoder with such a value.
 */
public final class CanonicalJson {
    /** The deepest nesting of objects and arrays the encoder writes (the envelope itself is depth 1). */
    public static final int MAX_DEPTH = 1_000;
    /** The longest number, in characters of its plain decimal form, the encoder writes. */
    public static final int MAX_NUMBER_LENGTH = 1_000;

    private CanonicalJson() {
    }

    /**
     * The canonical bytes of {@code node}.
     *
     * @throws IllegalArgumentException when the tree has no canonical form or exceeds the encoder's caps (see above)
     */
    public static byte[] encode(JsonNode node) {
        if (node == null) {
            throw new IllegalArgumentException("no tree to encode");
        }
        StringBuilder out = new StringBuilder(256);
        write(node, out, 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical encoding of an object, kept member by member, so that the encodings of the object without some of
     * its members (what an envelope's hash and its signature are made over) come from one pass over its tree instead of
     * one pass per encoding. {@link Members#without} is byte for byte {@link #encode} of the object with those members
     * removed: the members are the same, each encoded the same way, in the same order.
     *
     * @throws IllegalArgumentException as {@link #encode} does
     */
    public static Members members(ObjectNode object) {
        if (object == null) {
            throw new IllegalArgumentException("no tree to encode");
        }
        List<Map.Entry<String, JsonNode>> sorted = sortedMembers(object);
        String[] names = new String[sorted.size()];
        String[] encoded = new String[sorted.size()];
        StringBuilder out = new StringBuilder(256);
        for (int i = 0; i < sorted.size(); i++) {
            out.setLength(0);
            writeString(sorted.get(i).getKey(), out);
            out.append(':');
            // Depth 1: the members of a top-level object, as encode writes them.
            write(sorted.get(i).getValue(), out, 1);
            names[i] = sorted.get(i).getKey();
            encoded[i] = out.toString();
        }
        return new Members(names, encoded);
    }

    /** An object's members in canonical order, each as its canonical {@code "name":value}. */
    public static final class Members {
        private final String[] names;
        private final String[] encoded;

        private Members(String[] names, String[] encoded) {
            this.names = names;
            this.encoded = encoded;
        }

        /** The canonical bytes of the object without the members named (a name it does not have is ignored). */
        public byte[] without(Set<String> left) {
            StringBuilder out = new StringBuilder(256);
            out.append('{');
            boolean first = true;
            for (int i = 0; i < names.length; i++) {
                if (left.contains(names[i])) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(encoded[i]);
            }
            return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    public static String encodeToString(JsonNode node) {
        return new String(encode(node), StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out, int depth) {
        if (node == null) {
            throw new IllegalArgumentException("a null child node is not JSON");
        }
        if ((node.isObject() || node.isArray()) && depth + 1 > MAX_DEPTH) {
            throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH + " has no canonical form here");
        }
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, depth + 1);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, depth + 1);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not representable in canonical JSON: " + node.getNodeType());
        }
    }

    /** The members that are written (not {@code null}), in the documented order. */
    private static List<Map.Entry<String, JsonNode>> sortedMembers(JsonNode node) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getValue().isNull()) {
                members.add(member);
            }
        }
        // String.compareTo compares UTF-16 code units, which is the documented key order.
        members.sort(Map.Entry.comparingByKey());
        return members;
    }

    private static void writeObject(JsonNode node, StringBuilder out, int depth) {
        List<Map.Entry<String, JsonNode>> members = sortedMembers(node);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(member.getKey(), out);
            out.append(':');
            write(member.getValue(), out, depth);
        }
        out.append('}');
    }

    private static String number(JsonNode node) {
        if (node.isFloat() || node.isDouble()) {
            throw new IllegalArgumentException(
                    "binary floating-point value " + node.asText() + " has no canonical form; use a decimal");
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // Measure before writing: the plain form of 1e999999999 alone is a billion characters.
        long precision = stripped.precision();
        long scale = stripped.scale();
        long length = (stripped.signum() < 0 ? 1 : 0)
                + (scale <= 0 ? precision - scale : scale >= precision ? scale + 2 : precision + 1);
        if (length > MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("a number whose plain decimal form has " + length
                    + " characters; the canonical encoder writes at most " + MAX_NUMBER_LENGTH);
        }
        return stripped.toPlainString();
    }

    private static void writeString(String s, StringBuilder out) {
        int unpaired = Text.unpairedSurrogateAt(s);
        if (unpaired >= 0) {
            // A lone surrogate has no UTF-8 encoding: refused rather than silently replaced.
            throw new IllegalArgumentException("string contains an unpaired surrogate at index " + unpaired);
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
