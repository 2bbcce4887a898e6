package org.studyledger.kernel.verification;

import org.studyledger.kernel.envelope.WireFailure;
import org.studyledger.kernel.signing.SignatureCheck;

/**
 * Every way an event or a subject's chain can fail verification, named once for the hub's quarantine, the hub's audit
 * verification and the offline verifier. Each of them reports the failures its input can show (an offline file has no
 * record key, the hub's store has no line order); a failure they share has this one name. The names of
 * {@link WireFailure} and {@link SignatureCheck.Outcome} are these names ({@link #of(WireFailure)},
 * {@link #of(SignatureCheck.Outcome)}). The names are stored (quarantine rows) and documented: a name is never
 * changed or reused.
 */
public enum VerificationFailure {
    // ---------------------------------------------------------------- reading (WireFailure)
    /** Not a well-formed envelope (no value, not JSON, not UTF-8, not an object, a member missing or malformed). */
    MALFORMED,
    /** JSON, but not the canonical encoding of what it holds: not the bytes its center published. */
    NOT_CANONICAL,
    /** Beyond one of the reading limits; the reason names the limit and the value. */
    LIMIT_EXCEEDED,
    /** An event type, or a revision of one, that the reader does not know. */
    UNKNOWN_EVENT_TYPE,
    /** The payload breaks the published schema of its event type, or its event type cannot read it canonically. */
    SCHEMA_INVALID,

    // ---------------------------------------------------------------- where it came from (hub intake)
    /** The envelope names another study. */
    WRONG_STUDY,
    /** The envelope's center is not the center whose topic carried it. */
    WRONG_TOPIC,
    /** The subject's prefix is not the envelope's center. */
    SUBJECT_NOT_OF_CENTER,
    /** The record's key is not the envelope's subject id, so the subject's order in its partition is not assured. */
    WRONG_KEY,

    // ---------------------------------------------------------------- signature (SignatureCheck.Outcome)
    /** The envelope carries no (complete) signature. */
    UNSIGNED,
    /** The envelope names a signing key that is not registered. */
    UNKNOWN_SIGNING_KEY,
    /** The envelope names a registered key of another center than its own. */
    SIGNING_KEY_OF_OTHER_CENTER,
    /** The event was recorded after the key that signed it was retired. */
    SIGNING_KEY_RETIRED,
    /** The signature does not verify with the key it names: made by another key, or the signed bytes were altered. */
    BAD_SIGNATURE,

    // ---------------------------------------------------------------- the event itself
    /** The stated hash does not recompute from the envelope: altered after it was sealed. */
    HASH_MISMATCH,
    /** The items are not a valid form of the instrument version (missing, unknown or out of range). */
    ITEMS_INVALID,
    /** The stated scores are not what the items give with the instrument's scoring rules. */
    SCORES_MISMATCH,
    /** A correction names an assessment that no earlier event of the subject recorded. */
    UNKNOWN_ASSESSMENT,
    /** The event breaks a protocol rule (visit, schedule, dose, devices, an assessment of another subject). */
    PROTOCOL_VIOLATION,

    // ---------------------------------------------------------------- the subject's chain
    /** Sequence 0 is not {@code SubjectEnrolled}. */
    FIRST_NOT_ENROLMENT,
    /** {@code SubjectEnrolled} at a sequence other than 0. */
    ENROLMENT_NOT_FIRST,
    /** Sequences are missing before this event; reported at the first missing sequence. */
    SEQUENCE_GAP,
    /** A second event at a sequence already seen. */
    SEQUENCE_DUPLICATE,
    /** A sequence lower than one already seen for the subject (a file's order goes backwards). */
    OUT_OF_ORDER,
    /** previous_hash is not the hash of the subject's previous event (genesis for the first). */
    CHAIN_BROKEN,
    /**
     * Already held differently: another event at this subject and sequence, or with this event id, or an assessment
     * with this assessment id.
     */
    CONFLICT,
    /** An earlier event of this subject is quarantined; this one waits behind it (hub intake). */
    HELD,

    // ---------------------------------------------------------------- the hub's own records (audit verification)
    /** The stored event cannot be turned back into an envelope (payload or metadata unreadable). */
    UNREADABLE,
    /** The metadata names another subject than the row it is stored in. */
    SUBJECT_MISMATCH,
    /** The metadata names another sequence than the row's sequence number. */
    SEQUENCE_MISMATCH,
    /** The metadata names another event id than the row's event identifier. */
    EVENT_ID_MISMATCH,
    /** The hub's record of the event's hash (ledger_event_hash) is missing or different. */
    HASH_RECORD_MISMATCH,
    /** The hub's record of the subject's head (ledger_head) is not its last stored event. */
    HEAD_MISMATCH,

    // ----------------------------------------------------------------
    /** A check failed unexpectedly (a defect of the checker, not the event); the reason names the exception. */
    UNVERIFIABLE;

    /** The failure of a reading failure: the same name. */
    public static VerificationFailure of(WireFailure failure) {
        return valueOf(failure.name());
    }

    /** The failure of a signature that does not verify: the same name. */
    public static VerificationFailure of(SignatureCheck.Outcome outcome) {
        if (outcome == SignatureCheck.Outcome.VALID) {
            throw new IllegalArgumentException("a valid signature is no failure");
        }
        return valueOf(outcome.name());
    }
}
