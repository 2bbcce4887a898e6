package org.studyledger.verifier;

/** Why a line of the ledger fails verification. */
public enum FailureCode {
    /** The line is not an envelope the kernel can decode (not JSON, not an object, a member missing or malformed). */
    MALFORMED,
    /** The line decodes, but is not the canonical encoding of what it holds (whitespace, member order, a duplicate member, number spelling). */
    NOT_CANONICAL,
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
    /** The envelope decodes, but its payload is not a readable, canonical event of its type and revision. */
    PAYLOAD_INVALID,
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
    BAD_SIGNATURE
}
