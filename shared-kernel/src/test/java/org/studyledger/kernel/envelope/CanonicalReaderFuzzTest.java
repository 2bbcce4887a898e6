package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.studyledger.kernel.envelope.CanonicalReader.Verdict;

/**
 * Properties of the canonical reader over generated input: it never throws and always ends in one of its four
 * verdicts, and it agrees with the encoder: bytes are canonical exactly when parsing them and encoding the tree gives
 * the same bytes back. Inputs are random JSON trees, their canonical bytes mutated (bytes flipped, inserted, removed,
 * spans repeated), and arbitrary bytes.
 */
class CanonicalReaderFuzzTest {
    private static final List<byte[]> ENVELOPES = TestVectors.signedChain().stream().map(EnvelopeCodec::encode).toList();
    /** Generous enough that generated input is judged on its form, not on a limit. */
    private static final WireLimits ROOMY = new WireLimits(1 << 20, 64, 1 << 16, 200, 1024, 1024);

    @Property(tries = 1500)
    void theEncodingOfAnyTreeIsCanonical(@ForAll("trees") JsonNode tree) {
        byte[] bytes = CanonicalJson.encode(tree);

        CanonicalReader.Reading reading = CanonicalReader.read(bytes, ROOMY);

        assertThat(reading.verdict()).as("%s: %s", new String(bytes, StandardCharsets.UTF_8), reading.reason())
                .isEqualTo(Verdict.CANONICAL);
    }

    @Property(tries = 3000)
    void mutatedBytesAreCanonicalExactlyWhenTheyRoundTrip(@ForAll("mutated") byte[] bytes) {
        assertAgreesWithTheEncoder(bytes);
    }

    @Property(tries = 2000)
    void arbitraryBytesAreCanonicalExactlyWhenTheyRoundTrip(@ForAll("noise") byte[] bytes) {
        assertAgreesWithTheEncoder(bytes);
    }

    @Property(tries = 1000)
    void smallLimitsStopThePassWithoutEverThrowing(@ForAll("mutated") byte[] bytes, @ForAll("limits") WireLimits limits) {
        CanonicalReader.Reading reading = CanonicalReader.read(bytes, limits, EnvelopeClaim.MEMBERS);

        assertThat(reading.verdict()).isNotNull();
        if (reading.verdict() == Verdict.CANONICAL && bytes.length > 0) {
            assertThat(bytes.length).isLessThanOrEqualTo(limits.maxMessageBytes());
        }
        EnvelopeClaim.of(reading.topLevel()); // never throws either
    }

    @Example
    void theThreeMessagesThatStalledTheHubAreNotCanonical() {
        String envelope = new String(ENVELOPES.get(1), StandardCharsets.UTF_8);
        for (String member : List.of("\"zz\":\"\\ud800\"", "\"zz\":1e2147483647", "\"zz\":1e999999999")) {
            byte[] bytes = (envelope.substring(0, envelope.length() - 1) + "," + member + "}").getBytes(StandardCharsets.UTF_8);
            assertThat(CanonicalReader.read(bytes, WireLimits.DEFAULT).verdict()).as(member).isEqualTo(Verdict.NOT_CANONICAL);
            assertAgreesWithTheEncoder(bytes);
        }
    }

    private static void assertAgreesWithTheEncoder(byte[] bytes) {
        CanonicalReader.Reading reading = CanonicalReader.read(bytes, ROOMY, EnvelopeClaim.MEMBERS);
        assertThat(reading.verdict()).isNotNull();
        assertThat(reading.isCanonical()).as("canonical (%s) iff encode(parse(b)) == b, for %s", reading.reason(),
                        new String(bytes, StandardCharsets.ISO_8859_1))
                .isEqualTo(roundTrips(bytes));
    }

    /** Whether the bytes parse, and encoding what they parse to gives exactly them back. */
    private static boolean roundTrips(byte[] bytes) {
        JsonNode tree;
        try {
            tree = KernelJson.mapper().readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (tree == null || tree.isMissingNode()) {
            return false;
        }
        try {
            return Arrays.equals(CanonicalJson.encode(tree), bytes);
        } catch (IllegalArgumentException e) {
            return false; // the tree has no canonical form: a lone surrogate, a number too long
        }
    }

    // ------------------------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<JsonNode> trees() {
        return json(3);
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                text().map(s -> (JsonNode) TextNode.valueOf(s)),
                numbers(),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance).map(n -> (JsonNode) n));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> inner = json(depth - 1);
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(4).map(elements -> {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            elements.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(text(), inner).ofMaxSize(4).map(members -> {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            members.forEach(object::set);
            return object;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalars), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(2, objects));
    }

    /** Strings of any code points, quotes, backslashes and control characters included; no lone surrogates. */
    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x1F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x22, 0x5C, 0x2F, 0x7F, 0x2028, 0xFEFF, 0xFFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0x10FFFF)
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)));
        return codePoint.list().ofMaxSize(8).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    private static Arbitrary<JsonNode> numbers() {
        Arbitrary<BigInteger> unscaled = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-1000, 1000).map(BigInteger::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))));
        return Combinators.combine(unscaled, Arbitraries.integers().between(-20, 20))
                .as((u, scale) -> (JsonNode) DecimalNode.valueOf(new BigDecimal(u, scale)));
    }

    /** Canonical envelopes and trees with bytes flipped, inserted, removed or a span repeated. */
    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> canonical = Arbitraries.oneOf(Arbitraries.of(ENVELOPES),
                trees().map(CanonicalJson::encode));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(1, 12),
                Arbitraries.of(interesting())).as(Mutation::new);
        return Combinators.combine(canonical, mutation.list().ofMinSize(1).ofMaxSize(3))
                .as((bytes, mutations) -> {
                    byte[] b = bytes;
                    for (Mutation m : mutations) {
                        b = m.apply(b);
                    }
                    return b;
                });
    }

    /** Byte strings made of JSON's tokens and stray bytes. */
    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.of(interesting()).list().ofMaxSize(20).map(parts -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Provide
    Arbitrary<WireLimits> limits() {
        Arbitrary<Integer> small = Arbitraries.integers().between(1, 40);
        return Combinators.combine(Arbitraries.integers().between(1, 3000), small, small, small, small, small)
                .as(WireLimits::new);
    }

    private static List<byte[]> interesting() {
        return java.util.stream.Stream.of("{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "\\u0041", "\\/",
                        " ", "\n", "null", "true", "-", "0", "1", "-0", "1.50", "1e2", "1e999999999", "E+", ".", "\"a\"",
                        "\"sequence\":", "\"subject_id\":\"PAV-001\"", "é")
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
                    list.add(new byte[] {(byte) 0xC0, (byte) 0xAF});
                    list.add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                    list.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                    list.add(new byte[] {(byte) 0xFF, (byte) 0xFE});
                    list.add(new byte[] {0});
                    list.add(new byte[] {(byte) 0x80});
                    return list;
                }));
    }

    /** One change to a byte string: 0 flip a byte, 1 insert, 2 remove, 3 repeat a span, 4 replace, 5 truncate. */
    private record Mutation(int kind, int where, int length, byte[] insert) {
        byte[] apply(byte[] b) {
            if (b.length == 0) {
                return insert.clone();
            }
            int at = Math.floorMod(where, b.length);
            int len = Math.min(length, b.length - at);
            return switch (kind) {
                case 0 -> {
                    byte[] c = b.clone();
                    c[at] ^= (byte) (1 << (where % 8));
                    yield c;
                }
                case 1 -> splice(b, at, 0, insert);
                case 2 -> splice(b, at, len, new byte[0]);
                case 3 -> splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
                case 4 -> splice(b, at, len, insert);
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
    }

}
