package org.studyledger.kernel.envelope;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, in one linear pass over raw bytes and before any JSON parser or {@link java.math.BigDecimal} sees them,
 * whether they are exactly the canonical encoding of {@link CanonicalJson} (docs/events.md, "The canonical
 * encoding"), and keeps the work any message can cause within {@link WireLimits}:
 * <ul>
 *   <li>strict UTF-8: no byte-order mark, no overlong forms, no encoded surrogates, nothing above U+10FFFF;</li>
 *   <li>no whitespace between tokens;</li>
 *   <li>object members sorted by UTF-16 code units, none repeated, none {@code null};</li>
 *   <li>strings escaped exactly as canonical: {@code \" \\ \b \t \n \f \r}, {@code &#92;u00xx} (lower-case hex) for the
 *       other characters below U+0020, and no other escape ({@code \/}, {@code &#92;u0041} and {@code &#92;ud800} are not
 *       canonical);</li>
 *   <li>numbers in canonical decimal form: no exponent, no leading zeros, no trailing fraction zeros, no {@code -0}.</li>
 * </ul>
 * The outcome is {@link Verdict#CANONICAL}, {@link Verdict#NOT_CANONICAL} (valid JSON, other bytes),
 * {@link Verdict#MALFORMED} (not JSON, not UTF-8) or {@link Verdict#LIMIT_EXCEEDED} (the pass stops at the first limit
 * crossed). UTF-16 input (with or without a byte-order mark) is transcoded and read: JSON in UTF-16 is not canonical.
 *
 * <p>The pass also keeps the scalar values (strings and numbers as written) of the top-level members named by the
 * caller, so that whoever refuses a message can still say what it claimed to be. A member that appears twice is not
 * kept. Nothing here throws: every input ends in a {@link Reading}.
 */
public final class CanonicalReader {
    private CanonicalReader() {
    }

    /** What the bytes are. */
    public enum Verdict { CANONICAL, NOT_CANONICAL, MALFORMED, LIMIT_EXCEEDED }

    /**
     * A top-level member's value as the pass read it.
     *
     * @param text     a string decoded, or a number as written
     * @param isString whether it was a string (otherwise a number)
     */
    public record Scalar(String text, boolean isString) {
    }

    /**
     * The outcome of one pass.
     *
     * @param verdict  what the bytes are
     * @param reason   empty for canonical bytes; otherwise a sentence with the byte position (1-based) and, for a
     *                 limit, the limit's name, its value and the value found
     * @param topLevel the requested top-level members' scalar values (strings decoded, numbers as written), as far as
     *                 the pass got
     */
    public record Reading(Verdict verdict, String reason, Map<String, Scalar> topLevel) {
        public Reading {
            topLevel = Map.copyOf(topLevel);
        }

        public boolean isCanonical() {
            return verdict == Verdict.CANONICAL;
        }
    }

    public static Reading read(byte[] bytes, WireLimits limits) {
        return read(bytes, limits, Set.of());
    }

    /** Reads {@code bytes}, keeping the scalar values of the top-level members named in {@code capture}. */
    public static Reading read(byte[] bytes, WireLimits limits, Set<String> capture) {
        if (bytes == null) {
            return new Reading(Verdict.MALFORMED, "malformed JSON: no bytes", Map.of());
        }
        if (bytes.length > limits.maxMessageBytes()) {
            return new Reading(Verdict.LIMIT_EXCEEDED, "the message is " + bytes.length + " bytes; the limit "
                    + WireLimits.MAX_MESSAGE_BYTES + " is " + limits.maxMessageBytes(), Map.of());
        }
        if (isUtf16(bytes)) {
            return readUtf16(bytes, limits, capture);
        }
        return new Pass(bytes, limits, capture).run();
    }

    /** RFC 4627 section 3: a byte-order mark of UTF-16, or a zero byte in one of the first two. */
    private static boolean isUtf16(byte[] b) {
        if (b.length < 2) {
            return false;
        }
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        return (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || ((b0 == 0) != (b1 == 0));
    }

    private static Reading readUtf16(byte[] bytes, WireLimits limits, Set<String> capture) {
        int b0 = bytes[0] & 0xFF;
        int b1 = bytes[1] & 0xFF;
        boolean bom = (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE);
        boolean bigEndian = bom ? b0 == 0xFE : b0 == 0;
        CharsetDecoder decoder = (bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, bom ? 2 : 0, bytes.length - (bom ? 2 : 0)));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            return new Reading(Verdict.MALFORMED, "malformed JSON: not UTF-8 (byte 1 is "
                    + String.format("0x%02x", b0) + "), and not UTF-16 either", Map.of());
        }
        Reading inner = new Pass(text.getBytes(StandardCharsets.UTF_8), limits, capture).run();
        if (inner.verdict() == Verdict.MALFORMED || inner.verdict() == Verdict.LIMIT_EXCEEDED) {
            return new Reading(inner.verdict(), inner.reason() + " (read as UTF-16)", inner.topLevel());
        }
        return new Reading(Verdict.NOT_CANONICAL, "not canonical: encoded in UTF-16"
                + (bigEndian ? "BE" : "LE") + ", not UTF-8", inner.topLevel());
    }

    /** Ends the pass: the bytes are not JSON, or a limit is crossed. */
    private static final class Stop extends RuntimeException {
        final Verdict verdict;

        Stop(Verdict verdict, String message) {
            super(message, null, false, false);
            this.verdict = verdict;
        }
    }

    /** What a value turned out to be, so an object can refuse a {@code null} member. */
    private enum Kind { NULL, OTHER }

    private static final class Pass {
        private static final int MAX_FINDINGS = 3;

        private final byte[] b;
        private final WireLimits limits;
        private final Set<String> capture;
        private final Map<String, Scalar> captured = new HashMap<>();
        private final Set<String> repeated = new HashSet<>();
        private final List<String> findings = new ArrayList<>(MAX_FINDINGS);
        private final StringBuilder text = new StringBuilder();
        private int pos;

        Pass(byte[] b, WireLimits limits, Set<String> capture) {
            this.b = b;
            this.limits = limits;
            this.capture = capture;
        }

        Reading run() {
            try {
                if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
                    notCanonical(0, "a UTF-8 byte-order mark");
                    pos = 3;
                }
                whitespace();
                if (pos >= b.length) {
                    throw malformed("no JSON value");
                }
                value(0, null);
                whitespace();
                if (pos < b.length) {
                    throw malformed("content after the JSON value");
                }
            } catch (Stop stop) {
                return new Reading(stop.verdict, stop.getMessage(), kept());
            }
            if (findings.isEmpty()) {
                return new Reading(Verdict.CANONICAL, "", kept());
            }
            return new Reading(Verdict.NOT_CANONICAL, "not canonical: " + String.join("; ", findings), kept());
        }

        private Map<String, Scalar> kept() {
            Map<String, Scalar> kept = new HashMap<>(captured);
            kept.keySet().removeAll(repeated);
            return kept;
        }

        private void notCanonical(int at, String what) {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(what + " at byte " + (at + 1));
            }
        }

        private Stop malformed(String what) {
            return new Stop(Verdict.MALFORMED, "malformed JSON at byte " + (pos + 1) + ": " + what);
        }

        private Stop limit(int at, String name, int limit, String found) {
            return new Stop(Verdict.LIMIT_EXCEEDED, found + " at byte " + (at + 1) + "; the limit " + name + " is " + limit);
        }

        private void whitespace() {
            int start = pos;
            while (pos < b.length) {
                byte c = b[pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    break;
                }
                pos++;
            }
            if (pos > start) {
                notCanonical(start, "whitespace between tokens");
            }
        }

        /** Reads one value; {@code member} is the name of the top-level member it is the value of, or null. */
        private Kind value(int depth, String member) {
            if (pos >= b.length) {
                throw malformed("the input ends where a value should be");
            }
            byte c = b[pos];
            switch (c) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> {
                    keep(member, new Scalar(string(), true));
                }
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> {
                    literal("null");
                    return Kind.NULL;
                }
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        int start = pos;
                        number();
                        keep(member, new Scalar(token(start), false));
                    } else {
                        throw malformed("unexpected " + describe(c));
                    }
                }
            }
            return Kind.OTHER;
        }

        private void keep(String member, Scalar value) {
            if (member != null && capture.contains(member)) {
                captured.put(member, value);
            }
        }

        private void enter(int depth) {
            if (depth > limits.maxDepth()) {
                throw limit(pos, WireLimits.MAX_DEPTH, limits.maxDepth(), "nesting depth " + depth);
            }
        }

        private void object(int depth) {
            enter(depth);
            pos++; // {
            whitespace();
            if (pos < b.length && b[pos] == '}') {
                pos++;
                return;
            }
            String previous = null;
            Set<String> names = new HashSet<>();
            int members = 0;
            while (true) {
                whitespace();
                if (pos >= b.length || b[pos] != '"') {
                    throw malformed("a member name (a string) is expected");
                }
                int nameAt = pos;
                String name = string();
                members++;
                if (members > limits.maxMembers()) {
                    throw limit(nameAt, WireLimits.MAX_MEMBERS, limits.maxMembers(), "member number " + members + " of an object");
                }
                if (!names.add(name)) {
                    notCanonical(nameAt, "member '" + shorten(name) + "' repeated");
                    if (depth == 1) {
                        repeated.add(name);
                    }
                } else if (previous != null && name.compareTo(previous) < 0) {
                    notCanonical(nameAt, "member '" + shorten(name) + "' out of order (after '" + shorten(previous) + "')");
                }
                previous = name;
                whitespace();
                if (pos >= b.length || b[pos] != ':') {
                    throw malformed("':' is expected after a member name");
                }
                pos++;
                whitespace();
                int valueAt = pos;
                if (value(depth, depth == 1 ? name : null) == Kind.NULL) {
                    notCanonical(valueAt, "member '" + shorten(name) + "' is null (the canonical form leaves it out)");
                }
                whitespace();
                if (pos >= b.length) {
                    throw malformed("the input ends inside an object");
                }
                if (b[pos] == ',') {
                    pos++;
                } else if (b[pos] == '}') {
                    pos++;
                    return;
                } else {
                    throw malformed("',' or '}' is expected, not " + describe(b[pos]));
                }
            }
        }

        private void array(int depth) {
            enter(depth);
            pos++; // [
            whitespace();
            if (pos < b.length && b[pos] == ']') {
                pos++;
                return;
            }
            int elements = 0;
            while (true) {
                whitespace();
                int at = pos;
                elements++;
                if (elements > limits.maxElements()) {
                    throw limit(at, WireLimits.MAX_ELEMENTS, limits.maxElements(), "element number " + elements + " of an array");
                }
                value(depth, null);
                whitespace();
                if (pos >= b.length) {
                    throw malformed("the input ends inside an array");
                }
                if (b[pos] == ',') {
                    pos++;
                } else if (b[pos] == ']') {
                    pos++;
                    return;
                } else {
                    throw malformed("',' or ']' is expected, not " + describe(b[pos]));
                }
            }
        }

        private void literal(String word) {
            int n = word.length();
            if (pos + n > b.length) {
                throw malformed("the input ends inside '" + word + "'");
            }
            for (int i = 0; i < n; i++) {
                if (b[pos + i] != word.charAt(i)) {
                    throw malformed("unexpected " + describe(b[pos + i]));
                }
            }
            pos += n;
        }

        /** Reads a string token, from its opening quote; returns it decoded. */
        private String string() {
            int start = pos;
            pos++; // "
            text.setLength(0);
            while (true) {
                if (pos >= b.length) {
                    throw malformed("the input ends inside a string");
                }
                int c = b[pos] & 0xFF;
                if (c == '"') {
                    pos++;
                    return text.toString();
                }
                if (c == '\\') {
                    escape();
                } else if (c < 0x20) {
                    throw malformed("control character U+" + String.format("%04X", c) + " unescaped in a string");
                } else if (c < 0x80) {
                    text.append((char) c);
                    pos++;
                } else {
                    text.appendCodePoint(utf8(c));
                }
                if (text.length() > limits.maxStringLength()) {
                    throw limit(start, WireLimits.MAX_STRING_LENGTH, limits.maxStringLength(),
                            "a string longer than " + limits.maxStringLength() + " characters");
                }
            }
        }

        private void escape() {
            int at = pos;
            if (pos + 1 >= b.length) {
                throw malformed("the input ends inside an escape");
            }
            byte e = b[pos + 1];
            pos += 2;
            switch (e) {
                case '"' -> text.append('"');
                case '\\' -> text.append('\\');
                case 'b' -> text.append('\b');
                case 't' -> text.append('\t');
                case 'n' -> text.append('\n');
                case 'f' -> text.append('\f');
                case 'r' -> text.append('\r');
                case '/' -> {
                    text.append('/');
                    notCanonical(at, "the escape \\/ ('/' is written as itself)");
                }
                case 'u' -> {
                    if (pos + 4 > b.length) {
                        throw malformed("the input ends inside a \\u escape");
                    }
                    int code = 0;
                    boolean lowerCase = true;
                    for (int i = 0; i < 4; i++) {
                        int h = b[pos + i];
                        int digit;
                        if (h >= '0' && h <= '9') {
                            digit = h - '0';
                        } else if (h >= 'a' && h <= 'f') {
                            digit = h - 'a' + 10;
                        } else if (h >= 'A' && h <= 'F') {
                            digit = h - 'A' + 10;
                            lowerCase = false;
                        } else {
                            pos += i;
                            throw malformed("a \\u escape needs four hex digits");
                        }
                        code = code * 16 + digit;
                    }
                    pos += 4;
                    text.append((char) code);
                    boolean shortForm = code == '\b' || code == '\t' || code == '\n' || code == '\f' || code == '\r';
                    if (code >= 0x20 || shortForm || !lowerCase) {
                        notCanonical(at, "the escape \\u" + new String(b, pos - 4, 4, StandardCharsets.US_ASCII)
                                + (Character.isSurrogate((char) code) ? " (a surrogate)"
                                : code >= 0x20 ? " (the character is written as itself)"
                                : shortForm ? " (the short escape is canonical)" : " (hex digits are lower case)"));
                    }
                }
                default -> {
                    pos = at + 1;
                    throw malformed("invalid escape \\" + (e >= 0x20 && e < 0x7F ? String.valueOf((char) e) : describe(e)));
                }
            }
        }

        /** Decodes one multi-byte UTF-8 sequence starting with {@code lead}; refuses anything not well-formed. */
        private int utf8(int lead) {
            int need;
            int min;
            int cp;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
                min = 0x80;
                cp = lead & 0x1F;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                min = 0x800;
                cp = lead & 0x0F;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                min = 0x10000;
                cp = lead & 0x07;
            } else {
                throw malformed("not UTF-8: byte " + String.format("0x%02x", lead) + (lead == 0xC0 || lead == 0xC1
                        ? " starts an overlong form" : lead >= 0x80 && lead < 0xC0 ? " is a continuation byte without a lead"
                        : " starts no UTF-8 sequence"));
            }
            if (pos + need >= b.length) {
                throw malformed("not UTF-8: the input ends inside a multi-byte sequence");
            }
            for (int i = 1; i <= need; i++) {
                int cont = b[pos + i] & 0xFF;
                if ((cont & 0xC0) != 0x80) {
                    throw malformed("not UTF-8: byte " + String.format("0x%02x", cont) + " where a continuation byte belongs");
                }
                cp = (cp << 6) | (cont & 0x3F);
            }
            if (cp < min) {
                throw malformed("not UTF-8: an overlong form of U+" + String.format("%04X", cp));
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                throw malformed("not UTF-8: an encoded surrogate U+" + String.format("%04X", cp));
            }
            if (cp > 0x10FFFF) {
                throw malformed("not UTF-8: a code point above U+10FFFF");
            }
            pos += need + 1;
            return cp;
        }

        /** Reads a number token; only its grammar, length and canonical form are checked, its value never computed. */
        private void number() {
            int start = pos;
            boolean negative = false;
            if (b[pos] == '-') {
                negative = true;
                step(start);
            }
            if (pos >= b.length || !digit(b[pos])) {
                throw malformed("a digit is expected in a number");
            }
            boolean zero = b[pos] == '0';
            step(start);
            if (!zero) {
                while (pos < b.length && digit(b[pos])) {
                    step(start);
                }
            }
            boolean fraction = false;
            if (pos < b.length && b[pos] == '.') {
                fraction = true;
                step(start);
                if (pos >= b.length || !digit(b[pos])) {
                    throw malformed("a digit is expected after the decimal point");
                }
                while (pos < b.length && digit(b[pos])) {
                    step(start);
                }
                if (b[pos - 1] == '0') {
                    notCanonical(start, "the number " + token(start) + " (trailing zeros in the fraction)");
                }
            }
            if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
                step(start);
                if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
                    step(start);
                }
                if (pos >= b.length || !digit(b[pos])) {
                    throw malformed("a digit is expected in an exponent");
                }
                while (pos < b.length && digit(b[pos])) {
                    step(start);
                }
                notCanonical(start, "the number " + token(start) + " (an exponent)");
            } else if (negative && zero && !fraction) {
                notCanonical(start, "the number -0 (zero is 0)");
            }
        }

        /** Moves past one character of a number, refusing a number longer than the limit. */
        private void step(int start) {
            pos++;
            if (pos - start > limits.maxNumberLength()) {
                throw limit(start, WireLimits.MAX_NUMBER_LENGTH, limits.maxNumberLength(),
                        "a number longer than " + limits.maxNumberLength() + " characters");
            }
        }

        private String token(int start) {
            return new String(b, start, pos - start, StandardCharsets.US_ASCII);
        }

        private static boolean digit(byte c) {
            return c >= '0' && c <= '9';
        }

        private static String describe(byte c) {
            int v = c & 0xFF;
            return v >= 0x21 && v < 0x7F ? "'" + (char) v + "'" : String.format("byte 0x%02x", v);
        }

        private static String shorten(String s) {
            String visible = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            StringBuilder out = new StringBuilder();
            visible.codePoints().forEach(cp -> {
                if (cp < 0x20 || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.toString();
        }
    }
}
