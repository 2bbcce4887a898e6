package org.studyledger.center.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoredForm;
import org.studyledger.kernel.instrument.ScoringResult;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.subject.Ages;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.command.RetractAssessment;
import org.studyledger.kernel.subject.command.WithholdDose;
import org.studyledger.kernel.validation.Problem;

/**
 * The rules a command must keep whatever the subject's history: the protocol, the instrument catalogue, the
 * center and the clock. Each rule takes the single values it judges, so it has one home for both its callers: the
 * {@link Subject} aggregate runs it on a complete command, beside the rules of the subject's history; the intake runs
 * it on the values that parsed when a request has shape problems (a value missing or not parsing), before any command
 * exists, so one refusal names the broken rules beside them. A null value is one that did not parse: the rules that
 * need it are skipped (a command never holds one where a rule needs it).
 *
 * <p>Problems are located at the command's fields ({@code birthYear}, {@code items.MADRS_03}); the intake names them
 * as its wire fields.
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

    // ---------------------------------------------------------------- per command, on the values that parsed

    public static List<Problem> enrolment(SubjectId subjectId, LocalDate enrolmentDate, LocalDate consentDate,
                                          String consentVersion, Integer birthYear, Integer episodeDurationMonths,
                                          Integer failedAntidepressantTrials, CenterContext center) {
        Problems problems = new Problems();
        enrolment(subjectId, enrolmentDate, consentDate, consentVersion, birthYear, episodeDurationMonths,
                failedAntidepressantTrials, center, problems);
        return problems.list();
    }

    public static List<Problem> assessment(String instrumentCode, String instrumentVersion, String visit,
                                           Integer doseSession, Instant administeredAt, String rater,
                                           Map<String, ?> items, CenterContext center) {
        Problems problems = new Problems();
        assessment(instrumentCode, instrumentVersion, visit, doseSession, administeredAt, rater, items, center, problems);
        return problems.list();
    }

    /** A correction's and a retraction's rule without history: the reason says something. */
    public static List<Problem> reason(String reason) {
        Problems problems = new Problems();
        saysSomething(reason, "reason", problems);
        return problems.list();
    }

    public static List<Problem> dose(Instant administeredAt, Integer doseMg, Integer devices, BloodPressure bpBefore,
                                     Integer monitoringMinutes, String overrideReason, CenterContext center) {
        Problems problems = new Problems();
        dose(administeredAt, doseMg, devices, bpBefore, monitoringMinutes, overrideReason, center, problems);
        return problems.list();
    }

    public static List<Problem> withheldDose(Instant decidedAt, String reason, CenterContext center) {
        Problems problems = new Problems();
        withheldDose(decidedAt, reason, center, problems);
        return problems.list();
    }

    public static List<Problem> adverseEvent(String term, LocalDate onsetDate, CenterContext center) {
        Problems problems = new Problems();
        adverseEvent(term, onsetDate, center, problems);
        return problems.list();
    }

    public static List<Problem> discontinuation(LocalDate discontinuationDate, String reason, CenterContext center) {
        Problems problems = new Problems();
        discontinuation(discontinuationDate, reason, center, problems);
        return problems.list();
    }

    public static List<Problem> followUp(LocalDate completionDate, CenterContext center) {
        return notInFuture(completionDate, "completionDate", center);
    }

    // ---------------------------------------------------------------- per command, on a complete command

    static void enrolment(EnrolSubject cmd, CenterContext center, Problems problems) {
        enrolment(cmd.subjectId(), cmd.enrolmentDate(), cmd.consentDate(), cmd.consentVersion(), cmd.birthYear(),
                cmd.episodeDurationMonths(), cmd.failedAntidepressantTrials(), center, problems);
    }

    static AssessmentFacts assessment(RecordAssessment cmd, CenterContext center, Problems problems) {
        return assessment(cmd.instrumentCode(), cmd.instrumentVersion(), cmd.visit(), cmd.doseSession(),
                cmd.administeredAt(), cmd.rater(), cmd.items(), center, problems);
    }

    static void correction(CorrectAssessment cmd, Problems problems) {
        saysSomething(cmd.reason(), "reason", problems);
    }

    static void retraction(RetractAssessment cmd, Problems problems) {
        saysSomething(cmd.reason(), "reason", problems);
    }

    static void dose(RecordDose cmd, CenterContext center, Problems problems) {
        dose(cmd.administeredAt(), cmd.doseMg(), cmd.devices(), cmd.bpBefore(), cmd.monitoringMinutes(),
                cmd.overrideReason(), center, problems);
    }

    static void withheldDose(WithholdDose cmd, CenterContext center, Problems problems) {
        withheldDose(cmd.decidedAt(), cmd.reason(), center, problems);
    }

    static void adverseEvent(ReportAdverseEvent cmd, CenterContext center, Problems problems) {
        adverseEvent(cmd.term(), cmd.onsetDate(), center, problems);
    }

    static void discontinuation(DiscontinueSubject cmd, CenterContext center, Problems problems) {
        discontinuation(cmd.discontinuationDate(), cmd.reason(), center, problems);
    }

    static void followUp(CompleteFollowUp cmd, CenterContext center, Problems problems) {
        notInFuture(cmd.completionDate(), "completionDate", center, problems);
    }

    // ---------------------------------------------------------------- the rules

    private static void enrolment(SubjectId subjectId, LocalDate enrolment, LocalDate consentDate, String consentVersion,
                                  Integer birthYear, Integer episodeDurationMonths, Integer failedAntidepressantTrials,
                                  CenterContext center, Problems problems) {
        saysSomething(consentVersion, "consentVersion", problems);
        if (subjectId != null && !subjectId.belongsTo(center.centerId())) {
            problems.add("subjectId", "subject " + subjectId + " belongs to center " + subjectId.center()
                    + "; this is center " + center.centerId());
        }
        notInFuture(enrolment, "enrolmentDate", center, problems);
        if (enrolment != null && consentDate != null) {
            problems.check(!consentDate.isAfter(enrolment), "consentDate",
                    () -> "consent must be given on or before the enrolment date " + enrolment);
        }
        if (enrolment != null && birthYear != null) {
            int age = Ages.reachedInYearOf(birthYear, enrolment);
            problems.check(age >= MINIMUM_AGE && age <= MAXIMUM_AGE, "birthYear",
                    () -> "gives an age of about " + age + " at enrolment; the study enrols adults (" + MINIMUM_AGE + "–"
                            + MAXIMUM_AGE + ")");
        }
        if (episodeDurationMonths != null) {
            problems.check(episodeDurationMonths >= 0, "episodeDurationMonths", () -> "must not be negative");
        }
        if (failedAntidepressantTrials != null) {
            problems.check(failedAntidepressantTrials >= 0, "failedAntidepressantTrials", () -> "must not be negative");
        }
    }

    private static AssessmentFacts assessment(String instrumentCode, String instrumentVersion, String visit,
                                              Integer doseSession, Instant administeredAt, String rater,
                                              Map<String, ?> items, CenterContext center, Problems problems) {
        Protocol protocol = center.protocol();
        saysSomething(instrumentCode, "instrumentCode", problems);
        saysSomething(rater, "rater", problems);
        InstrumentRef instrument = instrument(instrumentCode, instrumentVersion, protocol, problems);
        boolean hasVisit = visit != null;
        boolean hasSession = doseSession != null;
        if (hasVisit == hasSession) {
            problems.add(hasVisit ? "doseSession" : "visit",
                    "give exactly one of visit (" + visitCodes(protocol) + ") or dose_session");
        } else if (hasVisit) {
            if (protocol.visit(visit).isEmpty()) {
                problems.add("visit", "unknown visit '" + visit + "'; the protocol's visits are " + visitCodes(protocol));
            } else if (instrument != null && !protocol.isInstrumentScheduled(visit, instrument.code())) {
                problems.add("instrumentCode", instrument.code() + " is not scheduled at " + visit + " by protocol "
                        + center.protocolVersion() + " (scheduled: " + protocol.visit(visit).get().instruments() + ")");
            }
        } else if (instrument != null && !protocol.isScheduledAtDosingSession(instrument.code())) {
            problems.add("instrumentCode", instrument.code() + " is not completed at dosing sessions (those are: "
                    + protocol.dosingSessionInstruments() + ")");
        }
        notInFuture(administeredAt, "administeredAt", center, problems);
        ScoredForm form = null;
        if (instrument != null && items != null && !items.isEmpty()) {
            ScoringResult result = center.scoring().score(instrument, items);
            problems.addAll(result.problems());
            form = result.form().orElse(null);
        }
        return new AssessmentFacts(instrument, form);
    }

    private static void dose(Instant administeredAt, Integer doseMg, Integer devices, BloodPressure bpBefore,
                             Integer monitoringMinutes, String overrideReason, CenterContext center, Problems problems) {
        DosingRules rules = center.protocol().dosing();
        notInFuture(administeredAt, "administeredAt", center, problems);
        if (doseMg != null) {
            // Without a device count the dose alone is judged: devicesFor gives the count that cannot be wrong.
            int count = devices != null ? devices : rules.isAllowedDose(doseMg) ? rules.devicesFor(doseMg) : 0;
            rules.doseProblem(doseMg, count, "doseMg", "devices").ifPresent(problems::add);
        }
        if (monitoringMinutes != null) {
            problems.check(monitoringMinutes >= 0, "monitoringMinutes", () -> "must not be negative");
        }
        if (bpBefore != null) {
            boolean aboveThreshold = rules.preDoseBpAboveThreshold(bpBefore);
            boolean hasOverride = hasText(overrideReason);
            if (aboveThreshold && !hasOverride) {
                problems.add("overrideReason", "pre-dose blood pressure " + bpBefore + " mmHg is above "
                        + rules.preDoseBpLimit() + "; dosing then needs an override reason (or record the dose as withheld)");
            }
            if (!aboveThreshold && hasOverride) {
                problems.add("overrideReason", "only applies when pre-dose blood pressure is above " + rules.preDoseBpLimit()
                        + " (it was " + bpBefore + ")");
            }
        }
    }

    private static void withheldDose(Instant decidedAt, String reason, CenterContext center, Problems problems) {
        notInFuture(decidedAt, "decidedAt", center, problems);
        saysSomething(reason, "reason", problems);
    }

    private static void adverseEvent(String term, LocalDate onsetDate, CenterContext center, Problems problems) {
        saysSomething(term, "term", problems);
        notInFuture(onsetDate, "onsetDate", center, problems);
    }

    private static void discontinuation(LocalDate discontinuationDate, String reason, CenterContext center,
                                        Problems problems) {
        notInFuture(discontinuationDate, "discontinuationDate", center, problems);
        saysSomething(reason, "reason", problems);
    }

    /**
     * Text a command must hold says something: blank text arrives as a value (so the request's other problems, the
     * subject's history included, are judged beside it) but records nothing, so it is refused as if absent.
     */
    private static void saysSomething(String text, String path, Problems problems) {
        if (text != null && text.isBlank()) {
            problems.add(path, "is required");
        }
    }

    // ---------------------------------------------------------------- helpers

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static InstrumentRef instrument(String code, String version, Protocol protocol, Problems problems) {
        if (code == null) {
            return null;
        }
        Optional<InstrumentRef> scheduled = protocol.instrument(code);
        if (scheduled.isEmpty()) {
            problems.add("instrumentCode", "unknown instrument '" + code + "'; the protocol uses "
                    + protocol.instruments().keySet());
            return null;
        }
        if (version == null || version.equals(scheduled.get().version())) {
            return scheduled.get();
        }
        problems.add("instrumentVersion", "protocol " + protocol.studyId() + "/" + protocol.version() + " uses "
                + scheduled.get() + ", not version " + version);
        return null;
    }

    private static List<Problem> notInFuture(Instant at, String path, CenterContext center) {
        Problems problems = new Problems();
        notInFuture(at, path, center, problems);
        return problems.list();
    }

    private static List<Problem> notInFuture(LocalDate date, String path, CenterContext center) {
        Problems problems = new Problems();
        notInFuture(date, path, center, problems);
        return problems.list();
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
