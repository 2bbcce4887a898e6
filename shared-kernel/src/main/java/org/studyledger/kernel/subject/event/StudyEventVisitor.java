package org.studyledger.kernel.subject.event;

/**
 * One answer per kind of {@link StudyEvent}, chosen by {@link StudyEvent#accept}. Code outside the projections that
 * treats events by their type implements this rather than testing types one by one: a new event type adds a method
 * here, so every place that must say what the new event means fails to compile until it does.
 *
 * @param <R> what each event is turned into ({@link Void} when the visit only has effects)
 */
public interface StudyEventVisitor<R> {
    R visit(SubjectEnrolled event);

    R visit(AssessmentRecorded event);

    R visit(AssessmentCorrected event);

    R visit(AssessmentRetracted event);

    R visit(DoseAdministered event);

    R visit(DoseWithheld event);

    R visit(AdverseEventReported event);

    R visit(SubjectDiscontinued event);

    R visit(FollowUpCompleted event);
}
