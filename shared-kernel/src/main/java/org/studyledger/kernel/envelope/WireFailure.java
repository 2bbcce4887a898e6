package org.studyledger.kernel.envelope;

/**
 * Why bytes from the wire are not a readable envelope, or could not be checked at all. The hub's quarantine reasons,
 * the offline verifier's failure codes and the hub's audit verification use these names as they are, so one failure
 * reads the same everywhere (docs/wire-format.md, docs/ledger.md, docs/audit.md).
 */
public enum WireFailure {
    /** Not JSON, not UTF-8 (ill-formed or overlong sequences, encoded surrogates), not an object, or not an envelope. */
    MALFORMED,
    /**
     * JSON, but not the canonical encoding of what it holds: a byte-order mark, UTF-16, whitespace, members out of
     * order or repeated, a {@code null} member, an escape other than the canonical ones, a number not in canonical
     * decimal form.
     */
    NOT_CANONICAL,
    /** Beyond one of the {@link WireLimits}; the reason names the limit and the value. */
    LIMIT_EXCEEDED,
    /** An event type, or a revision of one, that this reader does not know. */
    UNKNOWN_EVENT_TYPE,
    /** The payload breaks the published schema of its event type (docs/schemas/envelope.schema.json). */
    SCHEMA_INVALID,
    /** A check failed unexpectedly (a defect, not the message's fault); the reason names the exception. */
    UNVERIFIABLE
}
