package org.studyledger.cohort.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.studyledger.cohort.plan.PlanContents.AdverseEvent;
import org.studyledger.cohort.plan.PlanContents.Assessment;
import org.studyledger.cohort.plan.PlanContents.Correction;
import org.studyledger.cohort.plan.PlanContents.Discontinuation;
import org.studyledger.cohort.plan.PlanContents.Dose;
import org.studyledger.cohort.plan.PlanContents.FollowUpCompletion;
import org.studyledger.cohort.plan.PlanContents.FormState;
import org.studyledger.cohort.plan.PlanContents.Retraction;
import org.studyledger.cohort.plan.PlanContents.WithheldDose;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.EfficacyCriteria;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.subject.BloodPressure;

/**
 * What a plan contains, computed from the requests themselves with the kernel's protocol and scoring rules:
 * counts per center, the special cases, and the efficacy picture (response and remission judged by the
 * protocol on the corrected, non-retracted MADRS forms).
 */
public record CohortStatistics(
        long seed,
        List<String> centers,
        int subjects,
        Map<String, Integer> subjectsPerCenter,
        Map<String, Integer> requestsPerCenter,
        Map<String, Integer> csvFilesPerCenter,
        Map<String, Integer> eventsPerCenter,
        Map<RequestKind, Integer> requestsByKind,
        int discontinuations,
        int consentWithdrawals,
        int followUpCompletions,
        int corrections,
        int retractions,
        int withheldDoses,
        int dosesWithOverride,
        int notableBpRises,
        int shortMonitoring,
        int outOfWindowVisits,
        int cadssForms,
        int cadssAbove4,
        int adverseEvents,
        int seriousAdverseEvents,
        Rate respondersM1,
        Rate remittersM1,
        Rate respondersM6,
        Rate remittersM6,
        double baselineRfqUMadrsCorrelation,
        LocalDate firstDate,
        LocalDate lastDate) {

    /** {@code count} of {@code of} subjects. */
    public record Rate(int count, int of) {
        public double fraction() {
            return of == 0 ? 0 : (double) count / of;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d/%d (%.1f %%)", count, of, 100 * fraction());
        }
    }

    public int totalRequests() {
        return requestsPerCenter.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int totalEvents() {
        return eventsPerCenter.values().stream().mapToInt(Integer::intValue).sum();
    }

    public static CohortStatistics of(CohortPlan plan) {
        return of(plan, PlanContents.of(plan), Protocol.eskTrd(), ZoneId.of("Europe/Rome"));
    }

    public static CohortStatistics of(CohortPlan plan, PlanContents contents, Protocol protocol, ZoneId zone) {
        Map<String, Integer> subjectsPerCenter = new LinkedHashMap<>();
        Map<String, Integer> requestsPerCenter = new LinkedHashMap<>();
        Map<String, Integer> csvPerCenter = new LinkedHashMap<>();
        Map<String, Integer> eventsPerCenter = new LinkedHashMap<>();
        for (String c : plan.centers()) {
            subjectsPerCenter.put(c, (int) contents.subjects().stream().filter(s -> s.startsWith(c + "-")).count());
            List<PlannedRequest> requests = plan.requestsFor(c);
            requestsPerCenter.put(c, requests.size());
            csvPerCenter.put(c, (int) requests.stream().filter(PlannedRequest::isCsv).count());
            eventsPerCenter.put(c, plan.expectedEvents(c));
        }
        Map<RequestKind, Integer> byKind = new EnumMap<>(RequestKind.class);
        plan.requests().forEach(r -> byKind.merge(r.kind(), 1, Integer::sum));

        DosingRules dosing = protocol.dosing();
        EfficacyCriteria efficacy = protocol.efficacy();
        List<Discontinuation> discontinuations = contents.allFacts(Discontinuation.class);
        List<Dose> doses = contents.allFacts(Dose.class);
        List<AdverseEvent> aes = contents.allFacts(AdverseEvent.class);
        List<Assessment> cadss = contents.allFacts(Assessment.class).stream()
                .filter(a -> "CADSS".equals(a.instrument())).toList();

        int outOfWindow = 0;
        int[] m1 = new int[3];
        int[] m6 = new int[3];
        List<double[]> baseline = new ArrayList<>();
        ScoringEngine engine = ScoringEngine.standard();
        for (String subject : contents.subjects()) {
            // Window status by the kernel's study clock, the rule the center and the hub report it by.
            StudyClock clock = StudyClock.of(protocol, zone, null);
            for (Dose d : contents.facts(subject, Dose.class)) {
                clock = clock.withDose(d.administeredAt().toInstant());
            }
            Map<String, Instant> visitTimes = new TreeMap<>();
            for (FormState f : contents.forms(subject).values()) {
                if (!f.retracted() && f.original().visit() != null) {
                    visitTimes.putIfAbsent(f.original().visit(), f.original().administeredAt().toInstant());
                }
            }
            for (Map.Entry<String, Instant> v : visitTimes.entrySet()) {
                if (clock.outOfWindow(v.getKey(), v.getValue())) {
                    outOfWindow++;
                }
            }
            Optional<Integer> t0 = madrs(contents, subject, "T0");
            if (t0.isPresent()) {
                efficacyAt(efficacy, t0.get(), madrs(contents, subject, "M1"), m1);
                efficacyAt(efficacy, t0.get(), madrs(contents, subject, "M6"), m6);
                contents.visitForm(subject, "T0", "RFQ8").ifPresent(f -> baseline.add(new double[] {
                        engine.scoreOrThrow(new InstrumentRef("RFQ8", f.original().instrumentVersion() == null ? "1"
                                : f.original().instrumentVersion()), f.items()).scores().score("RFQ_U").doubleValue(),
                        t0.get()}));
            }
        }
        LocalDate first = null;
        LocalDate last = null;
        for (PlannedRequest r : plan.requests()) {
            LocalDate d = LocalDate.ofInstant(r.at(), zone);
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        return new CohortStatistics(plan.seed(), plan.centers(), contents.subjects().size(), subjectsPerCenter,
                requestsPerCenter, csvPerCenter, eventsPerCenter, byKind,
                discontinuations.size(),
                (int) discontinuations.stream().filter(Discontinuation::consentWithdrawn).count(),
                contents.allFacts(FollowUpCompletion.class).size(),
                contents.allFacts(Correction.class).size(),
                contents.allFacts(Retraction.class).size(),
                contents.allFacts(WithheldDose.class).size(),
                (int) doses.stream().filter(d -> d.overrideReason() != null).count(),
                (int) doses.stream().filter(d -> dosing.notableBpRise(bp(d.bpBefore()), bp(d.bpAfter()))).count(),
                (int) doses.stream().filter(d -> dosing.monitoringTooShort(d.monitoringMinutes())).count(),
                outOfWindow,
                cadss.size(),
                (int) cadss.stream().filter(a -> a.items().values().stream().mapToInt(Integer::intValue).sum() > 4).count(),
                aes.size(),
                (int) aes.stream().filter(AdverseEvent::serious).count(),
                new Rate(m1[1], m1[0]), new Rate(m1[2], m1[0]), new Rate(m6[1], m6[0]), new Rate(m6[2], m6[0]),
                pearson(baseline), first, last);
    }

    private static Optional<Integer> madrs(PlanContents contents, String subject, String visit) {
        return contents.visitForm(subject, visit, "MADRS")
                .map(f -> f.items().values().stream().mapToInt(Integer::intValue).sum());
    }

    private static void efficacyAt(EfficacyCriteria efficacy, int baseline, Optional<Integer> value, int[] counts) {
        if (value.isEmpty()) {
            return;
        }
        counts[0]++;
        if (efficacy.isResponse(BigDecimal.valueOf(baseline), BigDecimal.valueOf(value.get()))) {
            counts[1]++;
        }
        if (efficacy.isRemission(BigDecimal.valueOf(value.get()))) {
            counts[2]++;
        }
    }

    private static BloodPressure bp(PlanContents.BloodPressure bp) {
        return new BloodPressure(bp.systolic(), bp.diastolic());
    }

    /** Pearson correlation of the pairs; 0 when undefined. */
    public static double pearson(List<double[]> pairs) {
        int n = pairs.size();
        if (n < 3) {
            return 0;
        }
        double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = pairs.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /** A human-readable summary (what {@code --plan-only} prints). */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Cohort plan: seed %d, %d subjects over %d centers, %d requests, %d events%n",
                seed, subjects, centers.size(), totalRequests(), totalEvents()));
        s.append(String.format(Locale.ROOT, "  dates %s .. %s%n", firstDate, lastDate));
        s.append(String.format(Locale.ROOT, "  %-8s %8s %9s %9s %8s%n", "center", "subjects", "requests", "csv files", "events"));
        for (String c : centers) {
            s.append(String.format(Locale.ROOT, "  %-8s %8d %9d %9d %8d%n", c, subjectsPerCenter.get(c),
                    requestsPerCenter.get(c), csvFilesPerCenter.get(c), eventsPerCenter.get(c)));
        }
        s.append("  requests by kind: ").append(requestsByKind).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "  discontinuations %d (consent withdrawn %d), follow-up completed %d%n",
                discontinuations, consentWithdrawals, followUpCompletions));
        s.append(String.format(Locale.ROOT, "  corrections %d, retractions %d, out-of-window visits %d%n",
                corrections, retractions, outOfWindowVisits));
        s.append(String.format(Locale.ROOT, "  doses %d: withheld %d, given with BP override %d, notable BP rises %d,"
                        + " monitoring < 120 min %d%n",
                requestsByKind.getOrDefault(RequestKind.DOSE, 0), withheldDoses, dosesWithOverride, notableBpRises,
                shortMonitoring));
        s.append(String.format(Locale.ROOT, "  CADSS forms %d (total > 4: %d), adverse events %d (serious %d)%n",
                cadssForms, cadssAbove4, adverseEvents, seriousAdverseEvents));
        s.append(String.format(Locale.ROOT, "  M1: responders %s, remitters %s%n", respondersM1, remittersM1));
        s.append(String.format(Locale.ROOT, "  M6: responders %s, remitters %s%n", respondersM6, remittersM6));
        s.append(String.format(Locale.ROOT, "  correlation baseline RFQ_U ~ baseline MADRS: r = %.2f%n",
                baselineRfqUMadrsCorrelation));
        return s.toString();
    }
}
