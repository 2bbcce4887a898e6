package org.studyledger.kernel.envelope;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.studyledger.kernel.subject.SubjectId;

/**
 * What a message says it is, as far as its members can each be read on their own: for a message that is refused
 * before (or while) it is decoded, so the refusal can still name the event, its center, subject and place in the
 * subject's chain. Each member is null unless it was present once, at the top level, and well formed by itself
 * (a lower-case UUID, a center code, a subject id, a non-negative integer, 64 lower-case hex digits).
 *
 * @param eventId      the event id
 * @param eventType    the event type as written (any string)
 * @param centerId     the center
 * @param subjectId    the subject
 * @param sequence     the place in the subject's chain
 * @param previousHash the hash it names as the subject's previous
 * @param hash         the hash it states
 */
public record EnvelopeClaim(String eventId, String eventType, String centerId, String subjectId, Long sequence,
                            String previousHash, String hash) {
    /** The top-level members a claim is read from. */
    public static final Set<String> MEMBERS = Set.of(EnvelopeCodec.EVENT_ID, EnvelopeCodec.EVENT_TYPE,
            EnvelopeCodec.CENTER_ID, EnvelopeCodec.SUBJECT_ID, EnvelopeCodec.SEQUENCE, EnvelopeCodec.PREVIOUS_HASH,
            EnvelopeCodec.HASH);

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CENTER_FORMAT = Pattern.compile("[A-Z]{2,8}");
    private static final Pattern SEQUENCE_FORMAT = Pattern.compile("0|[1-9][0-9]{0,18}");

    /** Nothing could be read. */
    public static final EnvelopeClaim NONE = new EnvelopeClaim(null, null, null, null, null, null, null);

    /** The claim of a decoded envelope: every member. */
    public static EnvelopeClaim of(EventEnvelope e) {
        return new EnvelopeClaim(e.eventId().toString(), e.eventType(), e.centerId().value(), e.subjectId().value(),
                e.sequence(), e.previousHash(), e.hash());
    }

    /**
     * The claim of top-level member values as {@link CanonicalReader} keeps them (strings decoded, numbers as
     * written).
     */
    public static EnvelopeClaim of(Map<String, CanonicalReader.Scalar> topLevel) {
        String eventId = string(topLevel, EnvelopeCodec.EVENT_ID);
        String center = string(topLevel, EnvelopeCodec.CENTER_ID);
        String subject = string(topLevel, EnvelopeCodec.SUBJECT_ID);
        CanonicalReader.Scalar number = topLevel.get(EnvelopeCodec.SEQUENCE);
        String sequence = number == null || number.isString() ? null : number.text();
        String previous = string(topLevel, EnvelopeCodec.PREVIOUS_HASH);
        String hash = string(topLevel, EnvelopeCodec.HASH);
        Long seq = null;
        if (sequence != null && SEQUENCE_FORMAT.matcher(sequence).matches()) {
            try {
                seq = Long.parseLong(sequence);
            } catch (NumberFormatException e) {
                seq = null; // beyond a long: no place in a chain
            }
        }
        return new EnvelopeClaim(
                eventId != null && UUID_FORMAT.matcher(eventId).matches() ? eventId : null,
                string(topLevel, EnvelopeCodec.EVENT_TYPE),
                center != null && CENTER_FORMAT.matcher(center).matches() ? center : null,
                SubjectId.isValid(subject) ? subject : null,
                seq,
                EventHashes.isWellFormed(previous) ? previous : null,
                EventHashes.isWellFormed(hash) ? hash : null);
    }

    private static String string(Map<String, CanonicalReader.Scalar> topLevel, String member) {
        CanonicalReader.Scalar value = topLevel.get(member);
        return value != null && value.isString() ? value.text() : null;
    }

    /** Whether the claim names a place in a subject's chain (subject and sequence). */
    public boolean isPlaced() {
        return subjectId != null && sequence != null;
    }
}
