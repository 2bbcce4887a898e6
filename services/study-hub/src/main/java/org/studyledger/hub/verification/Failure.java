package org.studyledger.hub.verification;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing the verifier found wrong.
 *
 * @param subjectId  the subject
 * @param sequence   the sequence number it concerns (for a gap: the first missing one)
 * @param eventId    the stored event's id, null when no event is there (a gap)
 * @param reasonCode what kind of failure ({@link Reason})
 * @param reason     a sentence naming the values involved
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Failure(String subjectId, long sequence, String eventId, Reason reasonCode, String reason) {

    /** The failures the verifier reports; docs/audit.md says what each one means. */
    public enum Reason {
        /** The stored event cannot be turned back into an envelope (payload or metadata unreadable). */
        UNREADABLE,
        /** The metadata names another subject than the row it is stored in. */
        SUBJECT_MISMATCH,
        /** The metadata names another sequence than the row's sequence number. */
        SEQUENCE_MISMATCH,
        /** The metadata names another event id than the row's event identifier. */
        EVENT_ID_MISMATCH,
        /** Sequence numbers missing before this one. */
        SEQUENCE_GAP,
        /** A second stored event at a sequence number already seen. */
        SEQUENCE_DUPLICATE,
        /** The envelope rebuilt from the stored event does not hash to its stated hash. */
        HASH_MISMATCH,
        /** The stored event carries no (complete) signature. */
        UNSIGNED,
        /** The stored event names a signing key that is not registered at the hub. */
        UNKNOWN_SIGNING_KEY,
        /** The stored event names a registered key of another center than its own. */
        SIGNING_KEY_OF_OTHER_CENTER,
        /** The stored event was recorded after the key that signed it was retired. */
        SIGNING_KEY_RETIRED,
        /**
         * The stored signature does not verify with the key it names: the event (hash included) is not what its
         * center signed, e.g. altered in the store and re-hashed.
         */
        BAD_SIGNATURE,
        /** previous_hash is not the stated hash of the subject's previous stored event (genesis for the first). */
        CHAIN_BROKEN,
        /** The stated scores are not what the items give with the instrument's scoring rules. */
        SCORES_MISMATCH,
        /** The items are not a valid form of the instrument. */
        ITEMS_INVALID,
        /** A correction names an assessment that no earlier event of the subject recorded. */
        ASSESSMENT_UNKNOWN,
        /** The hub's record of the event's hash (ledger_event_hash) is missing or different. Online only. */
        HASH_RECORD_MISMATCH,
        /** The hub's record of the subject's head (ledger_head) is not its last stored event. Online only. */
        HEAD_MISMATCH,
        /** The line the export would write for the event cannot be read back: not JSON (a defect of the encoder). */
        MALFORMED,
        /** The line the export would write is not canonical (a defect of the encoder). */
        NOT_CANONICAL,
        /** The line the export would write is beyond the intake limits: a verifier with the same limits refuses it. */
        LIMIT_EXCEEDED,
        /** The stored event's event type or revision is one the hub cannot read back from its wire form. */
        UNKNOWN_EVENT_TYPE,
        /** The event, as the export would write it, breaks the published schema (accepted before it was enforced). */
        SCHEMA_INVALID,
        /** A check failed unexpectedly (a defect in the hub, not the event); the reason names the exception. */
        UNVERIFIABLE
    }
}
