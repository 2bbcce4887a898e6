package org.studyledger.verifier;

/**
 * Why a line of the ledger fails verification. The names of the kernel's {@code WireFailure} and
 * {@code SignatureCheck.Outcome} are used as they are, so a failure reads the same here, in the hub's quarantine and
 * in the hub's audit verification.
 */
public enum FailureCode {
    /** The line is not an envelope the kernel can read (not JSON, not UTF-8, not an object, a member missing or malformed). */
    MALFORMED,
    /**
     * The line is JSON, but not the canonical encoding of what it holds (a byte-order mark, UTF-16, whitespace, member
     * order, a repeated or null member, an escape, number spelling): it did not come unchanged from the ledger.
     */
    NOT_CANONICAL,
    /** The line is beyond one of the reading limits ({@code --max-…}); the message names the limit and the value. */
    LIMIT_EXCEEDED,
    /** An event type, or a revision of one, that this verifier does not know. */
    UNKNOWN_EVENT_TYPE,
    /** The subject's prefix is not the envelope's {@code center_id}. */
    SUBJECT_NOT_OF_CENTER,
    /** The stated {@code hash} does not recompute from the other members: the event was altered after it was sealed. */
    HASH_MISMATCH,
    /** Sequences are missing before this event; reported at the first missing sequence. */
    SEQUENCE_GAP,
    /** The same sequence as the subject's previous event in the file. */
    SEQUENCE_DUPLICATE,
    /** A sequence lower than one already seen for the subject (the file's order goes backwards). */
    OUT_OF_ORDER,
    /** {@code previous_hash} is not the hash of the subject's previous event in the file (genesis for the first). */
    CHAIN_BROKEN,
    /** Sequence 0 is not {@code SubjectEnrolled}. */
    FIRST_NOT_ENROLMENT,
    /** {@code SubjectEnrolled} at a sequence other than 0. */
    ENROLMENT_NOT_FIRST,
    /** The payload breaks the published schema of its event type, or its event type cannot read it canonically. */
    SCHEMA_INVALID,
    /** The assessment's item responses are not a valid form of its instrument version. */
    ITEMS_INVALID,
    /** The stated scores are not what the items give with the instrument's scoring rules. */
    SCORES_MISMATCH,
    /** A correction names an assessment that no earlier event of the subject recorded. */
    UNKNOWN_ASSESSMENT,
    /** Signatures are checked ({@code --keys}) and the envelope carries none. */
    UNSIGNED,
    /** The envelope names a key id that is not among the registered keys. */
    UNKNOWN_SIGNING_KEY,
    /** The envelope names a registered key of another center than its own. */
    SIGNING_KEY_OF_OTHER_CENTER,
    /** The envelope was recorded after the key it names was retired. */
    SIGNING_KEY_RETIRED,
    /** The signature does not verify with the key it names: made by another key, or the signed bytes were altered. */
    BAD_SIGNATURE,
    /** A check failed unexpectedly (a defect in the verifier, not the line); the message names the exception. */
    UNVERIFIABLE
}
