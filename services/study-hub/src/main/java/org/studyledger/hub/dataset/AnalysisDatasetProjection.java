package org.studyledger.hub.dataset;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.studyledger.hub.projection.LedgerEvent;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * The analysis dataset. Each event updates the subject's current state (a correction replaces the
 * form's scores, a retraction deletes the form), then the subject's ADSL, ADQS and ADEX rows are
 * recomputed from that state as a whole and replace the old ones. Idempotent: an event at or below the
 * subject's last applied sequence changes nothing.
 */
@Component
@ProcessingGroup(AnalysisDatasetProjection.PROCESSING_GROUP)
public class AnalysisDatasetProjection {
    public static final String PROCESSING_GROUP = "analysis-dataset";

    private final DatasetStore store;
    private final AnalysisDerivation derivation;

    AnalysisDatasetProjection(DatasetStore store, AnalysisDerivation derivation) {
        this.store = store;
        this.derivation = derivation;
    }

    /** A second instance writing through {@code jdbc} (unqualified table names), for the replay proof. */
    public static AnalysisDatasetProjection writingTo(JdbcTemplate jdbc, AnalysisDerivation derivation) {
        return new AnalysisDatasetProjection(new DatasetStore(jdbc), derivation);
    }

    @EventHandler
    void on(StudyEvent event, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(event, message, token);
        if (event instanceof SubjectEnrolled enrolled) {
            if (!store.enrol(e, enrolled)) {
                return;
            }
        } else if (!store.claim(e)) {
            return;
        } else if (event instanceof AssessmentRecorded recorded) {
            store.recordForm(e, recorded);
        } else if (event instanceof AssessmentCorrected corrected) {
            store.correctForm(corrected.assessmentId().toString(), corrected.scores().scores());
        } else if (event instanceof AssessmentRetracted retracted) {
            store.retractForm(retracted.assessmentId().toString());
        } else if (event instanceof DoseAdministered dose) {
            store.dose(e, dose);
        } else if (event instanceof DoseWithheld withheld) {
            store.withheld(e, withheld);
        } else if (event instanceof SubjectDiscontinued discontinued) {
            store.discontinued(e.subjectId(), discontinued.discontinuationDate(), discontinued.reason(),
                    discontinued.consentWithdrawn());
        } else if (event instanceof FollowUpCompleted completed) {
            store.completed(e.subjectId(), completed.completionDate());
        } else if (event instanceof AdverseEventReported) {
            return; // not part of ADSL/ADQS/ADEX
        }
        store.load(e.subjectId()).ifPresent(subject -> store.replace(e.subjectId(), derivation.derive(subject)));
    }

    @ResetHandler
    void reset() {
        store.truncate();
    }
}
