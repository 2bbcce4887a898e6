package org.studyledger.kernel.verification;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoringEngine;
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

/**
 * What a walker of the ledger remembers of the assessments it passed, to check the events after them: the instrument
 * each assessment was recorded with, which a correction does not repeat and is scored with
 * ({@link EventChecks#scores}). Which event makes an assessment known is decided here only ({@link #recordedBy}); a
 * walker that keeps the list elsewhere (a table of the hub's ledger, say) takes it from there, and one that walks in
 * memory keeps an instance.
 */
public final class KnownAssessments {
    /** An assessment an event recorded, with the instrument it was recorded with. */
    public record Recorded(AssessmentId assessmentId, InstrumentRef instrument) {
    }

    private static final StudyEventVisitor<Optional<Recorded>> RECORDED = new StudyEventVisitor<>() {
        @Override
        public Optional<Recorded> visit(SubjectEnrolled e) {
            return Optional.empty();
        }

        @Override
        public Optional<Recorded> visit(AssessmentRecorded e) {
            return Optional.of(new Recorded(e.assessmentId(), e.instrument()));
        }

        @Override
        public Optional<Recorded> visit(AssessmentCorrected e) {
            // A correction names its assessment but not the instrument: it stays the one recorded.
            return Optional.empty();
        }

        @Override
        public Optional<Recorded> visit(AssessmentRetracted e) {
            return Optional.empty();
        }

        @Override
        public Optional<Recorded> visit(DoseAdministered e) {
            return Optional.empty();
        }

        @Override
        public Optional<Recorded> visit(DoseWithheld e) {
            return Optional.empty();
        }

        @Override
        public Optional<Recorded> visit(AdverseEventReported e) {
            return Optional.empty();
        }

        @Override
        public Optional<Recorded> visit(SubjectDiscontinued e) {
            return Optional.empty();
        }

        @Override
        public Optional<Recorded> visit(FollowUpCompleted e) {
            return Optional.empty();
        }
    };

    private final Map<AssessmentId, InstrumentRef> instruments = new HashMap<>();

    /** The assessment {@code event} makes known, if it records one. */
    public static Optional<Recorded> recordedBy(StudyEvent event) {
        return event.accept(RECORDED);
    }

    /** Remembers the assessment {@code event} records, if any. */
    public void learn(StudyEvent event) {
        recordedBy(event).ifPresent(recorded -> instruments.put(recorded.assessmentId(), recorded.instrument()));
    }

    /** The instrument {@code assessment} was recorded with, if an event seen so far recorded it. */
    public Optional<InstrumentRef> instrumentOf(AssessmentId assessment) {
        return Optional.ofNullable(instruments.get(assessment));
    }

    /**
     * The stated scores of {@code event} checked against the assessments known before it ({@link EventChecks#scores});
     * then the event is learnt, so the walker's next event is checked knowing it.
     */
    public Optional<Finding> checkScoresAndLearn(StudyEvent event, ScoringEngine scoring) {
        Optional<Finding> finding = EventChecks.scores(event, this::instrumentOf, scoring);
        learn(event);
        return finding;
    }
}
