package org.studyledger.verifier;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.instrument.ScoringResult;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SignatureCheck;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.validation.Problem;

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
                context.fail(FailureCode.SUBJECT_NOT_OF_CENTER, "subject " + e.subjectId() + " is not a subject of center "
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
                context.fail(FailureCode.HASH_MISMATCH, "stated hash " + e.hash() + " does not recompute: the envelope"
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
                context.fail(codeOf(result.outcome()), result.reason());
            }
        }

        private static FailureCode codeOf(SignatureCheck.Outcome outcome) {
            if (outcome == SignatureCheck.Outcome.VALID) {
                throw new IllegalArgumentException("a valid signature is no failure");
            }
            return FailureCode.valueOf(outcome.name());
        }
    }

    /** A subject's history starts with its enrolment, and only there. */
    static final class EnrolmentFirst implements EventCheck {
        private static final String ENROLLED = SubjectEnrolled.class.getSimpleName();

        @Override
        public void check(EventContext context) {
            EventEnvelope e = context.envelope();
            boolean enrolment = ENROLLED.equals(e.eventType());
            if (e.sequence() == 0 && !enrolment) {
                context.fail(FailureCode.FIRST_NOT_ENROLMENT, "a subject's first event must be " + ENROLLED + ", not "
                        + e.eventType());
            } else if (e.sequence() > 0 && enrolment) {
                context.fail(FailureCode.ENROLMENT_NOT_FIRST, ENROLLED + " must be sequence 0, not " + e.sequence());
            }
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
            if (context.event() instanceof AssessmentRecorded recorded) {
                compare(context, recorded.instrument(), recorded.items(), recorded.scores());
            } else if (context.event() instanceof AssessmentCorrected corrected) {
                String id = corrected.assessmentId().toString();
                context.subject().instrumentOf(id).ifPresentOrElse(
                        instrument -> compare(context, instrument, corrected.items(), corrected.scores()),
                        () -> context.fail(FailureCode.UNKNOWN_ASSESSMENT, "corrects assessment " + id
                                + ", which no earlier event of " + context.envelope().subjectId() + " recorded"));
            }
        }

        private void compare(EventContext context, InstrumentRef instrument, Map<String, Integer> items, ScoreSet stated) {
            ScoringResult result = scoring.score(instrument, items);
            if (!result.isValid()) {
                context.fail(FailureCode.ITEMS_INVALID, "the items are not a valid form of " + instrument + ": "
                        + result.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
                return;
            }
            ScoreSet recomputed = result.scores().orElseThrow();
            if (!recomputed.equals(stated)) {
                context.fail(FailureCode.SCORES_MISMATCH, "stated scores " + stated.scores() + " " + stated.categories()
                        + " but the items give " + recomputed.scores() + " " + recomputed.categories()
                        + " with " + instrument);
            }
        }
    }
}
