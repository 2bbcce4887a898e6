package org.studyledger.kernel.verification;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.studyledger.kernel.envelope.EventTypes;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.instrument.ScoringResult;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.StudyEventVisitor;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.validation.Problem;

/**
 * The checks of an event whose answer is the same wherever the event is read: the hub's intake, the hub's audit
 * verification and the offline verifier call these and report what they find under {@link VerificationFailure}'s
 * names. Where the walkers differ is only what they read (a topic, the event store, a file) and what they remember of
 * a subject (an instrument per assessment, the last sequence and hash).
 */
public final class EventChecks {
    private static final String ENROLMENT = EventTypes.nameOf(SubjectEnrolled.class);

    private EventChecks() {
    }

    /** A subject's history starts with its enrolment, and only there. */
    public static Optional<Finding> enrolmentPlace(long sequence, String eventType) {
        boolean enrolment = ENROLMENT.equals(eventType);
        if (sequence == 0 && !enrolment) {
            return Optional.of(new Finding(VerificationFailure.FIRST_NOT_ENROLMENT,
                    "a subject's first event must be " + ENROLMENT + ", not " + eventType));
        }
        if (sequence > 0 && enrolment) {
            return Optional.of(new Finding(VerificationFailure.ENROLMENT_NOT_FIRST,
                    ENROLMENT + " must be a subject's first event (sequence 0), not #" + sequence));
        }
        return Optional.empty();
    }

    /**
     * The scores an assessment or a correction states recompute from its items: an assessment with the instrument it
     * names, a correction with the instrument of the assessment it corrects ({@code instrumentOf}; empty when no
     * earlier event recorded it: {@link VerificationFailure#UNKNOWN_ASSESSMENT}). Other events state no scores.
     */
    public static Optional<Finding> scores(StudyEvent event, Function<AssessmentId, Optional<InstrumentRef>> instrumentOf,
                                           ScoringEngine scoring) {
        return event.accept(new StudyEventVisitor<>() {
            @Override
            public Optional<Finding> visit(SubjectEnrolled e) {
                return Optional.empty();
            }

            @Override
            public Optional<Finding> visit(AssessmentRecorded e) {
                return scores(scoring, e.instrument(), e.items(), e.scores());
            }

            @Override
            public Optional<Finding> visit(AssessmentCorrected e) {
                return instrumentOf.apply(e.assessmentId())
                        .map(instrument -> scores(scoring, instrument, e.items(), e.scores()))
                        .orElseGet(() -> Optional.of(new Finding(VerificationFailure.UNKNOWN_ASSESSMENT,
                                "corrects assessment " + e.assessmentId() + ", which no earlier event of the subject recorded")));
            }

            @Override
            public Optional<Finding> visit(AssessmentRetracted e) {
                return Optional.empty();
            }

            @Override
            public Optional<Finding> visit(DoseAdministered e) {
                return Optional.empty();
            }

            @Override
            public Optional<Finding> visit(DoseWithheld e) {
                return Optional.empty();
            }

            @Override
            public Optional<Finding> visit(AdverseEventReported e) {
                return Optional.empty();
            }

            @Override
            public Optional<Finding> visit(SubjectDiscontinued e) {
                return Optional.empty();
            }

            @Override
            public Optional<Finding> visit(FollowUpCompleted e) {
                return Optional.empty();
            }
        });
    }

    /** {@code stated} is what {@code items} give with {@code instrument}'s scoring rules. */
    public static Optional<Finding> scores(ScoringEngine scoring, InstrumentRef instrument, Map<String, Integer> items,
                                           ScoreSet stated) {
        ScoringResult result = scoring.score(instrument, items);
        if (!result.isValid()) {
            return Optional.of(new Finding(VerificationFailure.ITEMS_INVALID, "the items are not a valid form of "
                    + instrument + ": " + result.problems().stream().map(Problem::toString).collect(Collectors.joining("; "))));
        }
        ScoreSet recomputed = result.scores().orElseThrow();
        if (!recomputed.equals(stated)) {
            return Optional.of(new Finding(VerificationFailure.SCORES_MISMATCH, "stated scores " + stated.scores() + " "
                    + stated.categories() + " but the items of " + instrument + " give " + recomputed.scores() + " "
                    + recomputed.categories()));
        }
        return Optional.empty();
    }
}
