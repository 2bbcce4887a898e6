package org.studyledger.kernel.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.studyledger.kernel.envelope.CanonicalReader.Verdict;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SignedEvents;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.event.AssessmentRecorded;

/**
 * The bounded canonical reading: every envelope the kernel produces is canonical; each way of spelling the same JSON
 * otherwise is not canonical; bytes that are not JSON or not UTF-8 are malformed; each limit stops the pass with its
 * name, its value and what was found. The three messages that once stalled the hub are among the cases.
 */
class CanonicalReaderTest {
    private static final byte[] SAMPLE = EnvelopeCodec.encode(TestVectors.signedChain().get(1));

    private static CanonicalReader.Reading read(byte[] bytes) {
        return CanonicalReader.read(bytes, WireLimits.DEFAULT, EnvelopeClaim.MEMBERS);
    }

    private static CanonicalReader.Reading read(String text) {
        return read(text.getBytes(UTF_8));
    }

    /** The sample envelope with {@code extra} inserted as its first member (before "actor", so still in order). */
    private static String withFirstMember(String extra) {
        String sample = new String(SAMPLE, UTF_8);
        return "{" + extra + "," + sample.substring(1);
    }

    @Test
    void everyEnvelopeTheKernelEncodesIsCanonical() {
        for (EventEnvelope e : TestVectors.signedChain()) {
            assertThat(read(EnvelopeCodec.encode(e)).verdict()).as("%s #%s", e.eventType(), e.sequence())
                    .isEqualTo(Verdict.CANONICAL);
        }
        for (EventEnvelope e : SampleEvents.chain()) {
            assertThat(read(EnvelopeCodec.encode(e)).isCanonical()).isTrue();
        }
    }

    @Test
    void theCanonicalEncodingCasesOfTheTestVectorsAreCanonical() throws Exception {
        for (var c : TestVectors.read().get("canonical_encoding")) {
            assertThat(read(c.get("canonical").textValue()).verdict()).as(c.get("canonical").textValue())
                    .isEqualTo(Verdict.CANONICAL);
        }
    }

    static Stream<Arguments> notCanonical() {
        String s = new String(SAMPLE, UTF_8);
        byte[] utf16le = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16be = s.getBytes(StandardCharsets.UTF_16BE);
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes(SAMPLE);
        return Stream.of(
                Arguments.of("a UTF-8 byte-order mark", bom.toByteArray(), "byte-order mark"),
                Arguments.of("UTF-16LE", utf16le, "UTF-16LE"),
                Arguments.of("UTF-16BE with a byte-order mark", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, utf16be), "UTF-16BE"),
                Arguments.of("whitespace after the first brace", ("{ " + s.substring(1)).getBytes(UTF_8), "whitespace"),
                Arguments.of("a line break at the end", (s + "\n").getBytes(UTF_8), "whitespace"),
                Arguments.of("a repeated member", withFirstMember("\"actor\":{}").getBytes(UTF_8), "'actor' repeated"),
                Arguments.of("members out of order", ("{\"b\":1,\"a\":2}").getBytes(UTF_8), "'a' out of order"),
                Arguments.of("a null member", ("{\"a\":null}").getBytes(UTF_8), "'a' is null"),
                Arguments.of("\\u0041 for A", ("{\"a\":\"\\u0041\"}").getBytes(UTF_8), "\\u0041"),
                Arguments.of("\\/ for /", ("{\"a\":\"\\/\"}").getBytes(UTF_8), "\\/"),
                Arguments.of("\\u0009 for a tab", ("{\"a\":\"\\u0009\"}").getBytes(UTF_8), "short escape"),
                Arguments.of("upper-case hex", ("{\"a\":\"\\u001F\"}").getBytes(UTF_8), "lower case"),
                Arguments.of("an escaped surrogate pair", ("{\"a\":\"\\ud83d\\ude00\"}").getBytes(UTF_8), "surrogate"),
                Arguments.of("1.50", ("{\"a\":1.50}").getBytes(UTF_8), "1.50"),
                Arguments.of("1e2", ("{\"a\":1e2}").getBytes(UTF_8), "exponent"),
                Arguments.of("1E+2", ("[1E+2]").getBytes(UTF_8), "exponent"),
                Arguments.of("-0", ("{\"a\":-0}").getBytes(UTF_8), "-0"),
                Arguments.of("0.0", ("{\"a\":0.0}").getBytes(UTF_8), "0.0"),
                // The three messages that once stalled or killed the hub's consumer.
                Arguments.of("a lone surrogate escape", withFirstMember("\"a\":\"\\ud800\"").getBytes(UTF_8), "\\ud800"),
                Arguments.of("an exponent beyond an int", withFirstMember("\"a\":1e2147483647").getBytes(UTF_8), "exponent"),
                Arguments.of("an exponent whose plain form fills the heap", withFirstMember("\"a\":1e999999999").getBytes(UTF_8),
                        "exponent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCanonical")
    void otherSpellingsOfJsonAreNotCanonical(String name, byte[] bytes, String named) {
        CanonicalReader.Reading reading = read(bytes);

        assertThat(reading.verdict()).as(reading.reason()).isEqualTo(Verdict.NOT_CANONICAL);
        assertThat(reading.reason()).contains(named);
    }

    @Test
    void aNotCanonicalEnvelopeStillSaysWhatItClaims() {
        EventEnvelope e = TestVectors.signedChain().get(1);
        CanonicalReader.Reading reading = read(withFirstMember("\"a\":1e999999999").getBytes(UTF_8));

        EnvelopeClaim claim = EnvelopeClaim.of(reading.topLevel());

        assertThat(claim).isEqualTo(EnvelopeClaim.of(e));
    }

    @Test
    void aRepeatedTopLevelMemberIsNotClaimed() {
        String s = new String(SAMPLE, UTF_8);
        CanonicalReader.Reading reading = read("{\"sequence\":7," + s.substring(1));

        assertThat(reading.verdict()).isEqualTo(Verdict.NOT_CANONICAL);
        assertThat(reading.reason()).contains("'sequence' repeated");
        assertThat(EnvelopeClaim.of(reading.topLevel()).sequence()).isNull();
        assertThat(EnvelopeClaim.of(reading.topLevel()).subjectId()).isEqualTo("PAV-001");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not JSON", "{\"event_id\":\"9f0c".getBytes(UTF_8), "ends inside a string"),
                Arguments.of("an ill-formed UTF-8 sequence", new byte[] {'"', (byte) 0xC3, 0x28, '"'}, "not UTF-8"),
                Arguments.of("an overlong '/'", new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, "overlong"),
                Arguments.of("an overlong three-byte form", new byte[] {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}, "overlong"),
                Arguments.of("an encoded surrogate", new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, "surrogate"),
                Arguments.of("beyond U+10FFFF", new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, "10FFFF"),
                Arguments.of("a byte that starts nothing", new byte[] {'"', (byte) 0xF8, '"'}, "starts no UTF-8"),
                Arguments.of("a raw control character", "\"a\tb\"".getBytes(UTF_8), "control character"),
                Arguments.of("a leading zero", "[01]".getBytes(UTF_8), "','"),
                Arguments.of("an invalid escape", "\"\\x\"".getBytes(UTF_8), "invalid escape"),
                Arguments.of("a \\u escape with letters", "\"\\u12xy\"".getBytes(UTF_8), "four hex digits"),
                Arguments.of("a cut \\u escape", "\"\\u12\"".getBytes(UTF_8), "inside a \\u escape"),
                Arguments.of("trailing content", "{}{}".getBytes(UTF_8), "content after"),
                Arguments.of("nothing", new byte[0], "no JSON value"),
                Arguments.of("a lone NUL", new byte[] {0}, "0x00"),
                Arguments.of("odd-length UTF-16", new byte[] {'{', 0, '}'}, "UTF-16"),
                Arguments.of("an unquoted member name", "{a:1}".getBytes(UTF_8), "member name"),
                Arguments.of("a bare word", "[nul]".getBytes(UTF_8), "unexpected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void bytesThatAreNotJsonInUtf8AreMalformed(String name, byte[] bytes, String named) {
        CanonicalReader.Reading reading = read(bytes);

        assertThat(reading.verdict()).as(reading.reason()).isEqualTo(Verdict.MALFORMED);
        assertThat(reading.reason()).contains(named);
    }

    static Stream<Arguments> limits() {
        WireLimits small = new WireLimits(100, 3, 5, 4, 2, 2);
        return Stream.of(
                Arguments.of(small, "[" + "1,".repeat(60) + "1]", WireLimits.MAX_MESSAGE_BYTES, "the message is 123 bytes"),
                Arguments.of(small, "[[[[1]]]]", WireLimits.MAX_DEPTH, "nesting depth 4"),
                Arguments.of(small, "[\"abcdef\"]", WireLimits.MAX_STRING_LENGTH, "longer than 5"),
                Arguments.of(small, "{\"abcdef\":1}", WireLimits.MAX_STRING_LENGTH, "longer than 5"),
                Arguments.of(small, "[12345]", WireLimits.MAX_NUMBER_LENGTH, "longer than 4"),
                Arguments.of(small, "[1e99999]", WireLimits.MAX_NUMBER_LENGTH, "longer than 4"),
                Arguments.of(small, "{\"a\":1,\"b\":2,\"c\":3}", WireLimits.MAX_MEMBERS, "member number 3"),
                Arguments.of(small, "[1,2,3]", WireLimits.MAX_ELEMENTS, "element number 3"),
                // A limit stops the pass even when the bytes are already known not to be canonical.
                Arguments.of(small, "[ 1, 2, 3 ]", WireLimits.MAX_ELEMENTS, "element number 3"));
    }

    @ParameterizedTest(name = "{1} crosses {2}")
    @MethodSource("limits")
    void eachLimitStopsThePassNamingTheLimitAndTheValue(WireLimits limits, String text, String limit, String found) {
        CanonicalReader.Reading reading = CanonicalReader.read(text.getBytes(UTF_8), limits);

        assertThat(reading.verdict()).as(reading.reason()).isEqualTo(Verdict.LIMIT_EXCEEDED);
        assertThat(reading.reason()).contains(limit).contains(found);
    }

    @Test
    void theDefaultLimitsLeaveRoomForTheLargestRealEnvelope() {
        // RMET: 36 items, the longest form; signed, from a CSV import, with a long rater id.
        SortedMap<String, Integer> items = new TreeMap<>();
        for (int i = 1; i <= 36; i++) {
            items.put("RMET_%02d".formatted(i), i % 2);
        }
        InstrumentRef rmet = new InstrumentRef("RMET", "1");
        AssessmentRecorded form = new AssessmentRecorded(AssessmentId.random(), rmet, "T0", null,
                Instant.parse("2026-01-12T08:15:00Z"), "r".repeat(64), items,
                ScoringEngine.standard().scoreOrThrow(rmet, items).scores(), 120, true);
        EventEnvelope sealed = EnvelopeCodec.seal(new EnvelopeHeader(UUID.randomUUID(), SampleEvents.STUDY,
                SampleEvents.CENTER, SampleEvents.SUBJECT, 123_456, Instant.parse("2026-01-12T08:15:00Z"),
                Instant.parse("2026-01-12T09:15:00Z"), new Actor("a".repeat(64), "data-manager"),
                "csv:" + "f".repeat(64) + "#123456", "e".repeat(64)), form);
        byte[] bytes = EnvelopeCodec.encode(EnvelopeSignatures.sign(sealed, SignedEvents.rfc8032Key(SampleEvents.CENTER)));

        WireLimits quarter = new WireLimits(WireLimits.DEFAULT_MAX_MESSAGE_BYTES / 16, WireLimits.DEFAULT_MAX_DEPTH / 4,
                WireLimits.DEFAULT_MAX_STRING_LENGTH / 16, WireLimits.DEFAULT_MAX_NUMBER_LENGTH / 2,
                WireLimits.DEFAULT_MAX_MEMBERS / 4, WireLimits.DEFAULT_MAX_ELEMENTS / 16);
        assertThat(bytes.length).isLessThan(WireLimits.DEFAULT_MAX_MESSAGE_BYTES / 16);
        assertThat(CanonicalReader.read(bytes, quarter).verdict()).as("within a sixteenth, a quarter or half of each default")
                .isEqualTo(Verdict.CANONICAL);
    }

    @Test
    void theLimitsMustBePositiveAndEncodable() {
        assertThatThrownBy(() -> WireLimits.DEFAULT.with(WireLimits.MAX_DEPTH, 0)).hasMessageContaining("max-depth");
        assertThatThrownBy(() -> WireLimits.DEFAULT.with(WireLimits.MAX_NUMBER_LENGTH, CanonicalJson.MAX_NUMBER_LENGTH + 1))
                .hasMessageContaining("max-number-length must be at most");
        assertThatThrownBy(() -> WireLimits.DEFAULT.with("max-colour", 1)).hasMessageContaining("no limit named");
        assertThat(WireLimits.DEFAULT.with(WireLimits.MAX_MEMBERS, 7).maxMembers()).isEqualTo(7);
    }

    @Test
    void theEncoderRefusesANumberWhosePlainFormWouldNotFitInsteadOfRunningOutOfMemory() {
        ObjectNode huge = JsonNodeFactory.instance.objectNode();
        huge.set("a", DecimalNode.valueOf(new BigDecimal("1e999999999")));
        ObjectNode tiny = JsonNodeFactory.instance.objectNode();
        tiny.set("a", DecimalNode.valueOf(new BigDecimal("1e-999999999")));

        assertThatThrownBy(() -> CanonicalJson.encode(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000000 characters");
        assertThatThrownBy(() -> CanonicalJson.encode(tiny)).isInstanceOf(IllegalArgumentException.class);
        ObjectNode longest = JsonNodeFactory.instance.objectNode();
        longest.set("a", DecimalNode.valueOf(new BigDecimal("1e" + (CanonicalJson.MAX_NUMBER_LENGTH - 1))));
        assertThat(CanonicalJson.encode(longest)).hasSize(CanonicalJson.MAX_NUMBER_LENGTH + 6);
    }

    @Test
    void theEncoderRefusesNestingDeeperThanItsCap() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode node = root;
        for (int i = 1; i < CanonicalJson.MAX_DEPTH; i++) {
            node = node.putObject("a");
        }
        assertThat(CanonicalJson.encode(root)).isNotEmpty();
        node.putArray("a");
        assertThatThrownBy(() -> CanonicalJson.encode(root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting deeper than " + CanonicalJson.MAX_DEPTH);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
