package org.studyledger.hub.ledger;

/**
 * Why the ledger did not accept a message. Stored with the message in the quarantine. The names of the kernel's
 * {@code WireFailure} and {@code SignatureCheck.Outcome} are used as they are, so one failure reads the same in the
 * quarantine, the offline verifier and the audit verification.
 */
public enum Rejection {
    /** Not a well-formed envelope (no value, not JSON, not UTF-8, missing or malformed members). */
    MALFORMED,
    /** JSON, but not the canonical encoding of what it holds (so not the bytes its center published). */
    NOT_CANONICAL,
    /** Beyond one of the intake limits (studyledger.hub.intake.limits.*); the reason names the limit and the value. */
    LIMIT_EXCEEDED,
    /** An event type (or revision) the hub does not know. */
    UNKNOWN_EVENT_TYPE,
    /** The envelope names another study. */
    WRONG_STUDY,
    /** The envelope's center is not the center whose topic carried it. */
    WRONG_TOPIC,
    /** The subject's prefix is not the envelope's center. */
    SUBJECT_NOT_OF_CENTER,
    /** The record's key is not the envelope's subject id, so the subject's order in its partition is not assured. */
    WRONG_KEY,
    /** The envelope carries no signature (no key_id and signature). */
    UNSIGNED,
    /** The envelope names a signing key that is not registered at the hub. */
    UNKNOWN_SIGNING_KEY,
    /** The envelope names a registered key of another center than its own. */
    SIGNING_KEY_OF_OTHER_CENTER,
    /** The event was recorded after the key that signed it was retired. */
    SIGNING_KEY_RETIRED,
    /** The signature does not verify with the key it names: made by another key, or the signed bytes were altered. */
    BAD_SIGNATURE,
    /** The hash does not recompute from the envelope. */
    HASH_MISMATCH,
    /** The payload breaks the published schema of its event type, or its event type cannot read it canonically. */
    SCHEMA_INVALID,
    /** Item responses out of range, missing or unknown for the instrument version. */
    ITEMS_INVALID,
    /** The stated scores differ from the scores recomputed from the items. */
    SCORES_MISMATCH,
    /** The event breaks a protocol rule (visit, schedule, dose, devices). */
    PROTOCOL_VIOLATION,
    /**
     * The ledger already holds a different event at this subject and sequence, or with this event id, or an
     * assessment with this assessment id.
     */
    CONFLICT,
    /** Events of this subject are missing before this one. */
    SEQUENCE_GAP,
    /** The previous hash is not the hash of the subject's last event in the ledger. */
    CHAIN_BROKEN,
    /** An earlier event of this subject is quarantined; this one waits behind it. */
    HELD,
    /** A check failed unexpectedly (a defect in the hub, not the message); the reason names the exception. */
    UNVERIFIABLE
}
