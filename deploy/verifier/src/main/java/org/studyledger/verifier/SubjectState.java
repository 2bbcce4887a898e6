package org.studyledger.verifier;

import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.verification.KnownAssessments;

/**
 * What the verifier keeps per subject while streaming: the last sequence and hash the subject's events
 * claimed, and the instrument of each assessment recorded (corrections do not repeat it). After a failure
 * the state follows what the events claim, so one altered event is reported once and not again at every
 * later event.
 */
final class SubjectState {
    /** -1 before the subject's first event. */
    private long lastSequence = -1;
    /** The hash the next event must name as previous: genesis at first; null when the last hash could not be read. */
    private String lastHash = EventHashes.GENESIS;
    private final KnownAssessments assessments = new KnownAssessments();

    long lastSequence() {
        return lastSequence;
    }

    long expectedSequence() {
        return lastSequence + 1;
    }

    String lastHash() {
        return lastHash;
    }

    void advance(long sequence, String hash) {
        this.lastSequence = sequence;
        this.lastHash = hash;
    }

    KnownAssessments assessments() {
        return assessments;
    }
}
