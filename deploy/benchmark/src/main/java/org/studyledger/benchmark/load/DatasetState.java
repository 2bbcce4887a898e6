package org.studyledger.benchmark.load;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.studyledger.hub.dataset.SubjectRecord;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEventVisitor;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * One subject's analysis-dataset state after all its events, kept the way the hub's analysis-dataset projection keeps
 * it in {@code dataset_subject}, {@code dataset_form} and {@code dataset_dose}: the enrolment, the disposition (a later
 * discontinuation overwrites an earlier one), every current form in recording order (a correction replaces its
 * scores, a retraction removes it) and every dosing session in recording order. {@link #record()} is what the
 * projection loads before it derives the subject's ADSL, ADQS and ADEX rows; the projection derives after every event,
 * and its last derivation is of this final state.
 */
public final class DatasetState {
    private final String subjectId;
    private SubjectRecord.Enrolment enrolment;
    private LocalDate discontinuationDate;
    private String discontinuationReason;
    private Boolean consentWithdrawn;
    private LocalDate completionDate;
    private final Map<String, SubjectRecord.Form> forms = new LinkedHashMap<>();
    private final List<SubjectRecord.Dose> doses = new ArrayList<>();
    private long lastSequence = -1;

    public DatasetState(String subjectId) {
        this.subjectId = subjectId;
    }

    public void apply(SealedEvent sealed) {
        EventEnvelope e = sealed.envelope();
        lastSequence = e.sequence();
        sealed.event().accept(new StudyEventVisitor<Void>() {
            @Override
            public Void visit(SubjectEnrolled s) {
                enrolment = new SubjectRecord.Enrolment(e.studyId().value(), subjectId, e.centerId().value(),
                        s.enrolmentDate(), s.consentDate(), s.protocolVersion(), s.birthYear(), s.sex().name(),
                        s.episodeDurationMonths(), s.failedAntidepressantTrials());
                return null;
            }

            @Override
            public Void visit(AssessmentRecorded a) {
                forms.put(a.assessmentId().toString(), new SubjectRecord.Form(a.assessmentId().toString(),
                        a.instrument().code(), a.instrument().version(), a.visit(), a.doseSession(), a.administeredAt(),
                        a.scores().scores(), e.sequence()));
                return null;
            }

            @Override
            public Void visit(AssessmentCorrected c) {
                forms.computeIfPresent(c.assessmentId().toString(), (id, f) -> withScores(f, c.scores().scores()));
                return null;
            }

            @Override
            public Void visit(AssessmentRetracted r) {
                forms.remove(r.assessmentId().toString());
                return null;
            }

            @Override
            public Void visit(DoseAdministered d) {
                doses.add(new SubjectRecord.Dose(d.doseId().toString(), d.sessionNumber(), true, d.administeredAt(),
                        d.doseMg(), d.devices(), d.bpBefore().systolic(), d.bpBefore().diastolic(), d.bpAfter().systolic(),
                        d.bpAfter().diastolic(), d.monitoringMinutes(), d.overrideReason(), null,
                        d.flags().stream().map(DoseFlag::name).toList(), e.sequence()));
                return null;
            }

            @Override
            public Void visit(DoseWithheld w) {
                doses.add(new SubjectRecord.Dose(w.doseId().toString(), w.sessionNumber(), false, w.decidedAt(), null,
                        null, w.bpBefore() == null ? null : w.bpBefore().systolic(),
                        w.bpBefore() == null ? null : w.bpBefore().diastolic(), null, null, null, null, w.reason(),
                        List.of(), e.sequence()));
                return null;
            }

            @Override
            public Void visit(AdverseEventReported ae) {
                return null;
            }

            @Override
            public Void visit(SubjectDiscontinued d) {
                discontinuationDate = d.discontinuationDate();
                discontinuationReason = d.reason();
                consentWithdrawn = d.consentWithdrawn();
                return null;
            }

            @Override
            public Void visit(FollowUpCompleted f) {
                completionDate = f.completionDate();
                return null;
            }
        });
    }

    private static SubjectRecord.Form withScores(SubjectRecord.Form f, Map<String, BigDecimal> scores) {
        return new SubjectRecord.Form(f.assessmentId(), f.instrument(), f.version(), f.visit(), f.doseSession(),
                f.administeredAt(), scores, f.sequence());
    }

    public String subjectId() {
        return subjectId;
    }

    /** The sequence of the subject's last event: {@code dataset_subject.last_sequence}. */
    public long lastSequence() {
        return lastSequence;
    }

    public SubjectRecord record() {
        if (enrolment == null) {
            throw new IllegalStateException(subjectId + " has events but no enrolment");
        }
        return new SubjectRecord(enrolment, new SubjectRecord.Disposition(discontinuationDate, discontinuationReason,
                consentWithdrawn, completionDate), List.copyOf(forms.values()), doses);
    }
}
