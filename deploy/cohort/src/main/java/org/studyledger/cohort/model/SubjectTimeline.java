package org.studyledger.cohort.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.studyledger.cohort.plan.RequestKind;
import org.studyledger.cohort.plan.SubjectProfile;
import org.studyledger.cohort.plan.SubjectProfile.Disposition;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyDays;
import org.studyledger.kernel.protocol.Visit;
import org.studyledger.kernel.protocol.VisitWindow;

/**
 * One subject's life in the study, drawn from its latent profile: enrolment, visits with their forms, dosing
 * sessions with blood pressure and CADSS, adverse events, the special cases it carries ({@link Roles}) and how
 * it leaves the study. The result is a list of {@link Draft}s in time order.
 */
final class SubjectTimeline {
    static final DateTimeFormatter INSTANT_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** The order in which a visit's forms are administered: clinician ratings first, then self-reports. */
    private static final List<String> ADMINISTRATION_ORDER = List.of("MADRS", "CSSRS", "RFQ8", "PSYCHACHE", "AAQ2", "RMET");
    /** Induction (weeks 1–4 twice weekly) and optimisation (weeks 5–8 weekly) session days. */
    private static final int[] INDUCTION_DAYS = {1, 4, 8, 11, 15, 18, 22, 25, 29, 36, 43, 50};
    private static final int MAINTENANCE_START_DAY = 57;

    private final CohortOptions options;
    private final Protocol protocol;
    private final ScoringEngine engine;
    private final String center;
    private final String subjectId;
    private final SplittableRandom r;
    private final Roles roles;
    private final Ids ids;

    // demographics and latent state
    private final LocalDate enrolment;
    private int age;
    private int birthYear;
    private double u;
    private double c;
    private int baselineMadrs;
    private double responderPropensity;
    private double responderImprovement;
    private double nonResponderImprovement;
    private double responderTau;
    private double nonResponderTau;
    private boolean responderType;
    private double maxImprovement;
    private double tau;
    private double[] madrsProfile;
    private double psychacheOffset;
    private double aaqOffset;
    private double rmetAbility;
    private int targetDoseMg;
    private int firstDoseMg;
    private double systolicMean;
    private double diastolicMean;

    private LocalDate t0Date;
    private LocalDate firstDose;
    private final Map<String, LocalDate> visitDates = new LinkedHashMap<>();
    private final Map<String, Draft> formsByStep = new LinkedHashMap<>();
    private final List<Draft> drafts = new ArrayList<>();
    private int adverseEvents;

    SubjectTimeline(CohortOptions options, Protocol protocol, ScoringEngine engine, String center, String subjectId,
                    LocalDate enrolment, SplittableRandom r, Roles roles, Ids ids) {
        this.options = options;
        this.protocol = protocol;
        this.engine = engine;
        this.center = center;
        this.subjectId = subjectId;
        this.enrolment = enrolment;
        this.r = r;
        this.roles = roles;
        this.ids = ids;
        drawProfile();
    }

    // ------------------------------------------------------------------ latent profile

    private void drawProfile() {
        age = Draw.chance(r, 0.1) ? Draw.between(r, 65, 74) : Draw.normalInt(r, 47, 11, 19, 64);
        birthYear = enrolment.getYear() - age;
        u = Draw.clamp(Draw.normal(r, 1.15, 0.6), 0.05, 2.9);
        c = Draw.clamp(1.5 - 0.45 * (u - 1.15) + Draw.normal(r, 0, 0.4), 0, 3);
        baselineMadrs = Draw.normalInt(r, 34 + 4.5 * (u - 1.15), 2.8, 28, 42);
        double uniform = Draw.clamp(r.nextDouble(), 1e-9, 1 - 1e-9);
        responderPropensity = -1.6 * (u - 1.15) + Math.log(uniform / (1 - uniform));
        responderImprovement = Draw.clamp(Draw.normal(r, 0.73, 0.1), 0.5, 0.95);
        nonResponderImprovement = Draw.clamp(Draw.normal(r, 0.27, 0.12), 0.0, 0.45);
        responderTau = 4 + 8 * r.nextDouble();
        nonResponderTau = 10 + 20 * r.nextDouble();
        responder(false);
        madrsProfile = new double[10];
        for (int i = 0; i < 10; i++) {
            madrsProfile[i] = Draw.clamp(Draw.normal(r, 1, 0.25), 0.4, 1.8);
        }
        psychacheOffset = Draw.normal(r, 0, 0.35);
        aaqOffset = Draw.normal(r, 0, 0.5);
        rmetAbility = Draw.clamp(Draw.normal(r, 0.70 - 0.05 * (u - 1.15), 0.07), 0.35, 0.95);
        targetDoseMg = Draw.chance(r, 0.55) ? 84 : 56;
        systolicMean = 116 + 0.3 * (age - 40) + Draw.normal(r, 0, 5);
        diastolicMean = 75 + Draw.normal(r, 0, 4);
    }

    SubjectProfile profile() {
        return new SubjectProfile(subjectId, center, enrolment, age, u, c, baselineMadrs, responderType, maxImprovement,
                tau, firstDose, roles.disposition);
    }

    /** The proportional MADRS reduction reached on study day {@code day}. */
    private double improvement(int day) {
        return day < 1 ? 0 : maxImprovement * (1 - Math.exp(-day / tau));
    }

    // ------------------------------------------------------------------ the timeline

    List<Draft> build() {
        t0Date = weekday(enrolment.plusDays(Draw.chance(r, 0.5) ? 0 : Draw.between(r, 1, 3)), true);
        firstDose = weekday(t0Date.plusDays(Draw.chance(r, 0.6) ? 0 : Draw.between(r, 1, 4)), true);
        enrol();
        scheduleVisits();
        for (Visit visit : protocol.visits()) {
            recordVisit(visit);
        }
        dosingSessions();
        // A form is retracted or corrected at most once (several cases land on one subject only in tiny cohorts).
        java.util.Set<String> touched = new java.util.HashSet<>();
        if (roles.retraction) {
            touched.add(retraction());
        }
        for (String[] target : roles.corrections) {
            if (touched.add(target[0] + "-" + target[1])) {
                correction(target[0], target[1]);
            }
        }
        if (roles.seriousAdverseEvent) {
            seriousAdverseEvent();
        }
        disposition();
        drafts.sort(Comparator.comparing((Draft d) -> d.at));
        // Two unrelated requests may fall on the same minute (a correction and a session, say): the later one moves
        // on by a minute, so a subject's requests have distinct times and their order is the time order.
        for (int i = 1; i < drafts.size(); i++) {
            Draft previous = drafts.get(i - 1);
            Draft draft = drafts.get(i);
            if (!draft.at.isAfter(previous.at)) {
                draft.at = previous.at.plusSeconds(60);
            }
        }
        Draft last = drafts.get(drafts.size() - 1);
        if (roles.disposition != Disposition.COMPLETED && last.kind != RequestKind.DISCONTINUATION) {
            throw new IllegalStateException(subjectId + " has requests after its discontinuation: " + last);
        }
        return drafts;
    }

    private void enrol() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject_id", subjectId);
        body.put("enrolment_date", enrolment.toString());
        body.put("consent_date", enrolment.minusDays(Draw.chance(r, 0.4) ? 0 : Draw.between(r, 1, 10)).toString());
        body.put("consent_version", "ESK-TRD ICF v2.1");
        body.put("birth_year", birthYear);
        body.put("sex", Draw.chance(r, 0.6) ? "F" : "M");
        body.put("episode_duration_months", Draw.clamp((int) Math.round(Math.exp(Draw.normal(r, 2.9, 0.6))), 6, 120));
        body.put("failed_antidepressant_trials", Draw.chance(r, 0.6) ? 2 : Draw.between(r, 3, 6));
        add(new Draft(subjectId, "enrolment", RequestKind.ENROLMENT, Staff.investigator(center), "/api/v1/subjects",
                body, at(enrolment, 8, 0, Draw.between(r, 0, 20))));
    }

    private void scheduleVisits() {
        for (Visit visit : protocol.visits()) {
            if (visit.code().equals(protocol.visits().get(0).code())) {
                visitDates.put(visit.code(), t0Date);
                continue;
            }
            VisitWindow window = visit.window();
            int earliest = window.earliestDay();
            int latest = window.latestDay();
            boolean outside = visit.code().equals(roles.outOfWindowVisit);
            int day;
            if (outside) {
                day = latest + Draw.between(r, 2, 5);
            } else {
                double sd = (latest - earliest) / 2.0 / 2.5;
                day = Draw.clamp((int) Math.round(Draw.normal(r, visit.targetDay(), sd)), earliest, latest);
            }
            LocalDate date = StudyDays.date(firstDose, day);
            LocalDate shifted = weekday(date, outside || date.getDayOfWeek() == DayOfWeek.SUNDAY);
            if (!outside && !window.contains(StudyDays.of(firstDose, shifted))) {
                shifted = weekday(date, date.getDayOfWeek() != DayOfWeek.SUNDAY);
            }
            visitDates.put(visit.code(), shifted);
        }
    }

    private void recordVisit(Visit visit) {
        LocalDate date = visitDates.get(visit.code());
        int day = date.isBefore(firstDose) ? 0 : StudyDays.of(firstDose, date);
        double improvement = improvement(day);
        boolean baseline = visit.code().equals(protocol.visits().get(0).code());
        int madrsTotal = baseline ? baselineMadrs
                : Draw.normalInt(r, baselineMadrs * (1 - improvement), 1.8, 0, 60);
        SortedMap<String, Integer> madrs = Forms.madrs(r, madrsTotal, madrsProfile);
        double uNow = baseline ? u : Draw.clamp(u - 0.35 * improvement + Draw.normal(r, 0, 0.15), 0, 3);
        double cNow = baseline ? c : Draw.clamp(c + 0.2 * improvement + Draw.normal(r, 0, 0.15), 0, 3);
        Staff rater = Staff.rater(center, Draw.between(r, 1, 3));
        Instant time = at(date, 8, 30, Draw.between(r, 0, 75));
        for (String instrument : ADMINISTRATION_ORDER) {
            if (!visit.schedules(instrument)) {
                continue;
            }
            SortedMap<String, Integer> items = switch (instrument) {
                case "MADRS" -> madrs;
                case "CSSRS" -> Forms.cssrs(r, madrs.get("MADRS_10"));
                case "RFQ8" -> Forms.rfq8(r, uNow, cNow);
                case "PSYCHACHE" -> Forms.psychache(r, madrsTotal, psychacheOffset);
                case "AAQ2" -> Forms.aaq2(r, madrsTotal, uNow, aaqOffset);
                case "RMET" -> Forms.rmet(r, rmetAbility + 0.02 * improvement);
                default -> throw new IllegalStateException("no form model for " + instrument);
            };
            Draft form = assessment(visit.code() + "-" + instrument, instrument, visit.code(), null, time, rater, items);
            form.csvCandidate = instrument.equals("RMET") && !visit.code().equals("M6");
            formsByStep.put(form.step, form);
            time = time.plusSeconds(60L * Draw.between(r, 8, 15));
        }
    }

    private void dosingSessions() {
        DosingRules dosing = protocol.dosing();
        LocalDate m6 = visitDates.get("M6");
        List<LocalDate> dates = new ArrayList<>();
        LocalDate previous = null;
        List<Integer> days = new ArrayList<>();
        for (int d : INDUCTION_DAYS) {
            days.add(d);
        }
        boolean biweekly = improvement(50) >= 0.5 && Draw.chance(r, 0.75);
        for (int d = MAINTENANCE_START_DAY; ; d += biweekly ? 14 : 7) {
            if (!StudyDays.date(firstDose, d).isBefore(m6.minusDays(2))) {
                break;
            }
            days.add(d);
        }
        for (int i = 0; i < days.size(); i++) {
            LocalDate date = StudyDays.date(firstDose, days.get(i));
            if (i > 0) {
                date = weekday(date.plusDays(Draw.between(r, -1, 1)), Draw.chance(r, 0.5));
                if (!date.isAfter(previous)) {
                    date = weekday(previous.plusDays(1), true);
                }
            }
            if (!date.isBefore(m6)) {
                break;
            }
            dates.add(date);
            previous = date;
        }
        int sessionNumber = 0;
        int administered = 0;
        boolean bpAeReported = false;
        java.util.Set<String> reportedTerms = new java.util.HashSet<>();
        for (int i = 0; i < dates.size(); i++) {
            int scheduled = i + 1;
            sessionNumber++;
            Instant time = at(dates.get(i), 11, 30, Draw.between(r, 0, 180));
            Staff nurse = Staff.nurse(center, Draw.between(r, 1, 2));
            String step = "S%02d".formatted(sessionNumber);
            if (scheduled == roles.withheldSession) {
                int sys = Draw.between(r, 152, 166);
                int dia = Draw.between(r, 92, 100);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("dose_id", ids.uuid(subjectId, step + "-withheld"));
                body.put("decided_at", text(time));
                body.put("reason", "Pre-dose blood pressure %d/%d mmHg above the 140/90 mmHg limit on two readings;"
                        .formatted(sys, dia) + " dose withheld per labelling, next session as scheduled");
                body.put("bp_before", bp(sys, dia));
                add(new Draft(subjectId, step + "-withheld", RequestKind.WITHHELD_DOSE, nurse,
                        subjectPath("/withheld-doses"), body, time));
                if (!bpAeReported) {
                    adverseEvent(dates.get(i), time.plusSeconds(3600), "Blood pressure increased", "MILD", false, "POSSIBLE");
                    bpAeReported = true;
                }
                continue;
            }
            administered++;
            int doseMg = doseFor(administered, dates.get(i), dosing);
            int sysBefore = Draw.normalInt(r, systolicMean, 7, 95, 138);
            int diaBefore = Draw.normalInt(r, diastolicMean, 5, 55, 88);
            String override = null;
            if (scheduled == roles.overrideSession) {
                sysBefore = Draw.between(r, 142, 146);
                diaBefore = Draw.between(r, 80, 88);
                override = "Pre-dose BP %d/%d mmHg, %d/%d mmHg on repeat after 10 min rest; benefit judged to outweigh"
                        .formatted(sysBefore, diaBefore, sysBefore - 2, diaBefore - 1) + " risk by the investigator";
            }
            boolean notable = roles.notableRiseSessions.contains(scheduled);
            int sysRise = notable ? Draw.between(r, 40, 52) : Draw.normalInt(r, 8, 6, -10, 32);
            int diaRise = notable ? Draw.between(r, 10, 22) : Draw.normalInt(r, 4, 4, -8, 18);
            int sysAfter = sysBefore + sysRise;
            int diaAfter = Math.min(diaBefore + diaRise, sysAfter - 20);
            int monitoring = Draw.chance(r, 0.012) ? Draw.between(r, 95, 115) : 120 + Draw.between(r, 0, 35);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dose_id", ids.uuid(subjectId, step + "-dose"));
            body.put("administered_at", text(time));
            body.put("dose_mg", doseMg);
            body.put("devices", dosing.devicesFor(doseMg));
            body.put("bp_before", bp(sysBefore, diaBefore));
            body.put("bp_after", bp(sysAfter, diaAfter));
            body.put("monitoring_minutes", monitoring);
            if (override != null) {
                body.put("override_reason", override);
            }
            add(new Draft(subjectId, step + "-dose", RequestKind.DOSE, nurse, subjectPath("/doses"), body, time));

            double pHigh = 0.06 + 0.30 * Math.exp(-(administered - 1) / 6.0) + (doseMg == 84 ? 0.05 : 0);
            int cadssTotal = Draw.chance(r, pHigh) ? Draw.clamp(5 + (int) Math.round(-6 * Math.log(1 - r.nextDouble())), 5, 40)
                    : Draw.chance(r, 0.45) ? 0 : Draw.between(r, 1, 4);
            Instant cadssAt = time.plusSeconds(60L * Draw.between(r, 40, 50));
            assessment(step + "-CADSS", "CADSS", null, sessionNumber, cadssAt, Staff.rater(center, Draw.between(r, 1, 3)),
                    Forms.cadss(r, cadssTotal));

            Instant aeAt = time.plusSeconds(60L * Draw.between(r, 200, 280));
            LocalDate date = dates.get(i);
            if (notable && !bpAeReported) {
                adverseEvent(date, aeAt, "Blood pressure increased", "MODERATE", false, "PROBABLE");
                bpAeReported = true;
                aeAt = aeAt.plusSeconds(300);
            }
            if (cadssTotal > 8 && !reportedTerms.contains("Dissociation") && Draw.chance(r, 0.6)) {
                reportedTerms.add("Dissociation");
                adverseEvent(date, aeAt, "Dissociation", cadssTotal > 15 ? "MODERATE" : "MILD", false,
                        Draw.chance(r, 0.3) ? "DEFINITE" : "PROBABLE");
                aeAt = aeAt.plusSeconds(300);
            }
            for (Object[] ae : COMMON_EVENTS) {
                String term = (String) ae[0];
                if (!reportedTerms.contains(term) && Draw.chance(r, (Double) ae[1])) {
                    reportedTerms.add(term);
                    adverseEvent(date, aeAt, term, Draw.chance(r, 0.8) ? "MILD" : "MODERATE", false,
                            Draw.pick(r, (String[]) ae[2]));
                    aeAt = aeAt.plusSeconds(300);
                }
            }
        }
    }

    /** Common esketamine adverse events: term, chance per session (first occurrence reported), relatedness. */
    private static final Object[][] COMMON_EVENTS = {
        {"Nausea", 0.03, new String[] {"POSSIBLE", "PROBABLE"}},
        {"Dizziness", 0.03, new String[] {"POSSIBLE", "PROBABLE"}},
        {"Headache", 0.025, new String[] {"UNLIKELY", "POSSIBLE"}},
        {"Somnolence", 0.02, new String[] {"POSSIBLE", "PROBABLE"}},
        {"Vertigo", 0.015, new String[] {"POSSIBLE", "PROBABLE"}},
        {"Dysgeusia", 0.01, new String[] {"PROBABLE"}},
        {"Hypoaesthesia oral", 0.01, new String[] {"PROBABLE"}},
        {"Vomiting", 0.005, new String[] {"POSSIBLE"}},
    };

    /**
     * Day-1 dose by the label (28 mg from 65, else 56 mg; the age reached in the year of the dose, as the center
     * judges it), then titration to the subject's dose.
     */
    private int doseFor(int administeredSession, LocalDate date, DosingRules dosing) {
        if (administeredSession == 1) {
            firstDoseMg = dosing.firstDoseMg(birthYear, date);
            return firstDoseMg;
        }
        if (firstDoseMg < 56) {
            return administeredSession <= 3 ? 56 : targetDoseMg;
        }
        return administeredSession == 2 && Draw.chance(r, 0.4) ? 56 : targetDoseMg;
    }

    private void adverseEvent(LocalDate onset, Instant reportedAt, String term, String severity, boolean serious,
                              String relatedness) {
        adverseEvents++;
        String step = "AE%02d".formatted(adverseEvents);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("adverse_event_id", ids.uuid(subjectId, step));
        body.put("term", term);
        body.put("onset_date", onset.toString());
        body.put("severity", severity);
        body.put("serious", serious);
        body.put("relatedness", relatedness);
        add(new Draft(subjectId, step, RequestKind.ADVERSE_EVENT, Staff.investigator(center), subjectPath("/adverse-events"),
                body, reportedAt));
    }

    private void seriousAdverseEvent() {
        LocalDate onset = weekday(StudyDays.date(firstDose, Draw.between(r, 60, 150)), true);
        adverseEvent(onset, at(onset, 18, 0, Draw.between(r, 0, 45)), "Worsening of depression requiring hospitalisation",
                "SEVERE", true, "UNLIKELY");
    }

    /** A form of another patient entered by mistake: retracted a few days later and the right form entered again. */
    private String retraction() {
        String visit = Draw.chance(r, 0.5) ? "M1" : "M3";
        Draft form = formsByStep.get(visit + "-PSYCHACHE");
        SortedMap<String, Integer> right = form.items;
        SortedMap<String, Integer> wrong = Forms.psychache(r, Draw.between(r, 10, 45), 0);
        setItems(form, wrong);
        Instant retractAt = at(dateOf(form.at).plusDays(Draw.between(r, 2, 8)), 14, 0, Draw.between(r, 0, 60));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", "Entered in error: the Psychache Scale form of another patient was transcribed;"
                + " the subject's own form is entered again");
        add(new Draft(subjectId, "retraction-" + form.step, RequestKind.RETRACTION, Staff.dataManager(center),
                subjectPath("/assessments/" + form.body.get("assessment_id") + "/retraction"), body, retractAt));
        Draft again = assessment(form.step + "-reentry", form.instrument, form.visit, null, retractAt.plusSeconds(600),
                new Staff(form.rater, Staff.RATER), right);
        again.body.put("administered_at", form.administeredAt);
        again.administeredAt = form.administeredAt;
        return form.step;
    }

    /** A transcription error in one item, found at source data verification and corrected with a reason. */
    private void correction(String visit, String instrument) {
        Draft form = formsByStep.get(visit + "-" + instrument);
        SortedMap<String, Integer> right = form.items;
        int min = instrument.equals("MADRS") ? 0 : 1;
        int max = switch (instrument) {
            case "MADRS" -> 6;
            case "PSYCHACHE" -> 5;
            case "AAQ2" -> 7;
            default -> throw new IllegalArgumentException("no corrections modelled for " + instrument);
        };
        List<String> codes = new ArrayList<>(right.keySet());
        String item = codes.get(r.nextInt(codes.size()));
        int value = right.get(item);
        int delta = Draw.chance(r, 0.7) ? 1 : 2;
        int entered = value + delta <= max && (Draw.chance(r, 0.5) || value - delta < min) ? value + delta : value - delta;
        SortedMap<String, Integer> wrong = new TreeMap<>(right);
        wrong.put(item, entered);
        setItems(form, wrong);
        LocalDate date = dateOf(form.at).plusDays(Draw.between(r, 3, 21));
        if (!date.isBefore(options.latestDate().minusDays(1))) {
            date = dateOf(form.at).plusDays(1);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", right);
        body.put("reason", "Source data verification: %s was entered as %d; the signed %s form says %d"
                .formatted(item, entered, instrument, value));
        add(new Draft(subjectId, "correction-" + form.step, RequestKind.CORRECTION, Staff.dataManager(center),
                subjectPath("/assessments/" + form.body.get("assessment_id") + "/corrections"), body,
                at(date, 15, 0, Draw.between(r, 0, 90))));
    }

    private void disposition() {
        Disposition d = roles.disposition;
        if (d == Disposition.COMPLETED) {
            LocalDate m6 = visitDates.get("M6");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("completion_date", m6.toString());
            add(new Draft(subjectId, "follow-up-completion", RequestKind.FOLLOW_UP_COMPLETION, Staff.investigator(center),
                    subjectPath("/follow-up-completion"), body, at(m6, 17, 0, Draw.between(r, 0, 45))));
            return;
        }
        LocalDate date;
        String reason;
        if (d == Disposition.CONSENT_WITHDRAWN) {
            date = weekday(StudyDays.date(firstDose, Draw.between(r, 35, 120)), true);
            reason = "Withdrew consent: no longer wishes to take part in the study; no further data to be collected";
        } else {
            date = weekday(visitDates.get("M2").plusDays(Draw.between(r, 1, 5)), true);
            reason = "Insufficient response after induction and optimisation (8 weeks); esketamine stopped by the"
                    + " treating psychiatrist";
        }
        Instant at = at(date, 16, 0, Draw.between(r, 0, 30));
        drafts.removeIf(x -> !x.at.isBefore(at));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("discontinuation_date", date.toString());
        body.put("reason", reason);
        body.put("consent_withdrawn", d == Disposition.CONSENT_WITHDRAWN);
        add(new Draft(subjectId, "discontinuation", RequestKind.DISCONTINUATION, Staff.investigator(center),
                subjectPath("/discontinuation"), body, at));
    }

    // ------------------------------------------------------------------ helpers

    private Draft assessment(String step, String instrument, String visit, Integer doseSession, Instant time, Staff rater,
                             SortedMap<String, Integer> items) {
        engine.scoreOrThrow(protocol.instrument(instrument).orElseThrow(), items);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assessment_id", ids.uuid(subjectId, step));
        body.put("instrument", instrument);
        body.put("instrument_version", protocol.instrument(instrument).orElseThrow().version());
        if (visit != null) {
            body.put("visit", visit);
        } else {
            body.put("dose_session", doseSession);
        }
        body.put("administered_at", text(time));
        body.put("rater", rater.id());
        body.put("items", items);
        Draft draft = new Draft(subjectId, step, RequestKind.ASSESSMENT, rater, subjectPath("/assessments"), body, time);
        draft.instrument = instrument;
        draft.visit = visit;
        draft.doseSession = doseSession;
        draft.administeredAt = text(time);
        draft.rater = rater.id();
        draft.items = items;
        add(draft);
        return draft;
    }

    private static void setItems(Draft form, SortedMap<String, Integer> items) {
        form.items = items;
        form.body.put("items", items);
    }

    private void add(Draft draft) {
        drafts.add(draft);
    }

    private String subjectPath(String suffix) {
        return "/api/v1/subjects/" + subjectId + suffix;
    }

    private Instant at(LocalDate date, int hour, int minute, int plusMinutes) {
        return ZonedDateTime.of(date, LocalTime.of(hour, minute), options.zone()).plusMinutes(plusMinutes).toInstant();
    }

    private LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, options.zone());
    }

    private String text(Instant instant) {
        return INSTANT_TEXT.format(instant.atZone(options.zone()));
    }

    private static Map<String, Object> bp(int systolic, int diastolic) {
        Map<String, Object> bp = new LinkedHashMap<>();
        bp.put("systolic", systolic);
        bp.put("diastolic", diastolic);
        return bp;
    }

    /** The date moved off a weekend: forward to Monday, or back to Friday. */
    static LocalDate weekday(LocalDate date, boolean forward) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> forward ? date.plusDays(2) : date.minusDays(1);
            case SUNDAY -> forward ? date.plusDays(1) : date.minusDays(2);
            default -> date;
        };
    }

    LocalDate firstDose() {
        return firstDose;
    }

    boolean isResponderType() {
        return responderType;
    }

    /** Logistic propensity to belong to the responding class: higher for lower baseline RFQ_u. */
    double responderPropensity() {
        return responderPropensity;
    }

    /** Puts the subject in the responding or the non-responding class of the trajectory mixture. */
    void responder(boolean responding) {
        responderType = responding;
        maxImprovement = responding ? responderImprovement : nonResponderImprovement;
        tau = responding ? responderTau : nonResponderTau;
    }
}
