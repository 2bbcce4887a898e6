package org.studyledger.kernel.subject.event;

/**
 * A fact about one subject's life in the study. Every event is immutable and past tense; a change of
 * mind is a new event ({@link AssessmentCorrected}, {@link AssessmentRetracted}) that names what it
 * changes and why. The envelope around an event (see {@code org.studyledger.kernel.envelope}) carries
 * who, when, where from, the per-subject sequence and the hash chain; the payload carries only the fact.
 */
public sealed interface StudyEvent
        permits SubjectEnrolled, AssessmentRecorded, AssessmentCorrected, AssessmentRetracted, DoseAdministered,
                DoseWithheld, AdverseEventReported, SubjectDiscontinued, FollowUpCompleted {

    /** {@code visitor}'s answer for this event's type: the exhaustive way to treat events by type. */
    <R> R accept(StudyEventVisitor<R> visitor);
}
