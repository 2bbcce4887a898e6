package org.studyledger.hub.ledger;

import java.util.Optional;

/**
 * What the checks of a message against the ledger (docs/ledger.md, checks 8 to 14) ask of it. Answered by the database
 * as it stands ({@link EnvelopeVerifier#verify}), or by a batch ({@link LedgerBatch}) from what it read for all its
 * messages at once plus what it accepted and quarantined itself so far, so that each message of a batch is decided
 * exactly as it would have been on its own after the ones before it.
 */
interface LedgerView {

    /** The hash of the event the ledger holds under this id. */
    Optional<String> hashOfEvent(String eventId);

    /** The hash of the event the ledger holds at this subject and sequence. */
    Optional<String> hashAt(String subjectId, long sequence);

    /** The assessment the ledger holds under this id: whose it is and which instrument. */
    Optional<LedgerHeads.Assessment> assessment(String assessmentId);

    /** The subject's chain head: its last sequence and hash in the ledger. */
    Optional<LedgerHeads.Head> head(String subjectId);

    /**
     * Whether an open quarantined message of the subject sits at a sequence from {@code nextSequence} up to, not
     * including, {@code sequence} (check 11, {@code HELD}).
     */
    boolean holdsEarlier(String subjectId, long nextSequence, long sequence);
}
