package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Reads a message from the wire into an envelope, in the order every reader of the ledger follows (the hub on
 * intake, the offline verifier per line, the hub's audit of what it would export):
 * <ol>
 *   <li>{@link CanonicalReader}: one bounded pass over the raw bytes, before anything else sees them:
 *       {@link WireFailure#LIMIT_EXCEEDED}, {@link WireFailure#MALFORMED} (not JSON, not UTF-8) or
 *       {@link WireFailure#NOT_CANONICAL};</li>
 *   <li>only canonical bytes are parsed, and then checked against the published schema ({@link WireSchema}) and
 *       decoded ({@link EnvelopeCodec#decode}): a broken header is {@link WireFailure#MALFORMED}, naming every
 *       problem; an event type this kernel does not know (and nothing else wrong) is
 *       {@link WireFailure#UNKNOWN_EVENT_TYPE};</li>
 *   <li>the payload is read later, by {@link #payloadOf}, once its reader has checked what comes first (for the hub:
 *       topic, key, signature, hash): an unreadable revision is {@link WireFailure#UNKNOWN_EVENT_TYPE}, a payload
 *       that breaks the schema or its event type is {@link WireFailure#SCHEMA_INVALID}.</li>
 * </ol>
 * The schema's history rules (sequence 0 is a {@code SubjectEnrolled} chained from genesis, a {@code SubjectEnrolled}
 * is sequence 0) are not reported here: every reader checks them against the subject's chain, under the chain's own
 * names (docs/ledger.md, docs/audit.md). Nothing here throws for any input.
 */
public final class EnvelopeReader {
    /** A schema rule about the subject's history: an {@code if/then} branch's sequence, type or previous hash. */
    private static final Pattern HISTORY_RULE =
            Pattern.compile(".*/allOf/[0-9]+/then/properties/(sequence|event_type|previous_hash)/const");
    /** The schema pinning an event type's revision. */
    private static final Pattern REVISION_RULE = Pattern.compile(".*/allOf/[0-9]+/then/properties/schema_revision/const");

    private EnvelopeReader() {
    }

    /** The outcome of reading a message. */
    public sealed interface Reading permits Readable, Unreadable {
    }

    /**
     * An envelope whose bytes are canonical, within the limits, and whose header is valid.
     *
     * @param envelope        the decoded envelope
     * @param tree            the parsed bytes
     * @param payloadProblems the schema's objections to the payload and its revision, for {@link #payloadOf}
     */
    public record Readable(EventEnvelope envelope, ObjectNode tree, List<WireSchema.Violation> payloadProblems)
            implements Reading {
        public Readable {
            payloadProblems = List.copyOf(payloadProblems);
        }
    }

    /**
     * Not an envelope that can be read.
     *
     * @param failure why
     * @param reason  a sentence naming every problem found (with paths, or the byte position)
     * @param claim   what the message says it is, as far as each member can be read on its own
     * @param isJson  whether the bytes are JSON (the failure is about their spelling or their content), so that the
     *                claim is what a JSON reader would see; false for bytes that are not JSON or were not read to the end
     */
    public record Unreadable(WireFailure failure, String reason, EnvelopeClaim claim, boolean isJson) implements Reading {
    }

    /** The payload read as its event type, or why not. */
    public sealed interface Payload permits Typed, Refused {
    }

    public record Typed(StudyEvent event) implements Payload {
    }

    public record Refused(WireFailure failure, String reason) implements Payload {
    }

    /** Reads {@code bytes} within {@code limits}. */
    public static Reading read(byte[] bytes, WireLimits limits) {
        if (bytes == null || bytes.length == 0) {
            return new Unreadable(WireFailure.MALFORMED, "no bytes (an empty value)", EnvelopeClaim.NONE, false);
        }
        CanonicalReader.Reading pass = CanonicalReader.read(bytes, limits, EnvelopeClaim.MEMBERS);
        EnvelopeClaim claim = EnvelopeClaim.of(pass.topLevel());
        switch (pass.verdict()) {
            case LIMIT_EXCEEDED -> {
                return new Unreadable(WireFailure.LIMIT_EXCEEDED, pass.reason(), claim, false);
            }
            case MALFORMED -> {
                return new Unreadable(WireFailure.MALFORMED, pass.reason(), claim, false);
            }
            case NOT_CANONICAL -> {
                return new Unreadable(WireFailure.NOT_CANONICAL, pass.reason(), claim, true);
            }
            case CANONICAL -> {
                // Canonical bytes within the limits: safe to parse, and they parse to exactly what they say.
            }
        }
        JsonNode tree;
        try {
            tree = KernelJson.mapper().readTree(bytes);
        } catch (IOException e) {
            // Canonical JSON always parses; a parser's own limits are the only way here.
            return new Unreadable(WireFailure.MALFORMED, "malformed JSON: " + firstLine(e.getMessage()), claim, false);
        }
        if (tree == null || !tree.isObject()) {
            return new Unreadable(WireFailure.MALFORMED, "an envelope must be a JSON object", claim, true);
        }
        return read((ObjectNode) tree, claim);
    }

    /** Checks a parsed envelope against the schema and decodes it (for a tree that was read canonically). */
    static Reading read(ObjectNode tree, EnvelopeClaim claim) {
        List<WireSchema.Violation> header = new ArrayList<>();
        List<WireSchema.Violation> payload = new ArrayList<>();
        for (WireSchema.Violation v : WireSchema.envelope().validate(tree)) {
            if (HISTORY_RULE.matcher(v.schemaLocation()).matches()) {
                continue;
            }
            boolean aboutPayload = REVISION_RULE.matcher(v.schemaLocation()).matches()
                    || (v.path().startsWith(EnvelopeCodec.PAYLOAD + ".")
                    || (v.path().equals(EnvelopeCodec.PAYLOAD) && !v.keyword().equals("type")));
            (aboutPayload ? payload : header).add(v);
        }
        // The decoder's problems name the values involved; the schema's add whatever the decoder does not check.
        List<Problem> problems = new ArrayList<>();
        EventEnvelope envelope = null;
        try {
            envelope = EnvelopeCodec.decode(tree);
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            problems.add(new Problem("", "cannot be decoded: " + e));
        }
        Set<String> named = problems.stream().map(Problem::path).collect(Collectors.toSet());
        header.stream().filter(v -> !named.contains(v.path())).map(WireSchema.Violation::toProblem).forEach(problems::add);
        if (!problems.isEmpty()) {
            boolean onlyType = problems.stream().allMatch(p -> p.path().equals(EnvelopeCodec.EVENT_TYPE))
                    && claim.eventType() != null && EventTypes.byName(claim.eventType()).isEmpty();
            return new Unreadable(onlyType ? WireFailure.UNKNOWN_EVENT_TYPE : WireFailure.MALFORMED,
                    describe(problems), claim, true);
        }
        return new Readable(envelope, tree, payload);
    }

    /**
     * The payload as its event type: an unreadable revision is {@link WireFailure#UNKNOWN_EVENT_TYPE}; a payload that
     * breaks the schema, or that its event type cannot read in canonical form, is {@link WireFailure#SCHEMA_INVALID}
     * naming every problem.
     */
    public static Payload payloadOf(Readable readable) {
        EventEnvelope envelope = readable.envelope();
        List<Problem> problems = new ArrayList<>();
        StudyEvent event = null;
        try {
            event = EnvelopeCodec.payloadOf(envelope);
        } catch (ValidationException e) {
            if (e.problems().stream().anyMatch(p -> p.path().equals(EnvelopeCodec.SCHEMA_REVISION))) {
                return new Refused(WireFailure.UNKNOWN_EVENT_TYPE, describe(e.problems()));
            }
            problems.addAll(e.problems());
        }
        Set<Problem> all = new LinkedHashSet<>();
        readable.payloadProblems().forEach(v -> all.add(v.toProblem()));
        Set<String> named = readable.payloadProblems().stream().map(WireSchema.Violation::path).collect(Collectors.toSet());
        problems.stream().filter(p -> !named.contains(p.path())).forEach(all::add);
        if (!all.isEmpty()) {
            return new Refused(WireFailure.SCHEMA_INVALID, describe(List.copyOf(all)));
        }
        return new Typed(event);
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
