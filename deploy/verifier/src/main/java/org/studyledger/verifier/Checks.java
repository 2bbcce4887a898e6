package org.studyledger.verifier;

import java.util.Objects;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SignatureCheck;
import org.studyledger.kernel.verification.EventChecks;
import org.studyledger.kernel.verification.VerificationFailure;

/** The event checks the verifier runs on every decoded event. */
final class Checks {
    private Checks() {
    }

    /** The subject's prefix is the envelope's center. */
    static final class SubjectOfCenter implements EventCheck {
        @Override
        public void check(EventContext context) {
            EventEnvelope e = context.envelope();
            if (!e.subjectId().belongsTo(e.centerId())) {
                context.fail(VerificationFailure.SUBJECT_NOT_OF_CENTER, "subject " + e.subjectId() + " is not a subject of center "
                        + e.centerId() + " (its prefix is " + e.subjectId().center() + ")");
            }
        }
    }

    /** The stated hash recomputes from the other members. */
    static final class Hash implements EventCheck {
        @Override
        public void check(EventContext context) {
            EventEnvelope e = context.envelope();
            if (!e.hashIsValid()) {
                context.fail(VerificationFailure.HASH_MISMATCH, "stated hash " + e.hash() + " does not recompute: the envelope"
                        + " hashes to " + EventHashes.hashOf(e) + " (altered after it was sealed)");
            }
        }
    }

    /**
     * The envelope is signed by a registered key of its own center, in use when the event was recorded, and the
     * signature verifies over the envelope's bytes ({@link EnvelopeSignatures#check}, the hub's own rule).
     */
    static final class Signature implements EventCheck {
        private final KeyRing keys;

        Signature(KeyRing keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        @Override
        public void check(EventContext context) {
            SignatureCheck result = EnvelopeSignatures.check(context.envelope(), keys);
            if (!result.isValid()) {
                context.fail(VerificationFailure.of(result.outcome()), result.reason());
            }
        }
    }

    /** A subject's history starts with its enrolment, and only there. */
    static final class EnrolmentFirst implements EventCheck {
        @Override
        public void check(EventContext context) {
            EventEnvelope e = context.envelope();
            EventChecks.enrolmentPlace(e.sequence(), e.eventType()).ifPresent(context::fail);
        }
    }

    /** An assessment's scores recompute from its items; a correction's with the instrument of what it corrects. */
    static final class Scores implements EventCheck {
        private final ScoringEngine scoring;

        Scores(ScoringEngine scoring) {
            this.scoring = Objects.requireNonNull(scoring, "scoring");
        }

        @Override
        public void check(EventContext context) {
            if (context.event() != null) {
                EventChecks.scores(context.event(), context.subject().assessments()::instrumentOf, scoring)
                        .ifPresent(context::fail);
            }
        }
    }
}
