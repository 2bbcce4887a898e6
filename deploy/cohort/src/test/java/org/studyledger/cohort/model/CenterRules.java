package org.studyledger.cohort.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlanContents;
import org.studyledger.cohort.plan.PlanContents.AdverseEvent;
import org.studyledger.cohort.plan.PlanContents.Assessment;
import org.studyledger.cohort.plan.PlanContents.Correction;
import org.studyledger.cohort.plan.PlanContents.Discontinuation;
import org.studyledger.cohort.plan.PlanContents.Dose;
import org.studyledger.cohort.plan.PlanContents.Enrolment;
import org.studyledger.cohort.plan.PlanContents.Entry;
import org.studyledger.cohort.plan.PlanContents.FollowUpCompletion;
import org.studyledger.cohort.plan.PlanContents.Retraction;
import org.studyledger.cohort.plan.PlanContents.WithheldDose;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.subject.BloodPressure;

/**
 * The business rules of the center's Subject aggregate (services/center-ingest, {@code Subject}), re-stated for a
 * plan with the kernel's protocol functions: replays every subject's facts in send order and lists every request
 * the center would refuse.
 */
final class CenterRules {
    private enum Status { ENROLLED, DISCONTINUED, CONSENT_WITHDRAWN, COMPLETED }

    private record Form(String slot, SortedMap<String, Integer> items, boolean retracted, LocalDate date) {
    }

    /** A dosing session: when, and the devices of a dose given (null when withheld). */
    private record Session(OffsetDateTime at, Integer devices) {
    }

    private static final class State {
        Status status;
        LocalDate enrolment;
        int birthYear;
        boolean dosed;
        OffsetDateTime lastSessionEnd;
        int sessions;
        final Map<Integer, Session> administered = new HashMap<>();
        final List<LocalDate> sessionDates = new ArrayList<>();
        final List<LocalDate> onsets = new ArrayList<>();
        final Map<String, Form> forms = new HashMap<>();
        final Map<String, String> originals = new HashMap<>();
        final Set<String> doses = new HashSet<>();
        final Set<String> adverseEvents = new HashSet<>();
    }

    private CenterRules() {
    }

    static List<String> violations(CohortPlan plan, LocalDate today) {
        Protocol protocol = Protocol.eskTrd();
        DosingRules dosing = protocol.dosing();
        ScoringEngine engine = ScoringEngine.standard();
        PlanContents contents = PlanContents.of(plan);
        List<String> problems = new ArrayList<>();
        for (String subject : contents.subjects()) {
            State s = new State();
            for (Entry e : contents.entries(subject)) {
                String where = subject + " " + e.request().step() + (e.viaCsv() ? " line " + e.line() : "") + ": ";
                if (!subject.startsWith(e.request().center() + "-")) {
                    problems.add(where + "sent to center " + e.request().center());
                }
                if (s.status == null && !(e.fact() instanceof Enrolment)) {
                    problems.add(where + "before the enrolment");
                    continue;
                }
                    if (e.fact() instanceof Enrolment en) {
                        if (s.status != null) {
                            problems.add(where + "enrolled twice");
                        }
                        if (en.consentDate().isAfter(en.enrolmentDate()) || !en.enrolmentDate().isBefore(today)) {
                            problems.add(where + "bad enrolment dates " + en);
                        }
                        int age = en.enrolmentDate().getYear() - en.birthYear();
                        if (age < 18 || age > 110) {
                            problems.add(where + "age " + age);
                        }
                        s.status = Status.ENROLLED;
                        s.enrolment = en.enrolmentDate();
                        s.birthYear = en.birthYear();
                    } else if (e.fact() instanceof Assessment a) {
                        accepts(s, true, where, problems);
                        if (s.forms.containsKey(a.assessmentId())) {
                            problems.add(where + "assessment id reused");
                        }
                        time(a.administeredAt(), s, today, where, problems);
                        if (a.visit() != null) {
                            if (!protocol.isInstrumentScheduled(a.visit(), a.instrument())) {
                                problems.add(where + a.instrument() + " not scheduled at " + a.visit());
                            }
                        } else if (!protocol.isScheduledAtDosingSession(a.instrument()) || a.doseSession() == null
                                || !s.administered.containsKey(a.doseSession())) {
                            problems.add(where + "no administered session " + a.doseSession());
                        } else {
                            Session session = s.administered.get(a.doseSession());
                            var window = dosing.postDoseWindow(session.at().toInstant(), session.devices());
                            if (!window.contains(a.administeredAt().toInstant())) {
                                problems.add(where + a.administeredAt() + " is outside session " + a.doseSession()
                                        + "'s post-dose window " + window);
                            }
                        }
                        var scored = engine.score(new InstrumentRef(a.instrument(), a.instrumentVersion()), a.items());
                        if (!scored.isValid()) {
                            problems.add(where + scored.problems());
                        }
                        String slot = (a.visit() != null ? "visit:" + a.visit() : "session:" + a.doseSession()) + "/"
                                + a.instrument();
                        if (s.originals.containsKey(slot)) {
                            problems.add(where + "second original in slot " + slot);
                        }
                        s.originals.put(slot, a.assessmentId());
                        s.forms.put(a.assessmentId(), new Form(slot, a.items(), false, a.administeredAt().toLocalDate()));
                    } else if (e.fact() instanceof Correction c) {
                        accepts(s, false, where, problems);
                        Form f = s.forms.get(c.assessmentId());
                        if (f == null || f.retracted()) {
                            problems.add(where + "corrects a missing or retracted form");
                        } else {
                            if (f.items().equals(c.items())) {
                                problems.add(where + "correction changes no item");
                            }
                            if (!engine.score(new InstrumentRef(f.slot().substring(f.slot().indexOf('/') + 1), "1"),
                                    c.items()).isValid()) {
                                problems.add(where + "corrected form invalid");
                            }
                            s.forms.put(c.assessmentId(), new Form(f.slot(), c.items(), false, f.date()));
                        }
                        if (c.reason() == null || c.reason().isBlank()) {
                            problems.add(where + "correction without reason");
                        }
                    } else if (e.fact() instanceof Retraction x) {
                        accepts(s, false, where, problems);
                        Form f = s.forms.get(x.assessmentId());
                        if (f == null || f.retracted()) {
                            problems.add(where + "retracts a missing or retracted form");
                        } else {
                            s.forms.put(x.assessmentId(), new Form(f.slot(), f.items(), true, f.date()));
                            s.originals.remove(f.slot(), x.assessmentId());
                        }
                        if (x.reason() == null || x.reason().isBlank()) {
                            problems.add(where + "retraction without reason");
                        }
                    } else if (e.fact() instanceof Dose d) {
                        accepts(s, true, where, problems);
                        if (!s.doses.add(d.doseId())) {
                            problems.add(where + "dose id reused");
                        }
                        time(d.administeredAt(), s, today, where, problems);
                        afterPreviousSession(d.administeredAt(), s, where, problems);
                        dosing.doseProblem(d.doseMg(), d.devices())
                                .ifPresent(problem -> problems.add(where + problem.message()));
                        boolean above = dosing.preDoseBpAboveThreshold(
                                new BloodPressure(d.bpBefore().systolic(), d.bpBefore().diastolic()));
                        if (above != (d.overrideReason() != null && !d.overrideReason().isBlank())) {
                            problems.add(where + "pre-dose BP " + d.bpBefore() + " with override " + d.overrideReason());
                        }
                        new BloodPressure(d.bpAfter().systolic(), d.bpAfter().diastolic());
                        int firstDose = dosing.firstDoseMg(s.birthYear, d.administeredAt().toLocalDate());
                        if (!s.dosed && d.doseMg() != firstDose) {
                            problems.add(where + "first dose " + d.doseMg() + " mg, not " + firstDose + " mg");
                        }
                        s.dosed = true;
                        s.sessions++;
                        s.administered.put(s.sessions, new Session(d.administeredAt(), d.devices()));
                        s.sessionDates.add(d.administeredAt().toLocalDate());
                        s.lastSessionEnd = d.administeredAt().plus(dosing.administrationSpan(d.devices()));
                    } else if (e.fact() instanceof WithheldDose w) {
                        accepts(s, true, where, problems);
                        if (!s.doses.add(w.doseId())) {
                            problems.add(where + "dose id reused");
                        }
                        time(w.decidedAt(), s, today, where, problems);
                        afterPreviousSession(w.decidedAt(), s, where, problems);
                        if (w.reason() == null || w.reason().isBlank()) {
                            problems.add(where + "withheld without reason");
                        }
                        s.sessions++;
                        s.sessionDates.add(w.decidedAt().toLocalDate());
                        s.lastSessionEnd = w.decidedAt();
                    } else if (e.fact() instanceof AdverseEvent ae) {
                        accepts(s, false, where, problems);
                        if (!s.adverseEvents.add(ae.adverseEventId())) {
                            problems.add(where + "adverse event id reused");
                        }
                        date(ae.onsetDate(), s, today, where, problems);
                        s.onsets.add(ae.onsetDate());
                    } else if (e.fact() instanceof Discontinuation d) {
                        boolean laterWithdrawal = s.status == Status.DISCONTINUED && d.consentWithdrawn();
                        accepts(s, !laterWithdrawal, where, problems);
                        date(d.discontinuationDate(), s, today, where, problems);
                        notBeforeRecordedData(d.discontinuationDate(), s, where, problems);
                        s.status = d.consentWithdrawn() ? Status.CONSENT_WITHDRAWN : Status.DISCONTINUED;
                    } else if (e.fact() instanceof FollowUpCompletion f) {
                        accepts(s, true, where, problems);
                        date(f.completionDate(), s, today, where, problems);
                        notBeforeRecordedData(f.completionDate(), s, where, problems);
                        s.status = Status.COMPLETED;
                    }
            }
        }
        return problems;
    }

    private static void accepts(State s, boolean stopsAtDiscontinuation, String where, List<String> problems) {
        if (s.status == Status.CONSENT_WITHDRAWN) {
            problems.add(where + "after consent withdrawal");
        }
        if (stopsAtDiscontinuation && (s.status == Status.DISCONTINUED || s.status == Status.COMPLETED)) {
            problems.add(where + "after " + s.status);
        }
    }

    private static void time(OffsetDateTime at, State s, LocalDate today, String where, List<String> problems) {
        date(at.toLocalDate(), s, today, where, problems);
    }

    private static void date(LocalDate date, State s, LocalDate today, String where, List<String> problems) {
        if (!date.isBefore(today)) {
            problems.add(where + date + " is not before " + today);
        }
        if (date.isBefore(s.enrolment)) {
            problems.add(where + date + " is before the enrolment on " + s.enrolment);
        }
    }

    private static void afterPreviousSession(OffsetDateTime at, State s, String where, List<String> problems) {
        if (s.lastSessionEnd != null && !at.toInstant().isAfter(s.lastSessionEnd.toInstant())) {
            problems.add(where + at + " is not after the previous session, which ended at " + s.lastSessionEnd);
        }
    }

    private static void notBeforeRecordedData(LocalDate date, State s, String where, List<String> problems) {
        s.forms.values().stream().filter(f -> !f.retracted() && f.date().isAfter(date))
                .forEach(f -> problems.add(where + date + " is before the form in " + f.slot() + " on " + f.date()));
        s.sessionDates.stream().filter(d -> d.isAfter(date))
                .forEach(d -> problems.add(where + date + " is before a dosing session on " + d));
        s.onsets.stream().filter(d -> d.isAfter(date))
                .forEach(d -> problems.add(where + date + " is before an adverse event's onset on " + d));
    }
}
