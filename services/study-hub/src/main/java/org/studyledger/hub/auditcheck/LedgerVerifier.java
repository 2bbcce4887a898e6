package org.studyledger.hub.auditcheck;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeReader;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.envelope.WireLimits;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SignatureCheck;
import org.studyledger.kernel.verification.KnownAssessments;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * Walks one subject's stored events in sequence order and reports every failure (docs/audit.md, "The
 * algorithm"): the stored sequence runs 0, 1, 2 … without gap or duplicate; each event rebuilds into an envelope
 * whose subject, sequence and event id are the row's; each stated hash recomputes; each event carries its center's
 * signature, by a registered key of that center in use when the event was recorded, over the envelope as stored
 * (stated hash included); each previous_hash is the stated hash of the previous stored event (genesis for the
 * first); the scores of every assessment and correction recompute from its items (a correction with the instrument
 * of the assessment it corrects). Online only, the hub's own bookkeeping is compared too: the hash recorded at
 * acceptance and the subject's head.
 *
 * <p>A failure is reported where it is, and only there: an event altered in place fails its own hash (and its
 * signature), but its successor still names the altered event's stated hash, so the chain holds there. The
 * signature is what catches an event altered and re-hashed consistently with the hub's records: only its center
 * could sign the new hash.
 */
@Component
class LedgerVerifier {
    private final StoredEnvelopeReader reader;
    private final ScoringEngine scoring;
    private final WireLimits limits;

    LedgerVerifier(StoredEnvelopeReader reader, ScoringEngine scoring, WireLimits limits) {
        this.reader = reader;
        this.scoring = scoring;
        this.limits = limits;
    }

    /** What the walk of one subject found. */
    record SubjectResult(int events, List<Failure> failures) {
    }

    /** Walks {@code history}, checking signatures against {@code keys}. */
    SubjectResult verify(SubjectHistory history, KeyRing keys) {
        String subject = history.subjectId();
        List<Failure> failures = new ArrayList<>();
        KnownAssessments assessments = new KnownAssessments();
        long expected = 0;
        // The stated hash of the previous stored event; null when it could not be read.
        String previous = EventHashes.GENESIS;
        long lastSequence = -1;
        String lastHash = null;
        for (StoredEvent row : history.events()) {
            long seq = row.sequenceNumber();
            String id = row.eventIdentifier();
            if (seq < expected) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.SEQUENCE_DUPLICATE, subject + " #" + seq
                        + " is stored more than once (or out of order): the previous stored event was #" + (expected - 1)));
            } else if (seq > expected) {
                failures.add(new Failure(subject, expected, null, VerificationFailure.SEQUENCE_GAP, subject + " has no stored event #"
                        + expected + (seq - 1 > expected ? ".." + (seq - 1) : "") + ": the stored sequence goes from "
                        + (expected == 0 ? "the start" : "#" + (expected - 1)) + " to #" + seq));
            }
            expected = Math.max(expected, seq + 1);
            lastSequence = seq;
            StoredEnvelopeReader.Rebuilt e;
            try {
                e = reader.read(row);
            } catch (StoredEnvelopeReader.Unreadable unreadable) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.UNREADABLE, subject + " #" + seq + ": "
                        + unreadable.getMessage()));
                previous = null;
                lastHash = null;
                continue;
            }
            if (!e.header().subjectId().value().equals(row.aggregateIdentifier())) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.SUBJECT_MISMATCH, "the event stored under " + subject + " #"
                        + seq + " says it is about subject " + e.header().subjectId()));
            }
            if (e.header().sequence() != seq) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.SEQUENCE_MISMATCH, "the event stored at " + subject + " #"
                        + seq + " says it is #" + e.header().sequence()));
            }
            if (!e.header().eventId().toString().equals(id)) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.EVENT_ID_MISMATCH, "the event stored as " + id + " at "
                        + subject + " #" + seq + " says its id is " + e.header().eventId()));
            }
            if (!e.recomputed().equals(e.stated())) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.HASH_MISMATCH, subject + " #" + seq + " states hash "
                        + e.stated() + " but hashes to " + e.recomputed() + ": altered after it was sealed"));
            }
            checkSignature(subject, seq, id, e, keys, failures);
            checkWireForm(subject, seq, id, e, failures);
            if (previous != null && !previous.equals(e.header().previousHash())) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.CHAIN_BROKEN, subject + " #" + seq + " names previous hash "
                        + e.header().previousHash() + " but " + (previous.equals(EventHashes.GENESIS) && lastHash == null
                        ? "it is the subject's first stored event, which names the genesis hash " + previous
                        : "the previous stored event states hash " + previous)));
            }
            checkScores(subject, seq, id, e, assessments, failures);
            if (row.recordedHash() == null || !row.recordedHash().equals(e.stated())) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.HASH_RECORD_MISMATCH, subject + " #" + seq + " states hash "
                        + e.stated() + " but the hub recorded " + (row.recordedHash() == null
                        ? "no hash for event " + id : "hash " + row.recordedHash()) + " when it accepted it"));
            }
            previous = e.stated();
            lastHash = e.stated();
        }
        checkHead(history, lastSequence, lastHash, failures);
        return new SubjectResult(history.events().size(), failures);
    }

    private static void checkSignature(String subject, long seq, String id, StoredEnvelopeReader.Rebuilt e, KeyRing keys,
                                       List<Failure> failures) {
        if (e.signatureProblem() != null) {
            failures.add(new Failure(subject, seq, id, VerificationFailure.UNSIGNED, subject + " #" + seq
                    + " carries no complete signature: " + e.signatureProblem()));
            return;
        }
        SignatureCheck check = EnvelopeSignatures.check(e.envelope(), keys);
        if (!check.isValid()) {
            failures.add(new Failure(subject, seq, id, VerificationFailure.of(check.outcome()), check.reason()));
        }
    }

    /**
     * The line the export writes for the event must read back as the offline verifier (and the hub's intake) reads
     * a line: within the limits, canonical, valid against the published schema. Reported under the same names.
     */
    private void checkWireForm(String subject, long seq, String id, StoredEnvelopeReader.Rebuilt e, List<Failure> failures) {
        try {
            EnvelopeReader.Reading reading = EnvelopeReader.read(EnvelopeCodec.encode(e.envelope()), limits);
            if (reading instanceof EnvelopeReader.Unreadable unreadable) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.of(unreadable.failure()), subject + " #" + seq
                        + " as exported: " + unreadable.reason()));
                return;
            }
            if (EnvelopeReader.payloadOf((EnvelopeReader.Readable) reading) instanceof EnvelopeReader.Refused refused) {
                failures.add(new Failure(subject, seq, id, VerificationFailure.of(refused.failure()), subject + " #" + seq
                        + " as exported: " + refused.reason()));
            }
        } catch (RuntimeException ex) {
            failures.add(new Failure(subject, seq, id, VerificationFailure.UNVERIFIABLE, subject + " #" + seq
                    + ": a check failed unexpectedly: " + ex));
        }
    }

    private void checkScores(String subject, long seq, String id, StoredEnvelopeReader.Rebuilt e,
                             KnownAssessments assessments, List<Failure> failures) {
        assessments.checkScoresAndLearn(e.event(), scoring)
                .ifPresent(finding -> failures.add(new Failure(subject, seq, id, finding.failure(),
                        subject + " #" + seq + ": " + finding.reason())));
    }

    private static void checkHead(SubjectHistory history, long lastSequence, String lastHash, List<Failure> failures) {
        String subject = history.subjectId();
        SubjectHistory.Head head = history.head();
        if (head == null) {
            if (lastSequence >= 0) {
                failures.add(new Failure(subject, lastSequence, null, VerificationFailure.HEAD_MISMATCH, "the hub has no chain head for "
                        + subject + ", which has stored events up to #" + lastSequence));
            }
            return;
        }
        if (lastSequence < 0) {
            failures.add(new Failure(subject, head.lastSequence(), null, VerificationFailure.HEAD_MISMATCH, "the hub's chain head of "
                    + subject + " is #" + head.lastSequence() + " (hash " + head.lastHash() + ") but no event of the subject"
                    + " is stored"));
        } else if (head.lastSequence() != lastSequence || (lastHash != null && !head.lastHash().equals(lastHash))) {
            failures.add(new Failure(subject, head.lastSequence(), null, VerificationFailure.HEAD_MISMATCH, "the hub's chain head of "
                    + subject + " is #" + head.lastSequence() + " with hash " + head.lastHash()
                    + " but the last stored event is #" + lastSequence + (lastHash == null ? "" : " with hash " + lastHash)));
        }
    }
}
