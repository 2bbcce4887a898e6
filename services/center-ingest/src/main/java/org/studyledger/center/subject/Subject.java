package org.studyledger.center.subject;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
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
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.Ages;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
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
import org.studyledger.kernel.subject.status.SubjectStatus;

/**
 * One subject's life in the study at this center. Every command is checked against the kernel
 * (identifiers, instrument catalogue, protocol) and the subject's history; if it passes, exactly one
 * event is applied, sealed in its envelope (the next per-subject sequence number, the previous event's
 * hash and its own) and signed with the center's key. State changes only in the event-sourcing handlers,
 * so the same history always rebuilds the same subject. A command arrives complete (its constructor refuses a missing
 * value) and parsed: presence and format are the intake's; the aggregate keeps the state and protocol rules, and its
 * problems name the command's fields ({@code birthYear}), which the intake names as its wire fields. Within one transaction, a subject is loaded once and kept
 * for the transaction's later commands ({@link TransactionScopedCache}).
 */
@Aggregate(cache = "subjectCache")
public class Subject {
    @AggregateIdentifier
    private SubjectId subjectId;
    private long nextSequence;
    private String lastHash = EventHashes.GENESIS;
    private SubjectStatus status;
    private LocalDate enrolmentDate;
    private int birthYear;
    private LocalDate statusDate;
    private Instant firstDoseAt;
    private final List<Session> sessions = new ArrayList<>();
    private final Map<AssessmentId, RecordedForm> assessments = new LinkedHashMap<>();
    private final Map<String, AssessmentId> originals = new HashMap<>();
    private final Set<DoseId> doses = new HashSet<>();
    private final Map<AdverseEventId, LocalDate> adverseEvents = new LinkedHashMap<>();

    /** The current form of one assessment, as the last original or correction left it. */
    private record RecordedForm(AssessmentId id, InstrumentRef instrument, String slot, Instant administeredAt,
                                SortedMap<String, Integer> items, boolean retracted) {
        RecordedForm retract() {
            return new RecordedForm(id, instrument, slot, administeredAt, items, true);
        }

        RecordedForm correct(SortedMap<String, Integer> corrected) {
            return new RecordedForm(id, instrument, slot, administeredAt, corrected, retracted);
        }

        String describe() {
            return "assessment " + id + " (" + instrument.code() + " at "
                    + (slot.startsWith("visit:") ? "visit " : "dosing session ")
                    + slot.substring(slot.indexOf(':') + 1, slot.indexOf('/')) + ")";
        }
    }

    /**
     * A dosing session as far as later commands need it: when it was, and for a dose given, its devices (so when its
     * last device was used at the earliest).
     */
    private record Session(int number, DoseId doseId, Instant at, Integer devices) {
        boolean administered() {
            return devices != null;
        }

        Instant end(DosingRules rules) {
            return administered() ? rules.endOfAdministration(at, devices) : at;
        }
    }

    protected Subject() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    // ---------------------------------------------------------------- enrolment

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordedEvent handle(EnrolSubject cmd, CenterContext center) {
        Problems problems = new Problems();
        if (subjectId != null) {
            problems.conflict("subjectId", "subject " + subjectId + " is already enrolled (since " + enrolmentDate + ")");
        }
        CommandChecks.enrolment(cmd, center, problems);
        problems.throwIfAny();
        return record(cmd, new SubjectEnrolled(cmd.enrolmentDate(), cmd.consentDate(), cmd.consentVersion(), center.protocolVersion(),
                cmd.birthYear(), cmd.sex(), cmd.episodeDurationMonths(), cmd.failedAntidepressantTrials()),
                center.startOf(cmd.enrolmentDate()), center);
    }

    @EventSourcingHandler
    void on(SubjectEnrolled e, @MetaDataValue(EnvelopeCodec.SUBJECT_ID) String subject,
            @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        subjectId = SubjectId.of(subject);
        status = SubjectStatus.after(status, e);
        enrolmentDate = e.enrolmentDate();
        birthYear = e.birthYear();
        advance(hash);
    }

    // ---------------------------------------------------------------- assessments

    @CommandHandler
    public RecordedEvent handle(RecordAssessment cmd, CenterContext center) {
        Protocol protocol = center.protocol();
        Problems problems = new Problems();
        acceptsNewData(center, true, problems);
        if (assessments.containsKey(cmd.assessmentId())) {
            problems.conflict("assessmentId", "assessment " + cmd.assessmentId() + " is already recorded");
        }
        CommandChecks.AssessmentFacts facts = CommandChecks.assessment(cmd, center, problems);
        InstrumentRef instrument = facts.instrument();
        if (instrument != null && cmd.items().isEmpty()) {
            problems.add("items", "every item of " + instrument + " is required");
        }
        notBeforeEnrolment(cmd.administeredAt(), "administeredAt", center, problems);
        boolean hasVisit = cmd.visit() != null;
        if (!hasVisit && cmd.doseSession() != null) {
            Optional<Session> session = administeredSession(cmd.doseSession());
            if (session.isEmpty()) {
                problems.add("doseSession", "no administered dosing session " + cmd.doseSession() + " for " + subjectId);
            } else {
                checkInPostDoseWindow(cmd.administeredAt(), session.get(), center, problems);
            }
        }
        if (instrument != null && hasVisit != (cmd.doseSession() != null)) {
            String slot = slotOf(cmd.visit(), cmd.doseSession(), instrument.code());
            AssessmentId existing = originals.get(slot);
            if (existing != null) {
                problems.conflict(hasVisit ? "visit" : "doseSession", "an assessment of " + instrument.code() + " at "
                        + (hasVisit ? "visit " + cmd.visit() : "dosing session " + cmd.doseSession())
                        + " is already recorded (" + existing + "); to change it, correct it",
                        subjectId, existing);
            }
        }
        problems.throwIfAny();
        ScoredForm form = facts.form();
        // The study day and window status as the subject's clock stands now; a dose entered later may move them,
        // which every view derives again from the current first dose (StudyClock).
        StudyClock clock = StudyClock.of(protocol, center.zone(), firstDoseAt);
        StudyClock.Placement placement = clock.placementOf(cmd.visit(), cmd.administeredAt());
        return record(cmd, new AssessmentRecorded(cmd.assessmentId(), form.instrument(), cmd.visit(), cmd.doseSession(),
                        cmd.administeredAt(), cmd.rater(), form.responses(), form.scores(), placement.studyDay(),
                        placement.outOfWindow()),
                cmd.administeredAt(), center);
    }

    @EventSourcingHandler
    void on(AssessmentRecorded e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        String slot = slotOf(e.visit(), e.doseSession(), e.instrument().code());
        assessments.put(e.assessmentId(), new RecordedForm(e.assessmentId(), e.instrument(), slot, e.administeredAt(),
                e.items(), false));
        originals.put(slot, e.assessmentId());
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(CorrectAssessment cmd, CenterContext center) {
        Problems problems = new Problems();
        acceptsNewData(center, false, problems);
        RecordedForm form = existingAssessment(cmd.assessmentId(), problems);
        if (form.retracted()) {
            problems.conflict("assessmentId", "assessment " + cmd.assessmentId()
                    + " was retracted; a retracted assessment cannot be corrected");
        }
        CommandChecks.correction(cmd, problems);
        ScoredForm corrected = null;
        if (cmd.items().isEmpty()) {
            problems.add("items", "the complete corrected form of " + form.instrument() + " is required");
        } else {
            ScoringResult result = center.scoring().score(form.instrument(), cmd.items());
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
        Problems problems = new Problems();
        acceptsNewData(center, false, problems);
        RecordedForm form = existingAssessment(cmd.assessmentId(), problems);
        if (form.retracted()) {
            problems.conflict("assessmentId", "assessment " + cmd.assessmentId() + " is already retracted");
        }
        CommandChecks.retraction(cmd, problems);
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
        DosingRules rules = center.protocol().dosing();
        Problems problems = new Problems();
        acceptsNewData(center, true, problems);
        if (doses.contains(cmd.doseId())) {
            problems.conflict("doseId", "dosing session " + cmd.doseId() + " is already recorded");
        }
        CommandChecks.dose(cmd, center, problems);
        notBeforeEnrolment(cmd.administeredAt(), "administeredAt", center, problems);
        afterPreviousSession(cmd.administeredAt(), "administeredAt", rules, problems);
        if (firstDoseAt == null && rules.isAllowedDose(cmd.doseMg())) {
            checkFirstDose(cmd, center, rules, problems);
        }
        problems.throwIfAny();
        return record(cmd, new DoseAdministered(cmd.doseId(), sessions.size() + 1, cmd.administeredAt(), cmd.doseMg(),
                        cmd.devices(), cmd.bpBefore(), cmd.bpAfter(), cmd.monitoringMinutes(),
                        CommandChecks.hasText(cmd.overrideReason()) ? cmd.overrideReason() : null,
                        rules.flagsFor(cmd.bpBefore(), cmd.bpAfter(), cmd.monitoringMinutes())),
                cmd.administeredAt(), center);
    }

    @EventSourcingHandler
    void on(DoseAdministered e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        sessions.add(new Session(e.sessionNumber(), e.doseId(), e.administeredAt(), e.devices()));
        doses.add(e.doseId());
        if (firstDoseAt == null) {
            firstDoseAt = e.administeredAt();
        }
        status = SubjectStatus.after(status, e);
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(WithholdDose cmd, CenterContext center) {
        Problems problems = new Problems();
        acceptsNewData(center, true, problems);
        if (doses.contains(cmd.doseId())) {
            problems.conflict("doseId", "dosing session " + cmd.doseId() + " is already recorded");
        }
        notBeforeEnrolment(cmd.decidedAt(), "decidedAt", center, problems);
        afterPreviousSession(cmd.decidedAt(), "decidedAt", center.protocol().dosing(), problems);
        CommandChecks.withheldDose(cmd, center, problems);
        problems.throwIfAny();
        return record(cmd, new DoseWithheld(cmd.doseId(), sessions.size() + 1, cmd.decidedAt(), cmd.reason(), cmd.bpBefore()),
                cmd.decidedAt(), center);
    }

    @EventSourcingHandler
    void on(DoseWithheld e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        sessions.add(new Session(e.sessionNumber(), e.doseId(), e.decidedAt(), null));
        doses.add(e.doseId());
        advance(hash);
    }

    // ---------------------------------------------------------------- safety and disposition

    @CommandHandler
    public RecordedEvent handle(ReportAdverseEvent cmd, CenterContext center) {
        Problems problems = new Problems();
        // Safety reporting continues after a discontinuation; only a withdrawal of consent stops it.
        acceptsNewData(center, false, problems);
        if (adverseEvents.containsKey(cmd.adverseEventId())) {
            problems.conflict("adverseEventId", "adverse event " + cmd.adverseEventId() + " is already reported");
        }
        notBeforeEnrolment(cmd.onsetDate(), "onsetDate", problems);
        CommandChecks.adverseEvent(cmd, center, problems);
        problems.throwIfAny();
        return record(cmd, new AdverseEventReported(cmd.adverseEventId(), cmd.term(), cmd.onsetDate(), cmd.severity(), cmd.serious(),
                cmd.relatedness()), center.startOf(cmd.onsetDate()), center);
    }

    @EventSourcingHandler
    void on(AdverseEventReported e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        adverseEvents.put(e.adverseEventId(), e.onsetDate());
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(DiscontinueSubject cmd, CenterContext center) {
        // A subject who left the study may later withdraw consent too; that must still be recordable,
        // because it is what stops all further data.
        boolean laterWithdrawal = status == SubjectStatus.DISCONTINUED && cmd.consentWithdrawn();
        Problems problems = new Problems();
        acceptsNewData(center, !laterWithdrawal, problems);
        if (notBeforeEnrolment(cmd.discontinuationDate(), "discontinuationDate", problems)) {
            notBeforeRecordedData(cmd.discontinuationDate(), "discontinuationDate", center, problems);
        }
        CommandChecks.discontinuation(cmd, center, problems);
        problems.throwIfAny();
        return record(cmd, new SubjectDiscontinued(cmd.discontinuationDate(), cmd.reason(), cmd.consentWithdrawn()),
                center.startOf(cmd.discontinuationDate()), center);
    }

    @EventSourcingHandler
    void on(SubjectDiscontinued e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        status = SubjectStatus.after(status, e);
        statusDate = e.discontinuationDate();
        advance(hash);
    }

    @CommandHandler
    public RecordedEvent handle(CompleteFollowUp cmd, CenterContext center) {
        Problems problems = new Problems();
        acceptsNewData(center, true, problems);
        if (notBeforeEnrolment(cmd.completionDate(), "completionDate", problems)) {
            notBeforeRecordedData(cmd.completionDate(), "completionDate", center, problems);
        }
        CommandChecks.followUp(cmd, center, problems);
        problems.throwIfAny();
        return record(cmd, new FollowUpCompleted(cmd.completionDate()), center.startOf(cmd.completionDate()), center);
    }

    @EventSourcingHandler
    void on(FollowUpCompleted e, @MetaDataValue(EnvelopeCodec.HASH) String hash) {
        status = SubjectStatus.after(status, e);
        statusDate = e.completionDate();
        advance(hash);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Applies {@code event} sealed and signed ({@link EventSealer}) as the subject's next event. The header and
     * the signature travel as the event's metadata, so the signed envelope (and its hash) can be rebuilt from the
     * event store alone, and is published exactly as it was recorded.
     */
    private RecordedEvent record(SubjectCommand cmd, StudyEvent event, Instant occurredAt, CenterContext center) {
        EventEnvelope signed = EventSealer.seal(center, cmd.subjectId(), nextSequence, lastHash, occurredAt,
                cmd.provenance(), event);
        apply(event, MetaData.from(EnvelopeHeader.metadataOf(signed)));
        return RecordedEvent.of(signed, event);
    }

    private void advance(String hash) {
        nextSequence++;
        lastHash = hash;
    }

    private void acceptsNewData(CenterContext center, boolean stopsAtDiscontinuation, Problems problems) {
        if (status == SubjectStatus.CONSENT_WITHDRAWN) {
            problems.conflict("subjectId", "subject " + subjectId + " withdrew consent on " + statusDate
                    + "; no new data may be recorded");
        } else if (stopsAtDiscontinuation && status == SubjectStatus.DISCONTINUED) {
            problems.conflict("subjectId", "subject " + subjectId + " was discontinued on " + statusDate
                    + "; no new assessments, doses or status changes may be recorded");
        } else if (stopsAtDiscontinuation && status == SubjectStatus.COMPLETED) {
            problems.conflict("subjectId", "subject " + subjectId + " completed follow-up on " + statusDate
                    + "; no new assessments, doses or status changes may be recorded");
        }
    }

    /**
     * The assessment a correction or retraction names. One that does not exist is reported on its own (nothing
     * else about the command can be judged without the form), unless the subject's state already refuses the
     * command, which then comes first.
     */
    private RecordedForm existingAssessment(AssessmentId id, Problems problems) {
        RecordedForm form = assessments.get(id);
        if (form == null) {
            problems.throwIfAny();
            throw CommandRefused.notFound("assessmentId", "subject " + subjectId + " has no assessment " + id);
        }
        return form;
    }

    private Optional<Session> administeredSession(int number) {
        return sessions.stream().filter(s -> s.number() == number && s.administered()).findFirst();
    }

    /**
     * A per-session form rates the session's after-effects: it is administered during the post-dose observation,
     * which starts when the last device has been used (the devices are given the protocol's interval apart).
     */
    private void checkInPostDoseWindow(Instant at, Session session, CenterContext center, Problems problems) {
        DosingRules rules = center.protocol().dosing();
        DosingRules.PostDoseWindow window = rules.postDoseWindow(session.at(), session.devices());
        if (at.isBefore(window.from())) {
            problems.add("administeredAt", "must not be before the end of dosing session " + session.number()
                    + ": its first device was used at " + session.at() + (session.devices() > 1 ? " and its "
                    + session.devices() + " devices, " + rules.minutesBetweenDevices() + " minutes apart, took until "
                    + window.from() + " at the earliest" : ""));
        } else if (at.isAfter(window.until())) {
            problems.add("administeredAt", "must be within the post-dose observation of dosing session " + session.number()
                    + ", from its last device (" + window.from() + ") to " + rules.minimumMonitoringMinutes()
                    + " minutes after it (" + window.until() + ")");
        }
    }

    /** The protocol's day-1 dose: decided by the age the subject reaches in the year of the dose. */
    private void checkFirstDose(RecordDose cmd, CenterContext center, DosingRules rules, Problems problems) {
        LocalDate doseDate = center.dateOf(cmd.administeredAt());
        int expected = rules.firstDoseMg(birthYear, doseDate);
        if (cmd.doseMg() != expected) {
            int age = Ages.reachedInYearOf(birthYear, doseDate);
            problems.add("doseMg", "the first dose of a subject born in " + birthYear + " (aged " + age + " in "
                    + doseDate.getYear() + ") must be " + expected + " mg, not " + cmd.doseMg() + " mg: "
                    + (age >= rules.olderAdultAge() ? "the starting dose from " + rules.olderAdultAge() + " years"
                    : "the day-1 dose under " + rules.olderAdultAge() + " years"));
        }
    }

    private void afterPreviousSession(Instant at, String path, DosingRules rules, Problems problems) {
        if (sessions.isEmpty()) {
            return;
        }
        Session previous = sessions.get(sessions.size() - 1);
        Instant end = previous.end(rules);
        problems.check(at.isAfter(end), path, () -> "must be after the previous dosing session (session " + previous.number()
                + " at " + previous.at() + ")" + (end.equals(previous.at()) ? "" : "; its " + previous.devices()
                + " devices, " + rules.minutesBetweenDevices() + " minutes apart, took until " + end + " at the earliest"));
    }

    private void notBeforeEnrolment(Instant at, String path, CenterContext center, Problems problems) {
        problems.check(!center.dateOf(at).isBefore(enrolmentDate), path,
                () -> "is before the subject's enrolment on " + enrolmentDate + "; no data may predate enrolment");
    }

    private boolean notBeforeEnrolment(LocalDate date, String path, Problems problems) {
        problems.check(!date.isBefore(enrolmentDate), path, () -> "is before the subject's enrolment on " + enrolmentDate);
        return !date.isBefore(enrolmentDate);
    }

    /**
     * A subject's participation cannot end before data it already has: a form administered, a session held or an
     * adverse event begun after the date. Each kind's latest such record is named. Retracted forms do not count
     * (they were entered in error).
     */
    private void notBeforeRecordedData(LocalDate date, String path, CenterContext center, Problems problems) {
        List<String> later = new ArrayList<>();
        assessments.values().stream()
                .filter(f -> !f.retracted() && center.dateOf(f.administeredAt()).isAfter(date))
                .max(Comparator.comparing(RecordedForm::administeredAt))
                .ifPresent(f -> later.add(f.describe() + " administered on " + center.dateOf(f.administeredAt())));
        sessions.stream()
                .filter(s -> center.dateOf(s.at()).isAfter(date))
                .max(Comparator.comparing(Session::at))
                .ifPresent(s -> later.add("dosing session " + s.number() + " (" + (s.administered() ? "dose " : "withheld ")
                        + s.doseId() + ") on " + center.dateOf(s.at())));
        adverseEvents.entrySet().stream()
                .filter(ae -> ae.getValue().isAfter(date))
                .max(Map.Entry.comparingByValue())
                .ifPresent(ae -> later.add("adverse event " + ae.getKey() + " with onset on " + ae.getValue()));
        if (!later.isEmpty()) {
            problems.add(path, "is before data already recorded for " + subjectId + ": " + String.join("; ", later));
        }
    }

    private static String slotOf(String visit, Integer doseSession, String instrumentCode) {
        return (visit != null ? "visit:" + visit : "session:" + doseSession) + "/" + instrumentCode;
    }
}
