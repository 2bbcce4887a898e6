package org.studyledger.kernel.subject.status;

import java.util.Arrays;
import java.util.List;
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
 * Where a subject stands in the study, derived from its events alone ({@link #after}): enrolled, on treatment from
 * the first administered dose, and then discontinued (with or without a withdrawal of consent) or completed. The
 * center's aggregate decides by it what may still be recorded, the center's read model shows it, and the hub's
 * summary reports its {@link #disposition()}.
 */
public enum SubjectStatus {
    ENROLLED,
    /** At least one dose was administered (a withheld session does not count). */
    ON_TREATMENT,
    DISCONTINUED,
    /** Discontinued, and consent withdrawn: no new data of any kind, safety reports included. */
    CONSENT_WITHDRAWN,
    COMPLETED;

    /**
     * The status after {@code event}, from {@code current} (null before the subject's enrolment). An event that says
     * nothing of the status keeps it; a dose moves an enrolled subject on treatment and leaves any other status alone.
     */
    public static SubjectStatus after(SubjectStatus current, StudyEvent event) {
        return event.accept(new StudyEventVisitor<>() {
            @Override
            public SubjectStatus visit(SubjectEnrolled e) {
                return ENROLLED;
            }

            @Override
            public SubjectStatus visit(AssessmentRecorded e) {
                return current;
            }

            @Override
            public SubjectStatus visit(AssessmentCorrected e) {
                return current;
            }

            @Override
            public SubjectStatus visit(AssessmentRetracted e) {
                return current;
            }

            @Override
            public SubjectStatus visit(DoseAdministered e) {
                return current == ENROLLED ? ON_TREATMENT : current;
            }

            @Override
            public SubjectStatus visit(DoseWithheld e) {
                return current;
            }

            @Override
            public SubjectStatus visit(AdverseEventReported e) {
                return current;
            }

            @Override
            public SubjectStatus visit(SubjectDiscontinued e) {
                return e.consentWithdrawn() ? CONSENT_WITHDRAWN : DISCONTINUED;
            }

            @Override
            public SubjectStatus visit(FollowUpCompleted e) {
                return COMPLETED;
            }
        });
    }

    /** The status after every event of {@code history}, in order; null for no history. */
    public static SubjectStatus of(List<? extends StudyEvent> history) {
        SubjectStatus status = null;
        for (StudyEvent event : history) {
            status = after(status, event);
        }
        return status;
    }

    /** This status after {@code event}. */
    public SubjectStatus then(StudyEvent event) {
        return after(this, event);
    }

    /**
     * The study's disposition of a subject in this status: a withdrawal of consent is a discontinuation (the hub keeps
     * the withdrawal as a flag of its own beside it).
     */
    public SubjectStatus disposition() {
        return this == CONSENT_WITHDRAWN ? DISCONTINUED : this;
    }

    /** The statuses {@link #disposition()} gives, in order. */
    public static List<SubjectStatus> dispositions() {
        return Arrays.stream(values()).filter(s -> s.disposition() == s).toList();
    }
}
