package org.studyledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Where a line says it belongs in its subject's chain. From a decoded envelope every member is known; from
 * a line the kernel refused, whatever members are still readable (so that one damaged line is reported
 * once, and its subject's later events are still checked against what it claimed).
 *
 * @param subjectId    null when not readable
 * @param sequence     null when not readable
 * @param eventId      null when not readable
 * @param eventType    null when not readable
 * @param previousHash null when not readable
 * @param hash         null when not readable
 */
record Claim(String subjectId, Long sequence, String eventId, String eventType, String previousHash, String hash) {
    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static Claim of(EventEnvelope envelope) {
        return new Claim(envelope.subjectId().value(), envelope.sequence(), envelope.eventId().toString(),
                envelope.eventType(), envelope.previousHash(), envelope.hash());
    }

    /** The readable members of an envelope the kernel refused. */
    static Claim readable(ObjectNode tree) {
        String subject = text(tree, EnvelopeCodec.SUBJECT_ID);
        JsonNode seq = tree.get(EnvelopeCodec.SEQUENCE);
        Long sequence = seq != null && seq.isIntegralNumber() && seq.canConvertToLong() && seq.longValue() >= 0
                ? seq.longValue() : null;
        String eventId = text(tree, EnvelopeCodec.EVENT_ID);
        String previous = text(tree, EnvelopeCodec.PREVIOUS_HASH);
        String hash = text(tree, EnvelopeCodec.HASH);
        return new Claim(SubjectId.isValid(subject) ? subject : null, sequence,
                eventId != null && UUID_FORMAT.matcher(eventId).matches() ? eventId : null,
                text(tree, EnvelopeCodec.EVENT_TYPE),
                EventHashes.isWellFormed(previous) ? previous : null,
                EventHashes.isWellFormed(hash) ? hash : null);
    }

    static Claim none() {
        return new Claim(null, null, null, null, null, null);
    }

    /** Whether the claim can be placed in a subject's chain. */
    boolean isPlaced() {
        return subjectId != null && sequence != null;
    }

    private static String text(ObjectNode tree, String member) {
        JsonNode value = tree.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
