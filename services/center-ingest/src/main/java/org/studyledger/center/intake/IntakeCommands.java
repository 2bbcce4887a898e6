package org.studyledger.center.intake;

import java.util.Map;
import java.util.Set;
import org.studyledger.center.intake.request.CompleteFollowUpRequest;
import org.studyledger.center.intake.request.CorrectAssessmentRequest;
import org.studyledger.center.intake.request.DiscontinueSubjectRequest;
import org.studyledger.center.intake.request.EnrolSubjectRequest;
import org.studyledger.center.intake.request.RecordAssessmentRequest;
import org.studyledger.center.intake.request.RecordDoseRequest;
import org.studyledger.center.intake.request.ReportAdverseEventRequest;
import org.studyledger.center.intake.request.RequestFields;
import org.studyledger.center.intake.request.RetractAssessmentRequest;
import org.studyledger.center.intake.request.WithholdDoseRequest;
import org.studyledger.center.subject.CenterContext;
import org.studyledger.center.subject.CommandChecks;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.command.RetractAssessment;
import org.studyledger.kernel.subject.command.WithholdDose;

/**
 * Turns intake fields into commands, with the same field names and parsing rules for a JSON body and a
 * CSV row. Shape problems (missing, wrong type, unparseable) are collected here; whether the values make
 * sense for the subject is the aggregate's decision. A request with shape problems never reaches the aggregate,
 * so it is refused here with the problems the aggregate's history-free rules ({@link CommandChecks}) find in the
 * values that did parse: one refusal names every problem that can be known without the subject's history. Ids
 * the client does not supply are generated.
 */
public final class IntakeCommands {
    // The wire names live in the request records; these are their field lists, which CSV columns use too.
    public static final Set<String> ENROLMENT_FIELDS = RequestFields.of(EnrolSubjectRequest.class);
    public static final Set<String> ASSESSMENT_FIELDS = RequestFields.of(RecordAssessmentRequest.class);
    public static final Set<String> CORRECTION_FIELDS = RequestFields.of(CorrectAssessmentRequest.class);
    public static final Set<String> RETRACTION_FIELDS = RequestFields.of(RetractAssessmentRequest.class);
    public static final Set<String> DOSE_FIELDS = RequestFields.of(RecordDoseRequest.class);
    public static final Set<String> WITHHELD_DOSE_FIELDS = RequestFields.of(WithholdDoseRequest.class);
    public static final Set<String> ADVERSE_EVENT_FIELDS = RequestFields.of(ReportAdverseEventRequest.class);
    public static final Set<String> DISCONTINUATION_FIELDS = RequestFields.of(DiscontinueSubjectRequest.class);
    public static final Set<String> FOLLOW_UP_FIELDS = RequestFields.of(CompleteFollowUpRequest.class);

    private IntakeCommands() {
    }

    /** The subject id: from the path (REST) or the {@code subject_id} field (body or CSV row). */
    public static SubjectId subjectId(FieldReader r, String fromPath) {
        if (fromPath != null) {
            // A body may repeat the subject, but must not name another one than the path does.
            String inBody = r.text("subject_id", false);
            if (inBody != null && !inBody.equals(fromPath)) {
                r.problem("subject_id", "is '" + inBody + "' but the path names subject '" + fromPath + "'");
            }
        }
        String value = fromPath != null ? fromPath : r.text("subject_id", true);
        if (value == null) {
            return null;
        }
        if (!SubjectId.isValid(value)) {
            r.problem("subject_id", "must be <CENTER>-<NNN> (e.g. PAV-001), got '" + value + "'");
            return null;
        }
        return SubjectId.of(value);
    }

    public static EnrolSubject enrol(FieldReader r, Provenance provenance, CenterContext center) {
        r.rejectUnknown(ENROLMENT_FIELDS);
        SubjectId id = subjectId(r, null);
        var cmd = new EnrolSubject(id, r.date("enrolment_date", true), r.date("consent_date", true),
                r.freeText("consent_version", true), r.integer("birth_year", true), r.enumeration("sex", Sex.class, true),
                r.integer("episode_duration_months", true), r.integer("failed_antidepressant_trials", true), provenance);
        r.finish(() -> CommandChecks.enrolment(cmd, center));
        return cmd;
    }

    public static RecordAssessment assessment(FieldReader r, String subjectFromPath, Map<String, ?> items,
                                              Provenance provenance, CenterContext center) {
        SubjectId id = subjectId(r, subjectFromPath);
        var assessmentId = r.uuid("assessment_id", false);
        var cmd = new RecordAssessment(id, assessmentId == null ? AssessmentId.random() : new AssessmentId(assessmentId),
                r.text("instrument", true), r.text("instrument_version", false), r.text("visit", false),
                r.integer("dose_session", false), r.instant("administered_at", true), r.freeText("rater", true), items, provenance);
        if (items == null && r.problems().stream().noneMatch(p -> p.path().equals("items"))) {
            r.problem("items", "is required");
        }
        r.finish(() -> CommandChecks.assessment(cmd, center));
        return cmd;
    }

    public static CorrectAssessment correction(FieldReader r, String subject, String assessment, Provenance provenance) {
        r.rejectUnknown(CORRECTION_FIELDS);
        SubjectId id = subjectId(r, subject);
        AssessmentId assessmentId = assessmentId(r, assessment);
        var cmd = new CorrectAssessment(id, assessmentId, r.items("items", true), r.freeText("reason", true), provenance);
        r.throwIfProblems();
        return cmd;
    }

    public static RetractAssessment retraction(FieldReader r, String subject, String assessment, Provenance provenance) {
        r.rejectUnknown(RETRACTION_FIELDS);
        SubjectId id = subjectId(r, subject);
        AssessmentId assessmentId = assessmentId(r, assessment);
        var cmd = new RetractAssessment(id, assessmentId, r.freeText("reason", true), provenance);
        r.throwIfProblems();
        return cmd;
    }

    public static RecordDose dose(FieldReader r, String subject, Provenance provenance, CenterContext center) {
        r.rejectUnknown(DOSE_FIELDS);
        SubjectId id = subjectId(r, subject);
        var doseId = r.uuid("dose_id", false);
        var cmd = new RecordDose(id, doseId == null ? DoseId.random() : new DoseId(doseId), r.instant("administered_at", true),
                r.integer("dose_mg", true), r.integer("devices", true), r.bloodPressure("bp_before", true),
                r.bloodPressure("bp_after", true), r.integer("monitoring_minutes", true), r.freeText("override_reason", false),
                provenance);
        r.finish(() -> CommandChecks.dose(cmd, center));
        return cmd;
    }

    public static WithholdDose withheldDose(FieldReader r, String subject, Provenance provenance, CenterContext center) {
        r.rejectUnknown(WITHHELD_DOSE_FIELDS);
        SubjectId id = subjectId(r, subject);
        var doseId = r.uuid("dose_id", false);
        var cmd = new WithholdDose(id, doseId == null ? DoseId.random() : new DoseId(doseId), r.instant("decided_at", true),
                r.freeText("reason", true), r.bloodPressure("bp_before", false), provenance);
        r.finish(() -> CommandChecks.withheldDose(cmd, center));
        return cmd;
    }

    public static ReportAdverseEvent adverseEvent(FieldReader r, String subject, Provenance provenance,
                                                  CenterContext center) {
        r.rejectUnknown(ADVERSE_EVENT_FIELDS);
        SubjectId id = subjectId(r, subject);
        var aeId = r.uuid("adverse_event_id", false);
        var cmd = new ReportAdverseEvent(id, aeId == null ? AdverseEventId.random() : new AdverseEventId(aeId),
                r.freeText("term", true), r.date("onset_date", true), r.enumeration("severity", AdverseEventSeverity.class, true),
                r.bool("serious", true), r.enumeration("relatedness", Relatedness.class, true), provenance);
        r.finish(() -> CommandChecks.adverseEvent(cmd, center));
        return cmd;
    }

    public static DiscontinueSubject discontinuation(FieldReader r, String subject, Provenance provenance,
                                                     CenterContext center) {
        r.rejectUnknown(DISCONTINUATION_FIELDS);
        SubjectId id = subjectId(r, subject);
        var cmd = new DiscontinueSubject(id, r.date("discontinuation_date", true), r.freeText("reason", true),
                r.bool("consent_withdrawn", true), provenance);
        r.finish(() -> CommandChecks.discontinuation(cmd, center));
        return cmd;
    }

    public static CompleteFollowUp followUp(FieldReader r, String subject, Provenance provenance, CenterContext center) {
        r.rejectUnknown(FOLLOW_UP_FIELDS);
        SubjectId id = subjectId(r, subject);
        var cmd = new CompleteFollowUp(id, r.date("completion_date", true), provenance);
        r.finish(() -> CommandChecks.followUp(cmd, center));
        return cmd;
    }

    private static AssessmentId assessmentId(FieldReader r, String value) {
        try {
            return AssessmentId.of(value);
        } catch (IllegalArgumentException e) {
            r.problem("assessment_id", "must be a UUID, got '" + value + "'");
            return null;
        }
    }
}
