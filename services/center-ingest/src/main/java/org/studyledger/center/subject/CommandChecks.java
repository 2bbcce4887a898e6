package org.studyledger.center.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoredForm;
import org.studyledger.kernel.instrument.ScoringResult;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.subject.Ages;
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.command.WithholdDose;
import org.studyledger.kernel.validation.Problem;

/**
 * The rules a command must keep whatever the subject's history: the protocol, the instrument catalogue, the
 * center and the clock. The {@link Subject} aggregate applies them together with the rules of the subject's
 * history; the intake applies them too when a request has shape problems (a value that does not parse), so one
 * refusal names the broken rules of the values that did parse beside them. A value that is absent is skipped here:
 * whether it is required is the caller's question.
 */
public final class CommandChecks {
    /** The study enrols adults; the age is the one reached in the enrolment year. */
    static final int MINIMUM_AGE = 18;
    static final int MAXIMUM_AGE = 110;

    private CommandChecks() {
    }

    /** What the checks of an assessment found out: the instrument version in use and the scored form, when valid. */
    record AssessmentFacts(InstrumentRef instrument, ScoredForm form) {
    }

    public static List<Problem> enrolment(EnrolSubject cmd, CenterContext center) {
        Problems problems = new Problems();
        enrolment(cmd, center, problems);
        return problems.list();
    }

    public static List<Problem> assessment(RecordAssessment cmd, CenterContext center) {
        Problems problems = new Problems();
        assessment(cmd, center, problems);
        return problems.list();
    }

    public static List<Problem> dose(RecordDose cmd, CenterContext center) {
        Problems problems = new Problems();
        dose(cmd, center, problems);
        return problems.list();
    }

    public static List<Problem> withheldDose(WithholdDose cmd, CenterContext center) {
        Problems problems = new Problems();
        withheldDose(cmd, center, problems);
        return problems.list();
    }

    public static List<Problem> adverseEvent(ReportAdverseEvent cmd, CenterContext center) {
        Problems problems = new Problems();
        adverseEvent(cmd, center, problems);
        return problems.list();
    }

    public static List<Problem> discontinuation(DiscontinueSubject cmd, CenterContext center) {
        Problems problems = new Problems();
        discontinuation(cmd, center, problems);
        return problems.list();
    }

    public static List<Problem> followUp(CompleteFollowUp cmd, CenterContext center) {
        Problems problems = new Problems();
        followUp(cmd, center, problems);
        return problems.list();
    }

    // ---------------------------------------------------------------- per command

    static void enrolment(EnrolSubject cmd, CenterContext center, Problems problems) {
        if (cmd.subjectId() != null && !cmd.subjectId().belongsTo(center.centerId())) {
            problems.add("subject_id", "subject " + cmd.subjectId() + " belongs to center " + cmd.subjectId().center()
                    + "; this is center " + center.centerId());
        }
        LocalDate enrolment = cmd.enrolmentDate();
        notInFuture(enrolment, "enrolment_date", center, problems);
        if (enrolment != null && cmd.consentDate() != null) {
            problems.check(!cmd.consentDate().isAfter(enrolment), "consent_date",
                    () -> "consent must be given on or before the enrolment date " + enrolment);
        }
        if (enrolment != null && cmd.birthYear() != null) {
            int age = Ages.reachedInYearOf(cmd.birthYear(), enrolment);
            problems.check(age >= MINIMUM_AGE && age <= MAXIMUM_AGE, "birth_year",
                    () -> "gives an age of about " + age + " at enrolment; the study enrols adults (" + MINIMUM_AGE + "–"
                            + MAXIMUM_AGE + ")");
        }
        if (cmd.episodeDurationMonths() != null) {
            problems.check(cmd.episodeDurationMonths() >= 0, "episode_duration_months", () -> "must not be negative");
        }
        if (cmd.failedAntidepressantTrials() != null) {
            problems.check(cmd.failedAntidepressantTrials() >= 0, "failed_antidepressant_trials",
                    () -> "must not be negative");
        }
    }

    static AssessmentFacts assessment(RecordAssessment cmd, CenterContext center, Problems problems) {
        Protocol protocol = center.protocol();
        InstrumentRef instrument = instrument(cmd, protocol, problems);
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
        } else if (instrument != null && !protocol.isScheduledAtDosingSession(instrument.code())) {
            problems.add("instrument", instrument.code() + " is not completed at dosing sessions (those are: "
                    + protocol.dosingSessionInstruments() + ")");
        }
        notInFuture(cmd.administeredAt(), "administered_at", center, problems);
        ScoredForm form = null;
        if (instrument != null && cmd.responses() != null && !cmd.responses().isEmpty()) {
            ScoringResult result = center.scoring().score(instrument, cmd.responses());
            problems.addAll(result.problems());
            form = result.form().orElse(null);
        }
        return new AssessmentFacts(instrument, form);
    }

    static void dose(RecordDose cmd, CenterContext center, Problems problems) {
        DosingRules rules = center.protocol().dosing();
        notInFuture(cmd.administeredAt(), "administered_at", center, problems);
        if (cmd.doseMg() != null) {
            // Without a device count the dose alone is judged: devicesFor gives the count that cannot be wrong.
            int devices = cmd.devices() != null ? cmd.devices()
                    : rules.isAllowedDose(cmd.doseMg()) ? rules.devicesFor(cmd.doseMg()) : 0;
            rules.doseProblem(cmd.doseMg(), devices).ifPresent(problems::add);
        }
        if (cmd.monitoringMinutes() != null) {
            problems.check(cmd.monitoringMinutes() >= 0, "monitoring_minutes", () -> "must not be negative");
        }
        if (cmd.bpBefore() != null) {
            boolean aboveThreshold = rules.preDoseBpAboveThreshold(cmd.bpBefore());
            boolean hasOverride = hasText(cmd.overrideReason());
            if (aboveThreshold && !hasOverride) {
                problems.add("override_reason", "pre-dose blood pressure " + cmd.bpBefore() + " mmHg is above "
                        + rules.preDoseBpLimit() + "; dosing then needs an override reason (or record the dose as withheld)");
            }
            if (!aboveThreshold && hasOverride) {
                problems.add("override_reason", "only applies when pre-dose blood pressure is above " + rules.preDoseBpLimit()
                        + " (it was " + cmd.bpBefore() + ")");
            }
        }
    }

    static void withheldDose(WithholdDose cmd, CenterContext center, Problems problems) {
        notInFuture(cmd.decidedAt(), "decided_at", center, problems);
    }

    static void adverseEvent(ReportAdverseEvent cmd, CenterContext center, Problems problems) {
        notInFuture(cmd.onsetDate(), "onset_date", center, problems);
    }

    static void discontinuation(DiscontinueSubject cmd, CenterContext center, Problems problems) {
        notInFuture(cmd.discontinuationDate(), "discontinuation_date", center, problems);
    }

    static void followUp(CompleteFollowUp cmd, CenterContext center, Problems problems) {
        notInFuture(cmd.completionDate(), "completion_date", center, problems);
    }

    // ---------------------------------------------------------------- helpers

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static InstrumentRef instrument(RecordAssessment cmd, Protocol protocol, Problems problems) {
        if (cmd.instrumentCode() == null) {
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

    private static void notInFuture(Instant at, String path, CenterContext center, Problems problems) {
        if (at != null) {
            problems.check(!at.isAfter(center.now()), path, () -> "must not be in the future (now is " + center.now() + ")");
        }
    }

    private static void notInFuture(LocalDate date, String path, CenterContext center, Problems problems) {
        if (date != null) {
            problems.check(!date.isAfter(center.today()), path, () -> "must not be in the future (today is " + center.today() + ")");
        }
    }

    static String visitCodes(Protocol protocol) {
        return protocol.visits().stream().map(v -> v.code()).toList().toString();
    }
}
