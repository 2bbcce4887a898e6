package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.studyledger.kernel.validation.Problem;

/**
 * The published JSON Schema of an envelope, {@code docs/schemas/envelope.schema.json}, as the one rule set a message's
 * shape is checked against. The file is packaged from {@code docs/schemas} as it is (no copy), compiled once, and
 * evaluated with format assertions on and with ECMA-262 anchors ({@code $} matches only at the very end, as the
 * schema's {@code $comment} and docs/wire-format.md require), so what the schema refuses is refused.
 */
public final class WireSchema {
    /** Where the schema file is on the class path. */
    public static final String RESOURCE = "/org/studyledger/kernel/envelope/schemas/envelope.schema.json";

    private static final WireSchema ENVELOPE = load();

    private final JsonNode document;
    private final JsonSchema schema;

    private WireSchema(JsonNode document, JsonSchema schema) {
        this.document = document;
        this.schema = schema;
    }

    /** The envelope schema, built once. */
    public static WireSchema envelope() {
        return ENVELOPE;
    }

    /** The schema document as published (a copy). */
    public JsonNode document() {
        return document.deepCopy();
    }

    /**
     * One way an instance breaks the schema.
     *
     * @param path           where, as a kernel field path ({@code payload.items.MADRS_05}; empty for the envelope);
     *                       for a missing or unexpected member, the member's own path
     * @param keyword        the schema keyword that failed ({@code pattern}, {@code required}, …)
     * @param message        what is wrong, without the location
     * @param schemaLocation the failing keyword in the schema as a JSON pointer ({@code #/$defs/items/minProperties})
     */
    public record Violation(String path, String keyword, String message, String schemaLocation) {
        public Problem toProblem() {
            return new Problem(path, message + " (schema " + keyword + ")");
        }
    }

    /** Every violation of the schema by {@code instance}, in path order; empty when it is valid. */
    public List<Violation> validate(JsonNode instance) {
        Set<ValidationMessage> messages = schema.validate(instance);
        List<Violation> violations = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            String location = m.getInstanceLocation().toString();
            String member = member(m);
            String pointer = member == null ? location : location + "/" + member;
            violations.add(new Violation(fieldPath(pointer), m.getType(), withoutLocation(m.getMessage(), location),
                    fragment(m.getSchemaLocation().toString())));
        }
        violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::keyword)
                .thenComparing(Violation::message));
        return violations;
    }

    /** The member a violation is about when it is reported at the object: the missing or unexpected one. */
    private static String member(ValidationMessage m) {
        switch (m.getType()) {
            case "required", "additionalProperties" -> {
                return m.getProperty();
            }
            case "dependentRequired" -> {
                Object[] arguments = m.getArguments();
                return arguments != null && arguments.length > 0 && arguments[0] != null ? arguments[0].toString()
                        : m.getProperty();
            }
            default -> {
                return null;
            }
        }
    }

    /** {@code /payload/items/MADRS_05} → {@code payload.items.MADRS_05}. */
    private static String fieldPath(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (String token : pointer.substring(1).split("/", -1)) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(token.replace("~1", "/").replace("~0", "~"));
        }
        return path.toString();
    }

    private static String withoutLocation(String message, String location) {
        String prefix = location + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String fragment(String schemaLocation) {
        int hash = schemaLocation.indexOf('#');
        return hash < 0 ? schemaLocation : schemaLocation.substring(hash);
    }

    private static WireSchema load() {
        JsonNode document;
        try (InputStream in = WireSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the envelope schema is not on the class path at " + RESOURCE);
            }
            document = KernelJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the envelope schema " + RESOURCE, e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .regularExpressionFactory(EcmaAnchors.INSTANCE)
                .build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document, config);
        schema.initializeValidators();
        return new WireSchema(document, schema);
    }

    /**
     * The schema's patterns as ECMA-262 reads them, where it matters here: {@code $} (outside a character class and not
     * escaped) asserts the very end of the input, not also the place before a final line break as in Java.
     */
    static final class EcmaAnchors implements RegularExpressionFactory {
        static final EcmaAnchors INSTANCE = new EcmaAnchors();

        @Override
        public RegularExpression getRegularExpression(String regex) {
            Pattern pattern = Pattern.compile(translate(regex));
            return value -> pattern.matcher(value).find();
        }

        static String translate(String regex) {
            StringBuilder out = new StringBuilder(regex.length() + 4);
            boolean inClass = false;
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == '\\' && i + 1 < regex.length()) {
                    out.append(c).append(regex.charAt(++i));
                } else if (inClass) {
                    inClass = c != ']';
                    out.append(c);
                } else if (c == '[') {
                    inClass = true;
                    out.append(c);
                } else if (c == '$') {
                    out.append("\\z");
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
