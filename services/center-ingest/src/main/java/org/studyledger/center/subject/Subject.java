package org.studyledger.center.subject;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoredForm;
import org.studyledger.kernel.instrument.ScoringResult;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyDays;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.command.RetractAssessment;
import org.studyledger.kernel.subject.command.WithholdDose;
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
 * One subject's life in the study at this center. Every command is checked against the kernel
 * (identifiers, instrument catalogue, protocol) and the subject's history; if it passes, exactly one
 * event is applied, sealed in its envelope (the next per-subject sequence number, the previous event's
 * hash and its own) and signed with the center's key. State changes only in the event-sourcing handlers,
 * so the same history always rebuilds the same subject.
 */
@Aggregate
public class Subject {
    private static final String CORRECTION_ROUTE = "POST /api/v1/subjects/%s/assessments/%s/corrections";

    @AggregateIdentifier
    private SubjectId subjectId;
    private long nextSequence;
    private String lastHash = EventHashes.GENESIS;
    private SubjectStatus status;
    private LocalDate enrolmentDate;
    private LocalDate statusDate;
    private Instant firstDoseAt;
    private Instant lastSessionAt;
    private int sessions;
    private final Set<Integer> administeredSessions = new HashSet<>();
    private final Map<AssessmentId, RecordedForm> assessments = new HashMap<>();
    private final Map<String, AssessmentId> originals = new HashMap<>();
    private final Set<DoseId> doses = new HashSet<>();
    private final Set<AdverseEventId> adverseEvents = new HashSet<>();

    /** The current form of one assessment, as the last original or correction left it. */
    private record RecordedForm(InstrumentRef instrument, String slot, SortedMap<String, Integer> items, boolean retracted) {
        RecordedForm retract() {
            return new RecordedForm(instrument, slot, items, true);
        }

        RecordedForm correct(SortedMap<String, Integer> corrected) {
            return new RecordedForm(instrument, slot, corrected, retracted);
        }
    }

    protected Subject() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    // ---------------------------------------------------------------- enrolment

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordedEvent handle(EnrolSubject cmd, CenterContext center) {
        if (subjectId != null) {
            throw CommandRefused.conflict("subject_id", "subject " + subjectId + " is already enrolled (since "
                    + enrolmentDate + ")");
        }
        Problems problems = new Problems();
        if (!cmd.subjectId().belongsTo(center.centerId())) {
            problems.add("subject_id", "subject " + cmd.subjectId() + " belongs to center " + cmd.subjectId().center()
                    + "; this is center " + center.centerId());
        }
        boolean hasEnrolment = problems.required(cmd.enrolmentDate(), "enrolment_date");
        boolean hasConsent = problems.required(cmd.consentDate(), "consent_date");
        problems.required(cmd.consentVersion(), "consent_version");
        if (hasEnrolment) {
            problems.check(!cmd.enrolmentDate().isAfter(center.today()), "enrolment_date",
                    () -> "must not be in the future (today is " + center.today() + ")");
        }
        if (hasEnrolment && hasConsent) {
            problems.check(!cmd.consentDate().isAfter(cmd.enrolmentDate()), "consent_date",
                    () -> "consent must be given on or before the enrolment date " + cmd.enrolmentDate());
        }
        if (problems.required(cmd.birthYear(), "birth_year") && hasEnrolment) {
            int age = cmd.enrolmentDate().getYear() - cmd.birthYear();
            problems.check(age >= 18 && age <= 110, "birth_year",
                    () -> "gives an age of about " + age + " at enrolment; the study enrols adults (18–110)");
        }
        problems.required(cmd.sex(), "sex");
        if (problems.required(cmd.episodeDurationMonths(), "episode_duration_months")) {
            problems.check(cmd.episodeDurationMonths() >= 0, "episode_duration_months", () -> "must not be negative");
        }
        if (problems.required(cmd.failedAntidepressantTrials(), "failed_antidepressant_trials")) {
            problems.check(cmd.failedAntidepressantTrials() >= 0, "failed_antidepressant_trials",
                    () -> "must not be negative");
        }
        problems.throwIfAny();
        return record(cmd, new SubjectEnrolled(cmd.enrolmentDate(), cmd.consentDate(), cmd.consentVersion(), center.protocolVersion(),
                cmd.birthYear(), cmd.sex(), cmd.episodeDurationMonths(), cmd.failedAntidepressantTrials()),
                center.startOf(cmd.enrolmentDate()), center);
    }

    @EventSourcingHandler
    void on(SubjectEnrolled e, @MetaDataValue(EnvelopeCodec.SUBJECT_ID) String subject,
            @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        subjectId = SubjectId.of(subject);
        status = SubjectStatus.ENROLLED;
        enrolmentDate = e.enrolmentDate();
        advance(hash);
    }

    // ---------------------------------------------------------------- assessments

    @CommandHandler
    public RecordedEvent handle(RecordAssessment cmd, CenterContext center) {
        requireAcceptsNewData(center, true);
        Protocol protocol = center.protocol();
        Problems problems = new Problems();
        if (problems.required(cmd.assessmentId(), "assessment_id") && assessments.containsKey(cmd.assessmentId())) {
            throw CommandRefused.conflict("assessment_id", "assessment " + cmd.assessmentId() + " is already recorded");
        }
        InstrumentRef instrument = resolveInstrument(cmd, protocol, problems);
        boolean hasVisit = cmd.visit() != null;
        boolean hasSession = cmd.doseSession() != null;
        if (hasVisit == hasSession) {
            problems.add(hasVisit ? "dose_session" : "visit",
                    "give exactly one of visit (" + visitCodes(protocol) + ") or dose_session");
        } else if (hasVisit) {
            if (protocol.visit(cmd.visit()).isEmpty()) {
                problems.add("visit", "unknown visit '" + cmd.visit() + "'; the protocol's visits are " + visitCodes(protocol));
            } else if (instrument != null && !protocol.isInstrumentScheduled(cmd.visit(), instrument.code())) {
                problems.add("instrument", instrument.code() + " is not scheduled at " + cmd.visit() + " by protocol "
                        + center.protocolVersion() + " (scheduled: " + protocol.visit(cmd.visit()).get().instruments() + ")");
            }
        } else {
            if (instrument != null && !protocol.isScheduledAtDosingSession(instrument.code())) {
                problems.add("instrument", instrument.code() + " is not completed at dosing sessions (those are: "
                        + protocol.dosingSessionInstruments() + ")");
            }
            if (!administeredSessions.contains(cmd.doseSession())) {
                problems.add("dose_session", "no administered dosing session " + cmd.doseSession() + " for " + subjectId);
            }
        }
        if (problems.required(cmd.administeredAt(), "administered_at")) {
            checkClinicalTime(cmd.administeredAt(), "administered_at", center, problems);
        }
        problems.required(cmd.rater(), "rater");
        ScoredForm form = null;
        if (instrument != null) {
            if (cmd.responses() == null || cmd.responses().isEmpty()) {
                problems.add("items", "every item of " + instrument + " is required");
            } else {
                ScoringResult result = center.scoring().score(instrument, cmd.responses());
                problems.addAll(result.problems());
                form = result.form().orElse(null);
            }
        }
        problems.throwIfAny();
        String slot = slotOf(cmd.visit(), cmd.doseSession(), instrument.code());
        AssessmentId existing = originals.get(slot);
        if (existing != null) {
            throw CommandRefused.conflict(hasVisit ? "visit" : "dose_session", "an assessment of " + instrument.code() + " at "
                    + (hasVisit ? "visit " + cmd.visit() : "dosing session " + cmd.doseSession())
                    + " is already recorded (" + existing + "); to change it, correct it: "
                    + CORRECTION_ROUTE.formatted(subjectId, existing));
        }
        Integer studyDay = null;
        boolean outOfWindow;
        if (firstDoseAt != null) {
            studyDay = StudyDays.of(center.dateOf(firstDoseAt), center.dateOf(cmd.administeredAt()));
            outOfWindow = hasVisit && !protocol.isInWindow(cmd.visit(), studyDay);
        } else {
            // Before the first dose only the baseline visit can be on time: every other window is counted from day 1.
            outOfWindow = hasVisit && !isBaseline(protocol, cmd.visit());
        }
        return record(cmd, new AssessmentRecorded(cmd.assessmentId(), form.instrument(), cmd.visit(), cmd.doseSession(),
                        cmd.administeredAt(), cmd.rater(), form.responses(), form.scores(), studyDay, outOfWindow),
                cmd.administeredAt(), center);
    }

    @EventSourcingHandler
    void on(AssessmentRecorded e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        String slot = slotOf(e.visit(), e.doseSession(), e.instrument().code());
        assessments.put(e.assessmentId(), new RecordedForm(e.instrument(), slot, e.items(), false));
        originals.put(slot, e.assessmentId());
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(CorrectAssessment cmd, CenterContext center) {
        requireAcceptsNewData(center, false);
        RecordedForm form = existingAssessment(cmd.assessmentId());
        if (form.retracted()) {
            throw CommandRefused.conflict("assessment_id", "assessment " + cmd.assessmentId()
                    + " was retracted; a retracted assessment cannot be corrected");
        }
        Problems problems = new Problems();
        problems.required(cmd.reason(), "reason");
        ScoredForm corrected = null;
        if (cmd.responses() == null || cmd.responses().isEmpty()) {
            problems.add("items", "the complete corrected form of " + form.instrument() + " is required");
        } else {
            ScoringResult result = center.scoring().score(form.instrument(), cmd.responses());
            problems.addAll(result.problems());
            corrected = result.form().orElse(null);
            if (corrected != null && corrected.responses().equals(form.items())) {
                problems.add("items", "no item differs from the current values; a correction must change at least one item");
            }
        }
        problems.throwIfAny();
        return record(cmd, new AssessmentCorrected(cmd.assessmentId(), corrected.responses(), corrected.scores(), cmd.reason()),
                center.now(), center);
    }

    @EventSourcingHandler
    void on(AssessmentCorrected e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        assessments.computeIfPresent(e.assessmentId(), (id, form) -> form.correct(e.items()));
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(RetractAssessment cmd, CenterContext center) {
        requireAcceptsNewData(center, false);
        RecordedForm form = existingAssessment(cmd.assessmentId());
        if (form.retracted()) {
            throw CommandRefused.conflict("assessment_id", "assessment " + cmd.assessmentId() + " is already retracted");
        }
        Problems problems = new Problems();
        problems.required(cmd.reason(), "reason");
        problems.throwIfAny();
        return record(cmd, new AssessmentRetracted(cmd.assessmentId(), cmd.reason()), center.now(), center);
    }

    @EventSourcingHandler
    void on(AssessmentRetracted e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        RecordedForm form = assessments.get(e.assessmentId());
        if (form != null) {
            assessments.put(e.assessmentId(), form.retract());
            // A retracted original frees its slot: the form can then be recorded again, correctly.
            originals.remove(form.slot(), e.assessmentId());
        }
        advance(hash);
    }

    // ---------------------------------------------------------------- dosing

    @CommandHandler
    public RecordedEvent handle(RecordDose cmd, CenterContext center) {
        requireAcceptsNewData(center, true);
        DosingRules rules = center.protocol().dosing();
        Problems problems = new Problems();
        if (problems.required(cmd.doseId(), "dose_id") && doses.contains(cmd.doseId())) {
            throw CommandRefused.conflict("dose_id", "dosing session " + cmd.doseId() + " is already recorded");
        }
        if (problems.required(cmd.administeredAt(), "administered_at")) {
            checkClinicalTime(cmd.administeredAt(), "administered_at", center, problems);
            checkAfterPreviousSession(cmd.administeredAt(), "administered_at", problems);
        }
        boolean hasDose = problems.required(cmd.doseMg(), "dose_mg");
        boolean hasDevices = problems.required(cmd.devices(), "devices");
        if (hasDose && !rules.isAllowedDose(cmd.doseMg())) {
            problems.add("dose_mg", cmd.doseMg() + " mg is not an allowed dose (allowed: " + rules.allowedDosesMg() + " mg)");
        } else if (hasDose && hasDevices && cmd.devices() != rules.devicesFor(cmd.doseMg())) {
            problems.add("devices", cmd.doseMg() + " mg takes " + rules.devicesFor(cmd.doseMg()) + " devices of "
                    + rules.mgPerDevice() + " mg, not " + cmd.devices());
        }
        boolean hasBefore = problems.required(cmd.bpBefore(), "bp_before");
        boolean hasAfter = problems.required(cmd.bpAfter(), "bp_after");
        if (problems.required(cmd.monitoringMinutes(), "monitoring_minutes")) {
            problems.check(cmd.monitoringMinutes() >= 0, "monitoring_minutes", () -> "must not be negative");
        }
        boolean aboveThreshold = hasBefore && rules.preDoseBpAboveThreshold(cmd.bpBefore());
        boolean hasOverride = cmd.overrideReason() != null && !cmd.overrideReason().isBlank();
        if (aboveThreshold && !hasOverride) {
            problems.add("override_reason", "pre-dose blood pressure " + cmd.bpBefore() + " mmHg is above "
                    + rules.preDoseBpLimit() + "; dosing then needs an override reason (or record the dose as withheld)");
        }
        if (hasBefore && !aboveThreshold && hasOverride) {
            problems.add("override_reason", "only applies when pre-dose blood pressure is above " + rules.preDoseBpLimit()
                    + " (it was " + cmd.bpBefore() + ")");
        }
        problems.throwIfAny();
        List<DoseFlag> flags = new ArrayList<>();
        if (aboveThreshold) {
            flags.add(DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD);
        }
        if (hasAfter && rules.notableBpRise(cmd.bpBefore(), cmd.bpAfter())) {
            flags.add(DoseFlag.NOTABLE_BP_RISE);
        }
        if (rules.monitoringTooShort(cmd.monitoringMinutes())) {
            flags.add(DoseFlag.MONITORING_SHORT);
        }
        return record(cmd, new DoseAdministered(cmd.doseId(), sessions + 1, cmd.administeredAt(), cmd.doseMg(), cmd.devices(),
                        cmd.bpBefore(), cmd.bpAfter(), cmd.monitoringMinutes(), hasOverride ? cmd.overrideReason() : null, flags),
                cmd.administeredAt(), center);
    }

    @EventSourcingHandler
    void on(DoseAdministered e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        sessions = e.sessionNumber();
        administeredSessions.add(e.sessionNumber());
        doses.add(e.doseId());
        lastSessionAt = e.administeredAt();
        if (firstDoseAt == null) {
            firstDoseAt = e.administeredAt();
        }
        status = SubjectStatus.ON_TREATMENT;
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(WithholdDose cmd, CenterContext center) {
        requireAcceptsNewData(center, true);
        Problems problems = new Problems();
        if (problems.required(cmd.doseId(), "dose_id") && doses.contains(cmd.doseId())) {
            throw CommandRefused.conflict("dose_id", "dosing session " + cmd.doseId() + " is already recorded");
        }
        if (problems.required(cmd.decidedAt(), "decided_at")) {
            checkClinicalTime(cmd.decidedAt(), "decided_at", center, problems);
            checkAfterPreviousSession(cmd.decidedAt(), "decided_at", problems);
        }
        problems.required(cmd.reason(), "reason");
        problems.throwIfAny();
        return record(cmd, new DoseWithheld(cmd.doseId(), sessions + 1, cmd.decidedAt(), cmd.reason(), cmd.bpBefore()),
                cmd.decidedAt(), center);
    }

    @EventSourcingHandler
    void on(DoseWithheld e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        sessions = e.sessionNumber();
        doses.add(e.doseId());
        lastSessionAt = e.decidedAt();
        advance(hash);
    }

    // ---------------------------------------------------------------- safety and disposition

    @CommandHandler
    public RecordedEvent handle(ReportAdverseEvent cmd, CenterContext center) {
        // Safety reporting continues after a discontinuation; only a withdrawal of consent stops it.
        requireAcceptsNewData(center, false);
        Problems problems = new Problems();
        if (problems.required(cmd.adverseEventId(), "adverse_event_id") && adverseEvents.contains(cmd.adverseEventId())) {
            throw CommandRefused.conflict("adverse_event_id", "adverse event " + cmd.adverseEventId() + " is already reported");
        }
        problems.required(cmd.term(), "term");
        if (problems.required(cmd.onsetDate(), "onset_date")) {
            checkClinicalDate(cmd.onsetDate(), "onset_date", center, problems);
        }
        problems.required(cmd.severity(), "severity");
        problems.required(cmd.serious(), "serious");
        problems.required(cmd.relatedness(), "relatedness");
        problems.throwIfAny();
        return record(cmd, new AdverseEventReported(cmd.adverseEventId(), cmd.term(), cmd.onsetDate(), cmd.severity(), cmd.serious(),
                cmd.relatedness()), center.startOf(cmd.onsetDate()), center);
    }

    @EventSourcingHandler
    void on(AdverseEventReported e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        adverseEvents.add(e.adverseEventId());
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(DiscontinueSubject cmd, CenterContext center) {
        // A subject who left the study may later withdraw consent too; that must still be recordable,
        // because it is what stops all further data.
        boolean laterWithdrawal = status == SubjectStatus.DISCONTINUED && Boolean.TRUE.equals(cmd.consentWithdrawn());
        requireAcceptsNewData(center, !laterWithdrawal);
        Problems problems = new Problems();
        if (problems.required(cmd.discontinuationDate(), "discontinuation_date")) {
            checkClinicalDate(cmd.discontinuationDate(), "discontinuation_date", center, problems);
        }
        problems.required(cmd.reason(), "reason");
        problems.required(cmd.consentWithdrawn(), "consent_withdrawn");
        problems.throwIfAny();
        return record(cmd, new SubjectDiscontinued(cmd.discontinuationDate(), cmd.reason(), cmd.consentWithdrawn()),
                center.startOf(cmd.discontinuationDate()), center);
    }

    @EventSourcingHandler
    void on(SubjectDiscontinued e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        status = e.consentWithdrawn() ? SubjectStatus.CONSENT_WITHDRAWN : SubjectStatus.DISCONTINUED;
        statusDate = e.discontinuationDate();
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(CompleteFollowUp cmd, CenterContext center) {
        requireAcceptsNewData(center, true);
        Problems problems = new Problems();
        if (problems.required(cmd.completionDate(), "completion_date")) {
            checkClinicalDate(cmd.completionDate(), "completion_date", center, problems);
        }
        problems.throwIfAny();
        return record(cmd, new FollowUpCompleted(cmd.completionDate()), center.startOf(cmd.completionDate()), center);
    }

    @EventSourcingHandler
    void on(FollowUpCompleted e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        status = SubjectStatus.COMPLETED;
        statusDate = e.completionDate();
        advance(hash);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Seals {@code event} in its envelope, signs it with the center's active key and applies it. The header and
     * the signature travel as the event's metadata, so the signed envelope (and its hash) can be rebuilt from the
     * event store alone, and is published exactly as it was recorded.
     */
    private RecordedEvent record(SubjectCommand cmd, StudyEvent event, Instant occurredAt, CenterContext center) {
        Provenance provenance = cmd.provenance();
        // recorded_at is read from the clock before the signer reads its key. A rotation switches the key first and
        // only then takes the replaced key's retired_at, so an event that still gets the replaced key was recorded
        // no later than that key's retirement, and is never refused as signed by a retired key.
        EventEnvelope sealed = EnvelopeCodec.seal(new EnvelopeHeader(UUID.randomUUID(), center.studyId(),
                center.centerId(), cmd.subjectId(), nextSequence, occurredAt, center.now(), provenance.actor(),
                provenance.source(), lastHash), event);
        EventEnvelope signed = center.signer().sign(sealed);
        apply(event, MetaData.from(EnvelopeHeader.metadataOf(signed)));
        return RecordedEvent.of(signed, event);
    }

    private void advance(String hash) {
        nextSequence++;
        lastHash = hash;
    }

    private void requireAcceptsNewData(CenterContext center, boolean stopsAtDiscontinuation) {
        if (status == SubjectStatus.CONSENT_WITHDRAWN) {
            throw CommandRefused.conflict("subject_id", "subject " + subjectId + " withdrew consent on " + statusDate
                    + "; no new data may be recorded");
        }
        if (stopsAtDiscontinuation && status == SubjectStatus.DISCONTINUED) {
            throw CommandRefused.conflict("subject_id", "subject " + subjectId + " was discontinued on " + statusDate
                    + "; no new assessments, doses or status changes may be recorded");
        }
        if (stopsAtDiscontinuation && status == SubjectStatus.COMPLETED) {
            throw CommandRefused.conflict("subject_id", "subject " + subjectId + " completed follow-up on " + statusDate
                    + "; no new assessments, doses or status changes may be recorded");
        }
    }

    private RecordedForm existingAssessment(AssessmentId id) {
        RecordedForm form = id == null ? null : assessments.get(id);
        if (form == null) {
            throw CommandRefused.notFound("assessment_id", "subject " + subjectId + " has no assessment " + id);
        }
        return form;
    }

    private InstrumentRef resolveInstrument(RecordAssessment cmd, Protocol protocol, Problems problems) {
        if (!problems.required(cmd.instrumentCode(), "instrument")) {
            return null;
        }
        Optional<InstrumentRef> scheduled = protocol.instrument(cmd.instrumentCode());
        if (scheduled.isEmpty()) {
            problems.add("instrument", "unknown instrument '" + cmd.instrumentCode() + "'; the protocol uses "
                    + protocol.instruments().keySet());
            return null;
        }
        if (cmd.instrumentVersion() == null || cmd.instrumentVersion().equals(scheduled.get().version())) {
            return scheduled.get();
        }
        problems.add("instrument_version", "protocol " + protocol.studyId() + "/" + protocol.version() + " uses "
                + scheduled.get() + ", not version " + cmd.instrumentVersion());
        return null;
    }

    private void checkClinicalTime(Instant at, String path, CenterContext center, Problems problems) {
        problems.check(!at.isAfter(center.now()), path, () -> "must not be in the future (now is " + center.now() + ")");
        problems.check(!center.dateOf(at).isBefore(enrolmentDate), path,
                () -> "is before the subject's enrolment on " + enrolmentDate + "; no data may predate enrolment");
    }

    private void checkClinicalDate(LocalDate date, String path, CenterContext center, Problems problems) {
        problems.check(!date.isAfter(center.today()), path, () -> "must not be in the future (today is " + center.today() + ")");
        problems.check(!date.isBefore(enrolmentDate), path, () -> "is before the subject's enrolment on " + enrolmentDate);
    }

    private void checkAfterPreviousSession(Instant at, String path, Problems problems) {
        if (lastSessionAt != null) {
            problems.check(at.isAfter(lastSessionAt), path,
                    () -> "must be after the previous dosing session (session " + sessions + " at " + lastSessionAt + ")");
        }
    }

    private static boolean isBaseline(Protocol protocol, String visit) {
        return protocol.visits().get(0).code().equals(visit);
    }

    private static String visitCodes(Protocol protocol) {
        return protocol.visits().stream().map(v -> v.code()).toList().toString();
    }

    private static String slotOf(String visit, Integer doseSession, String instrumentCode) {
        return (visit != null ? "visit:" + visit : "session:" + doseSession) + "/" + instrumentCode;
    }
}
