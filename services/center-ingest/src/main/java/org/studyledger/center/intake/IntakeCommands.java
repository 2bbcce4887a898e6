package org.studyledger.center.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.studyledger.kernel.subject.BloodPressure;
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
 * CSV row. Shape problems (missing, wrong type, unparseable) are collected here, and only here: a command is
 * made only of a request without them, so it is complete (its constructor refuses a missing value). Whether the
 * values make sense for the subject is the aggregate's decision. A request with shape problems never reaches the
 * aggregate, so it is refused here with the problems the aggregate's history-free rules ({@link CommandChecks}) find
 * in the values that did parse, named as the wire names them ({@link WireNames}): one refusal names every problem
 * that can be known without the subject's history. Ids the client does not supply are generated.
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
        LocalDate enrolment = r.date("enrolment_date", true);
        LocalDate consent = r.date("consent_date", true);
        String consentVersion = r.freeText("consent_version", true);
        Integer birthYear = r.integer("birth_year", true);
        Sex sex = r.enumeration("sex", Sex.class, true);
        Integer episode = r.integer("episode_duration_months", true);
        Integer failedTrials = r.integer("failed_antidepressant_trials", true);
        r.finish(() -> WireNames.of(EnrolSubject.class,
                CommandChecks.enrolment(id, enrolment, consent, consentVersion, birthYear, episode, failedTrials, center)));
        return new EnrolSubject(id, enrolment, consent, consentVersion, birthYear, sex, episode, failedTrials, provenance);
    }

    public static RecordAssessment assessment(FieldReader r, String subjectFromPath, Map<String, ?> items,
                                              Provenance provenance, CenterContext center) {
        SubjectId id = subjectId(r, subjectFromPath);
        UUID assessmentId = r.uuid("assessment_id", false);
        String instrument = r.text("instrument", true);
        String version = r.text("instrument_version", false);
        String visit = r.text("visit", false);
        Integer doseSession = r.integer("dose_session", false);
        Instant administeredAt = r.instant("administered_at", true);
        String rater = r.freeText("rater", true);
        if (items == null && r.problems().stream().noneMatch(p -> p.path().equals("items"))) {
            r.problem("items", "is required");
        }
        r.finish(() -> WireNames.of(RecordAssessment.class,
                CommandChecks.assessment(instrument, version, visit, doseSession, administeredAt, rater, items, center)));
        return new RecordAssessment(id, assessmentId == null ? AssessmentId.random() : new AssessmentId(assessmentId),
                instrument, version, visit, doseSession, administeredAt, rater, items, provenance);
    }

    public static CorrectAssessment correction(FieldReader r, String subject, String assessment, Provenance provenance) {
        r.rejectUnknown(CORRECTION_FIELDS);
        SubjectId id = subjectId(r, subject);
        AssessmentId assessmentId = assessmentId(r, assessment);
        Map<String, Object> items = r.items("items", true);
        String reason = r.freeText("reason", true);
        r.finish(() -> WireNames.of(CorrectAssessment.class, CommandChecks.reason(reason)));
        return new CorrectAssessment(id, assessmentId, items, reason, provenance);
    }

    public static RetractAssessment retraction(FieldReader r, String subject, String assessment, Provenance provenance) {
        r.rejectUnknown(RETRACTION_FIELDS);
        SubjectId id = subjectId(r, subject);
        AssessmentId assessmentId = assessmentId(r, assessment);
        String reason = r.freeText("reason", true);
        r.finish(() -> WireNames.of(RetractAssessment.class, CommandChecks.reason(reason)));
        return new RetractAssessment(id, assessmentId, reason, provenance);
    }

    public static RecordDose dose(FieldReader r, String subject, Provenance provenance, CenterContext center) {
        r.rejectUnknown(DOSE_FIELDS);
        SubjectId id = subjectId(r, subject);
        UUID doseId = r.uuid("dose_id", false);
        Instant administeredAt = r.instant("administered_at", true);
        Integer doseMg = r.integer("dose_mg", true);
        Integer devices = r.integer("devices", true);
        BloodPressure before = r.bloodPressure("bp_before", true);
        BloodPressure after = r.bloodPressure("bp_after", true);
        Integer monitoring = r.integer("monitoring_minutes", true);
        String overrideReason = r.freeText("override_reason", false);
        r.finish(() -> WireNames.of(RecordDose.class,
                CommandChecks.dose(administeredAt, doseMg, devices, before, monitoring, overrideReason, center)));
        return new RecordDose(id, doseId == null ? DoseId.random() : new DoseId(doseId), administeredAt, doseMg, devices,
                before, after, monitoring, overrideReason, provenance);
    }

    public static WithholdDose withheldDose(FieldReader r, String subject, Provenance provenance, CenterContext center) {
        r.rejectUnknown(WITHHELD_DOSE_FIELDS);
        SubjectId id = subjectId(r, subject);
        UUID doseId = r.uuid("dose_id", false);
        Instant decidedAt = r.instant("decided_at", true);
        String reason = r.freeText("reason", true);
        BloodPressure before = r.bloodPressure("bp_before", false);
        r.finish(() -> WireNames.of(WithholdDose.class, CommandChecks.withheldDose(decidedAt, reason, center)));
        return new WithholdDose(id, doseId == null ? DoseId.random() : new DoseId(doseId), decidedAt, reason, before,
                provenance);
    }

    public static ReportAdverseEvent adverseEvent(FieldReader r, String subject, Provenance provenance,
                                                  CenterContext center) {
        r.rejectUnknown(ADVERSE_EVENT_FIELDS);
        SubjectId id = subjectId(r, subject);
        UUID aeId = r.uuid("adverse_event_id", false);
        String term = r.freeText("term", true);
        LocalDate onset = r.date("onset_date", true);
        AdverseEventSeverity severity = r.enumeration("severity", AdverseEventSeverity.class, true);
        Boolean serious = r.bool("serious", true);
        Relatedness relatedness = r.enumeration("relatedness", Relatedness.class, true);
        r.finish(() -> WireNames.of(ReportAdverseEvent.class, CommandChecks.adverseEvent(term, onset, center)));
        return new ReportAdverseEvent(id, aeId == null ? AdverseEventId.random() : new AdverseEventId(aeId), term, onset,
                severity, serious, relatedness, provenance);
    }

    public static DiscontinueSubject discontinuation(FieldReader r, String subject, Provenance provenance,
                                                     CenterContext center) {
        r.rejectUnknown(DISCONTINUATION_FIELDS);
        SubjectId id = subjectId(r, subject);
        LocalDate date = r.date("discontinuation_date", true);
        String reason = r.freeText("reason", true);
        Boolean consentWithdrawn = r.bool("consent_withdrawn", true);
        r.finish(() -> WireNames.of(DiscontinueSubject.class, CommandChecks.discontinuation(date, reason, center)));
        return new DiscontinueSubject(id, date, reason, consentWithdrawn, provenance);
    }

    public static CompleteFollowUp followUp(FieldReader r, String subject, Provenance provenance, CenterContext center) {
        r.rejectUnknown(FOLLOW_UP_FIELDS);
        SubjectId id = subjectId(r, subject);
        LocalDate date = r.date("completion_date", true);
        r.finish(() -> WireNames.of(CompleteFollowUp.class, CommandChecks.followUp(date, center)));
        return new CompleteFollowUp(id, date, provenance);
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
