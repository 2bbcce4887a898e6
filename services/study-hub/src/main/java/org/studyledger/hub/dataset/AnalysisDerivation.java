package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.studyledger.kernel.protocol.EfficacyCriteria;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.protocol.Visit;
import org.studyledger.kernel.subject.DoseFlag;

/**
 * Derives a subject's ADSL, ADQS and ADEX rows from its {@link SubjectRecord}: pure, no I/O, the same
 * rows for the same record. Dates are local dates in the study's zone; study days, pre-dose and analysis visits
 * are the subject's study clock's ({@link StudyClock}, from the earliest administered dose); efficacy flags are the
 * protocol's rules.
 */
public final class AnalysisDerivation {
    public static final String CRIT1 = "MADRS reduction >= 50% from baseline";
    public static final String CRIT2 = "MADRS total <= 10";
    public static final String CADSS = "CADSS";
    public static final String CADSS_TOTAL = "CADSS_TOTAL";
    private static final BigDecimal CADSS_THRESHOLD = BigDecimal.valueOf(4);

    private final Protocol protocol;
    private final StudyDates dates;
    private final AnalysisVisits visits;

    public AnalysisDerivation(Protocol protocol, StudyDates dates) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.dates = Objects.requireNonNull(dates, "dates");
        this.visits = new AnalysisVisits(protocol);
    }

    public StudyDates dates() {
        return dates;
    }

    /** Every row of one subject. */
    public record Rows(AdslRow adsl, List<AdqsRow> adqs, List<AdexRow> adex) {
    }

    public Rows derive(SubjectRecord subject) {
        Instant firstDoseAt = firstDoseAt(subject.doses());
        SubjectRecord.Enrolment e = subject.enrolment();
        List<AdqsRow> adqs = adqs(e.studyId(), e.subjectId(), e.centerId(), firstDoseAt, subject.forms());
        return new Rows(adsl(subject, firstDoseAt, adqs), adqs, adex(subject, firstDoseAt));
    }

    /** The first administered dose ({@link StudyClock#firstDose}: the earliest); null while there is none. */
    public static Instant firstDoseAt(List<SubjectRecord.Dose> doses) {
        Instant first = null;
        for (SubjectRecord.Dose d : doses) {
            if (d.administered()) {
                first = StudyClock.firstDose(first, d.at());
            }
        }
        return first;
    }

    // ------------------------------------------------------------------------------------------ ADQS

    /** The subject's study clock (kernel {@link StudyClock}): the one rule for study days, pre-dose and windows. */
    public StudyClock clock(Instant firstDoseAt) {
        return StudyClock.of(protocol, dates.zone(), firstDoseAt);
    }

    /**
     * ADQS rows of one subject, in dataset order (PARAMN, AVISITN, ADT, recording sequence). AVISIT is the
     * analysis visit by the subject's study clock ({@link AnalysisVisits}); the baseline is the last non-missing
     * baseline candidate ({@link Baseline}); change from baseline and the criteria are computed on the values taken
     * after the first dose's instant; ANL01FL marks, per parameter and scheduled analysis visit, the value closest to
     * the target day (at T0: the baseline record).
     */
    public List<AdqsRow> adqs(String studyId, String subjectId, String centerId, Instant firstDoseAt,
                              List<SubjectRecord.Form> forms) {
        StudyClock clock = clock(firstDoseAt);
        List<AdqsRow> rows = new ArrayList<>();
        for (Parameter parameter : Parameter.values()) {
            List<Observation> observations = new ArrayList<>();
            List<SubjectRecord.Form> sources = new ArrayList<>();
            for (SubjectRecord.Form form : forms) {
                BigDecimal value = form.scores().get(parameter.score());
                if (!form.instrument().equals(parameter.instrument()) || form.visit() == null || value == null) {
                    continue;
                }
                observations.add(new Observation(form.assessmentId(), form.visit(), form.administeredAt(),
                        clock.dateOf(form.administeredAt()), clock.studyDay(form.administeredAt()), value,
                        form.sequence()));
                sources.add(form);
            }
            Observation baseline = Baseline.choose(clock, observations).orElse(null);
            BigDecimal base = baseline == null ? null : baseline.value();
            List<AdqsRow> parameterRows = new ArrayList<>();
            for (int i = 0; i < observations.size(); i++) {
                parameterRows.add(row(studyId, subjectId, centerId, parameter, clock, observations.get(i),
                        sources.get(i), baseline, base));
            }
            rows.addAll(flagAnalysisRecords(parameterRows));
        }
        rows.sort(ADQS_ORDER);
        return rows;
    }

    static final Comparator<AdqsRow> ADQS_ORDER = Comparator.comparingInt(AdqsRow::paramn)
            .thenComparing(AdqsRow::avisitn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AdqsRow::adt).thenComparingLong(AdqsRow::qsseq).thenComparing(AdqsRow::qsrefid);

    /**
     * Sets ANL01FL = Y on one row per scheduled analysis visit of one parameter's rows: at the baseline visit the
     * baseline row (ABLFL = Y), elsewhere the row closest to the target day ({@link AnalysisVisits#closest}); every
     * other row (and every UNSCHEDULED row) keeps ANL01FL null.
     */
    List<AdqsRow> flagAnalysisRecords(List<AdqsRow> rows) {
        java.util.Set<String> chosen = new java.util.HashSet<>();
        java.util.Map<String, List<AnalysisVisits.Candidate>> byVisit = new java.util.TreeMap<>();
        for (AdqsRow r : rows) {
            if (r.awtarget() == null) {
                continue;
            }
            if (visits.isBaselineVisit(r.avisit())) {
                if ("Y".equals(r.ablfl())) {
                    chosen.add(r.qsrefid());
                }
                continue;
            }
            byVisit.computeIfAbsent(r.avisit(), k -> new ArrayList<>())
                    .add(new AnalysisVisits.Candidate(r.qsrefid(), r.adt(), r.awtdiff(), r.qsseq()));
        }
        byVisit.values().forEach(c -> AnalysisVisits.closest(c).ifPresent(x -> chosen.add(x.ref())));
        return rows.stream().map(r -> r.withAnl01fl(chosen.contains(r.qsrefid()) ? "Y" : null)).toList();
    }

    private AdqsRow row(String studyId, String subjectId, String centerId, Parameter parameter, StudyClock clock,
                        Observation o, SubjectRecord.Form form, Observation baseline, BigDecimal base) {
        boolean isBaseline = o == baseline;
        // Post-baseline: taken after the first dose's instant (never for a subject not dosed).
        boolean post = !isBaseline && clock.postDose(o.administeredAt());
        BigDecimal chg = post ? ChangeFromBaseline.chg(o.value(), base) : null;
        BigDecimal pchg = post ? ChangeFromBaseline.pchg(o.value(), base) : null;
        String crit1 = null;
        String crit1fl = null;
        String crit2 = null;
        String crit2fl = null;
        if (post && parameter == Parameter.MADRSTOT) {
            EfficacyCriteria efficacy = protocol.efficacy();
            if (base != null) {
                crit1 = CRIT1;
                crit1fl = yn(efficacy.isResponse(base, o.value()));
            }
            crit2 = crit2();
            crit2fl = yn(efficacy.isRemission(o.value()));
        }
        AnalysisVisits.Window window = visits.of(clock, o.administeredAt());
        return new AdqsRow(studyId, subjectId, centerId, parameter.paramcd(), parameter.label(),
                parameter.paramn(), window.avisit(), window.target(), form.visit(), o.administeredAt(), o.adt(), o.ady(),
                window.target(), window.distance(o.ady()), o.value(), base, chg, pchg, isBaseline ? "Y" : null, null,
                crit1, crit1fl, crit2, crit2fl, o.ref(), o.sequence(), form.instrumentRef());
    }

    /** CRIT2: the remission criterion with the protocol's threshold, e.g. "MADRS total <= 10". */
    String crit2() {
        return "MADRS total <= " + protocol.efficacy().remissionMaxScore().stripTrailingZeros().toPlainString();
    }

    /** AVISITN: the visit's target study day in the protocol (T0 → 1, W1 → 8, M1 → 29 …). */
    int avisitn(String visit) {
        return protocol.visit(visit).map(Visit::targetDay).orElse(Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------------------------------ ADEX

    /** ADEX rows of one subject: one per dosing session, by session number. */
    public List<AdexRow> adex(SubjectRecord subject, Instant firstDoseAt) {
        SubjectRecord.Enrolment e = subject.enrolment();
        StudyClock clock = clock(firstDoseAt);
        List<AdexRow> rows = new ArrayList<>();
        BigDecimal subjectPeak = cadssSubjectPeak(subject.forms()).orElse(null);
        for (SubjectRecord.Dose d : subject.doses()) {
            LocalDate adt = dates.dateOf(d.at());
            BigDecimal cadss = cadssPeak(subject.forms(), d.sessionNumber()).orElse(null);
            rows.add(new AdexRow(e.studyId(), e.subjectId(), e.centerId(), d.sessionNumber(), d.doseId(),
                    d.administered() ? "Y" : "N", d.at(), adt, clock.studyDay(d.at()),
                    d.administered() ? d.doseMg() : null, d.administered() ? "mg" : null, d.devices(),
                    d.bpBeforeSystolic(), d.bpBeforeDiastolic(), d.bpAfterSystolic(), d.bpAfterDiastolic(),
                    d.monitoringMinutes(),
                    flag(d, DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD), flag(d, DoseFlag.NOTABLE_BP_RISE),
                    flag(d, DoseFlag.MONITORING_SHORT),
                    d.administered() && !d.flags().isEmpty() ? String.join(",", d.flags()) : null,
                    d.overrideReason(), d.withheldReason(),
                    cadss, cadss == null ? null : yn(cadss.compareTo(CADSS_THRESHOLD) > 0),
                    difference(d.bpAfterSystolic(), d.bpBeforeSystolic()),
                    difference(d.bpAfterDiastolic(), d.bpBeforeDiastolic()), subjectPeak));
        }
        rows.sort(Comparator.comparingInt(AdexRow::sessnum).thenComparing(AdexRow::exrefid));
        return rows;
    }

    /** The highest CADSS total of the session's forms (several post-dose forms: the peak). */
    static Optional<BigDecimal> cadssPeak(List<SubjectRecord.Form> forms, int session) {
        return forms.stream()
                .filter(f -> CADSS.equals(f.instrument()) && Integer.valueOf(session).equals(f.doseSession()))
                .map(f -> f.scores().get(CADSS_TOTAL)).filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    /** The subject's highest CADSS total over all its sessions' forms; empty without one. */
    static Optional<BigDecimal> cadssSubjectPeak(List<SubjectRecord.Form> forms) {
        return forms.stream().filter(f -> CADSS.equals(f.instrument()) && f.doseSession() != null)
                .map(f -> f.scores().get(CADSS_TOTAL)).filter(Objects::nonNull).max(Comparator.naturalOrder());
    }

    /** SBPCHG / DBPCHG: after − before (mmHg); null when either is missing (withheld sessions). */
    static Integer difference(Integer after, Integer before) {
        return after == null || before == null ? null : after - before;
    }

    private static String flag(SubjectRecord.Dose d, DoseFlag flag) {
        return d.administered() ? yn(d.flags().contains(flag.name())) : null;
    }

    // ------------------------------------------------------------------------------------------ ADSL

    AdslRow adsl(SubjectRecord subject, Instant firstDoseAt, List<AdqsRow> adqs) {
        SubjectRecord.Enrolment e = subject.enrolment();
        SubjectRecord.Disposition d = subject.disposition();
        List<SubjectRecord.Dose> administered = subject.doses().stream().filter(SubjectRecord.Dose::administered).toList();
        Instant lastDoseAt = administered.stream().map(SubjectRecord.Dose::at).max(Comparator.naturalOrder()).orElse(null);
        int cumulative = administered.stream().mapToInt(x -> x.doseMg() == null ? 0 : x.doseMg()).sum();
        return new AdslRow(e.studyId(), e.subjectId(), e.centerId(), e.sex(), e.birthYear(),
                ageAtEnrolment(e.birthYear(), e.enrolmentDate()), "YEARS", e.enrolmentDate(), e.consentDate(),
                e.protocolVersion(), e.episodeDurationMonths(), e.failedTrials(),
                baselineOf(adqs, Parameter.MADRSTOT), baselineOf(adqs, Parameter.RFQC), baselineOf(adqs, Parameter.RFQU),
                firstDoseAt, dates.dateOf(firstDoseAt), dates.dateOf(lastDoseAt), administered.size(),
                subject.doses().size() - administered.size(), cumulative, endOfStudyStatus(d),
                d.discontinuationDate(), d.discontinuationReason(),
                d.discontinuationDate() == null ? null : yn(Boolean.TRUE.equals(d.consentWithdrawn())),
                d.completionDate(), weeksOnTreatment(dates.dateOf(firstDoseAt), dates.dateOf(lastDoseAt)),
                cadssSubjectPeak(subject.forms()).orElse(null), null);
    }

    /**
     * TRTDURW: (TRTEDT − TRTSDT + 1 days) / 7, rounded to 1 decimal HALF_UP; null without an administered dose.
     * MENTGRP is cohort-dependent and set by the projection ({@link MentalizationGroup}), never here.
     */
    public static BigDecimal weeksOnTreatment(LocalDate first, LocalDate last) {
        if (first == null || last == null) {
            return null;
        }
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        return BigDecimal.valueOf(days).divide(BigDecimal.valueOf(7), 1, java.math.RoundingMode.HALF_UP);
    }

    /**
     * Age at enrolment from the birth year alone (the only date of birth the study keeps): the age the
     * subject reaches in the enrolment year. It may be one year more than the age in completed years.
     */
    public static int ageAtEnrolment(int birthYear, LocalDate enrolmentDate) {
        return org.studyledger.kernel.subject.Ages.reachedInYearOf(birthYear, enrolmentDate);
    }

    /** EOSSTT: COMPLETED, DISCONTINUED, or ONGOING. */
    public static String endOfStudyStatus(SubjectRecord.Disposition d) {
        if (d.completionDate() != null) {
            return "COMPLETED";
        }
        return d.discontinuationDate() != null ? "DISCONTINUED" : "ONGOING";
    }

    private static BigDecimal baselineOf(List<AdqsRow> adqs, Parameter parameter) {
        return adqs.stream().filter(r -> r.paramcd().equals(parameter.paramcd()) && "Y".equals(r.ablfl()))
                .map(AdqsRow::aval).findFirst().orElse(null);
    }

    private static String yn(boolean value) {
        return value ? "Y" : "N";
    }
}
