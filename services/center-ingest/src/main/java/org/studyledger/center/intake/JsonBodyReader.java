package org.studyledger.center.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.Text;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Reads a JSON request body within the configured limits and keeps what the platform can record. Jackson's
 * {@link StreamReadConstraints} bound the nesting depth, the length of numbers and of strings; every string and
 * field name must be recordable text ({@link Text}); numbers are kept as exact decimals, never as binary floating
 * point, so {@code 1e2147483647} is a (huge) decimal that the fields' range checks refuse, and a number whose
 * exponent does not fit at all is refused here. Everything is located by the field path it was found at.
 *
 * <p>A body that is not JSON at all is {@link MalformedBody} (400). A body that exceeds a constraint cannot be read
 * past that point: its problems so far are refused at once (422). Bytes that are not UTF-8 are located by the field
 * they fall in; the rest of the body is still read, so its other problems are reported too.
 */
final class JsonBodyReader {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final JsonFactory factory;
    private final IntakeProperties limits;

    JsonBodyReader(IntakeProperties limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .build())
                .build();
    }

    JsonBody read(byte[] bytes) {
        int start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0; // RFC 8259 lets a parser ignore a leading BOM
        if (bytes.length == start) {
            throw new MalformedBody("the request body is empty; it must be a JSON object");
        }
        Decoded decoded = decode(bytes, start);
        List<Problem> problems = new ArrayList<>();
        Set<String> notUtf8 = new LinkedHashSet<>();
        for (int i = 0; i < decoded.malformedAt().size(); i++) {
            String path = pathBefore(decoded.text(), decoded.malformedCharAt().get(i));
            if (notUtf8.add(path)) {
                problems.add(new Problem(path, "is not UTF-8 text: byte 0x%02X at offset %d cannot be decoded; send the body as UTF-8"
                        .formatted(bytes[decoded.malformedAt().get(i)] & 0xFF, decoded.malformedAt().get(i))));
            }
        }
        try (JsonParser parser = factory.createParser(decoded.text())) {
            try {
                Builder builder = new Builder(parser, problems, notUtf8);
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new MalformedBody("the request body is empty; it must be a JSON object");
                }
                JsonNode tree = builder.value(first, "");
                if (parser.nextToken() != null) {
                    throw new MalformedBody("the request body has content after its JSON value");
                }
                return new JsonBody(tree, problems);
            } catch (StreamConstraintsException e) {
                // The parser cannot go on past a limit: what was found so far is the answer.
                problems.add(new Problem(pathOf(parser.getParsingContext()), constraint(e)));
                throw new ValidationException(problems);
            }
        } catch (JsonProcessingException e) {
            throw new MalformedBody(e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBody("the request body cannot be read: " + e.getMessage());
        }
    }

    /** Builds the tree from the parser's tokens, dropping (and reporting) every value the platform cannot record. */
    private final class Builder {
        private final JsonParser parser;
        private final List<Problem> problems;
        private final Set<String> notUtf8;
        private final JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);

        Builder(JsonParser parser, List<Problem> problems, Set<String> notUtf8) {
            this.parser = parser;
            this.problems = problems;
            this.notUtf8 = notUtf8;
        }

        /** The value starting at {@code token}, or null when it is dropped. */
        JsonNode value(JsonToken token, String path) throws IOException {
            return switch (token) {
                case START_OBJECT -> object(path);
                case START_ARRAY -> array(path);
                case VALUE_STRING -> text(path);
                case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? nodes.numberNode(parser.getBigIntegerValue()) : nodes.numberNode(parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> decimal(path);
                case VALUE_TRUE -> nodes.booleanNode(true);
                case VALUE_FALSE -> nodes.booleanNode(false);
                case VALUE_NULL -> nodes.nullNode();
                default -> throw new MalformedBody("unexpected " + token + " at " + (path.isEmpty() ? "the top" : path));
            };
        }

        private ObjectNode object(String path) throws IOException {
            ObjectNode object = nodes.objectNode();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                Optional<String> bad = Text.problem(name);
                String child = join(path, Text.quotable(name));
                if (bad.isPresent()) {
                    problems.add(new Problem(child, "the field name " + bad.get()));
                    parser.skipChildren();
                } else if (object.has(name)) {
                    problems.add(new Problem(child, "appears more than once in the object; give each field once"));
                    parser.skipChildren();
                } else {
                    JsonNode value = value(valueToken, child);
                    if (value != null) {
                        object.set(name, value);
                    }
                }
            }
            return object;
        }

        private ArrayNode array(String path) throws IOException {
            ArrayNode array = nodes.arrayNode();
            int index = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                JsonNode value = value(t, path + "[" + index++ + "]");
                // A dropped element keeps its place, so the later elements keep their paths.
                array.add(value == null ? nodes.nullNode() : value);
            }
            return array;
        }

        private JsonNode text(String path) throws IOException {
            String text = parser.getText();
            if (notUtf8.contains(path)) {
                return null; // already reported; the text holds replacement characters, not what was sent
            }
            Optional<String> bad = Text.problem(text);
            if (bad.isPresent()) {
                problems.add(new Problem(path, bad.get()));
                return null;
            }
            return nodes.textNode(text);
        }

        private JsonNode decimal(String path) throws IOException {
            String text = parser.getText();
            try {
                return nodes.numberNode(new BigDecimal(text));
            } catch (NumberFormatException e) {
                // e.g. 1e99999999999: the exponent itself does not fit in any decimal.
                problems.add(new Problem(path, "must be a number of a usual size, got " + text));
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- UTF-8

    private record Decoded(String text, List<Integer> malformedAt, List<Integer> malformedCharAt) {
    }

    /** The text with each malformed sequence replaced by U+FFFD, and where (byte and char offsets) each was. */
    private static Decoded decode(byte[] bytes, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        List<Integer> malformedAt = new ArrayList<>();
        List<Integer> malformedCharAt = new ArrayList<>();
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                malformedAt.add(in.position());
                malformedCharAt.add(out.position());
                out.put('\uFFFD');
                in.position(in.position() + result.length());
            } else if (result.isUnderflow()) {
                decoder.flush(out);
                break;
            } else {
                throw new IllegalStateException("the buffer holds one char per byte: " + result);
            }
        }
        out.flip();
        return new Decoded(out.toString(), malformedAt, malformedCharAt);
    }

    /**
     * The field path at {@code charOffset} of {@code text}: where a parser of the text before it stands. When that
     * text is not the beginning of a JSON object, the body is not JSON at all.
     */
    private String pathBefore(String text, int charOffset) {
        try (JsonParser parser = factory.createParser(text.substring(0, charOffset))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBody("the request body is not UTF-8 JSON text");
            }
            while (parser.nextToken() != null) {
                // read up to the end of the prefix
            }
            return pathOf(parser.getParsingContext());
        } catch (JsonProcessingException e) {
            if (e.getMessage() != null && e.getMessage().contains("end-of-input")) {
                return pathOf(e.getProcessor() instanceof JsonParser p ? p.getParsingContext() : null);
            }
            throw new MalformedBody("the request body is not UTF-8 JSON text");
        } catch (IOException e) {
            throw new MalformedBody("the request body is not UTF-8 JSON text");
        }
    }

    // ---------------------------------------------------------------- paths and messages

    /** A parser's position as the intake's field path: {@code items.MADRS_03}, {@code a[0].b}. */
    static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + Text.quotable(c.getCurrentName()));
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private String constraint(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Number value length")) {
            return "is a number longer than " + limits.maxNumberLength() + " characters";
        }
        if (m.startsWith("String value length")) {
            return "is a text longer than " + limits.maxStringLength() + " characters";
        }
        if (m.startsWith("Name length")) {
            return "has a field name longer than " + limits.maxStringLength() + " characters";
        }
        if (m.startsWith("Document nesting depth")) {
            return "nests objects or arrays deeper than " + limits.maxNestingDepth() + " levels";
        }
        return "exceeds a limit of the intake: " + m;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
