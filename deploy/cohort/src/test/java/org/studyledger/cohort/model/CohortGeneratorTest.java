package org.studyledger.cohort.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.CohortStatistics;
import org.studyledger.cohort.plan.PlanContents;
import org.studyledger.cohort.plan.PlanContents.AdverseEvent;
import org.studyledger.cohort.plan.PlanContents.Assessment;
import org.studyledger.cohort.plan.PlanContents.Correction;
import org.studyledger.cohort.plan.PlanContents.Discontinuation;
import org.studyledger.cohort.plan.PlanContents.Dose;
import org.studyledger.cohort.plan.PlanContents.Enrolment;
import org.studyledger.cohort.plan.PlanContents.Entry;
import org.studyledger.cohort.plan.PlanContents.FollowUpCompletion;
import org.studyledger.cohort.plan.PlanContents.FormState;
import org.studyledger.cohort.plan.PlanContents.Retraction;
import org.studyledger.cohort.plan.PlanContents.WithheldDose;
import org.studyledger.cohort.plan.PlannedRequest;
import org.studyledger.cohort.plan.RequestKind;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.instrument.ScoringResult;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyDays;
import org.studyledger.kernel.protocol.Visit;
import org.studyledger.kernel.subject.BloodPressure;

class CohortGeneratorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final Protocol PROTOCOL = Protocol.eskTrd();
    private static final DosingRules DOSING = PROTOCOL.dosing();

    private static CohortPlan plan;
    private static PlanContents contents;

    @BeforeAll
    static void generateDefault() {
        plan = CohortGenerator.generate();
        contents = PlanContents.of(plan);
    }

    @Nested
    class Determinism {
        @Test
        void the_same_seed_gives_the_byte_identical_plan() {
            byte[] again = CohortGenerator.generate(CohortOptions.DEFAULT_SEED, List.of("PAV", "MIL", "ROM"), 36).toJsonBytes();

            assertThat(again).isEqualTo(plan.toJsonBytes());
        }

        @Test
        void another_seed_gives_another_plan_with_other_ids_and_keys() {
            CohortPlan other = CohortGenerator.generate(CohortOptions.defaults().withSeed(7));

            assertThat(other.toJsonBytes()).isNotEqualTo(plan.toJsonBytes());
            Set<String> keys = plan.requests().stream().map(PlannedRequest::idempotencyKey).collect(Collectors.toSet());
            assertThat(other.requests()).noneMatch(r -> keys.contains(r.idempotencyKey()));
        }

        @Test
        void idempotency_keys_and_record_ids_are_unique_and_fit_the_intake() {
            List<String> keys = plan.requests().stream().map(PlannedRequest::idempotencyKey).toList();
            assertThat(keys).doesNotHaveDuplicates().allMatch(k -> k.length() <= 128);
            List<String> ids = new ArrayList<>();
            contents.allFacts(Assessment.class).forEach(a -> ids.add(a.assessmentId()));
            contents.allFacts(Dose.class).forEach(d -> ids.add(d.doseId()));
            contents.allFacts(WithheldDose.class).forEach(d -> ids.add(d.doseId()));
            contents.allFacts(AdverseEvent.class).forEach(a -> ids.add(a.adverseEventId()));
            assertThat(ids).doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
            assertThat(plan.requests()).allSatisfy(r -> {
                assertThat(r.actorId()).isNotBlank().hasSizeLessThanOrEqualTo(64);
                assertThat(r.actorRole()).matches("[a-z][a-z-]{1,31}");
                // who sends a request is the loader's access token; a planned actor header would be refused
                assertThat(r.headers()).doesNotContainKeys("X-Actor-Id", "X-Actor-Role", "Authorization");
            });
        }
    }

    @Nested
    class DefaultCohort {
        @Test
        void has_36_subjects_12_per_center_numbered_from_001() {
            assertThat(contents.subjects()).hasSize(36);
            for (String center : List.of("PAV", "MIL", "ROM")) {
                assertThat(contents.subjects().stream().filter(s -> s.startsWith(center + "-")).sorted().toList())
                        .hasSize(12).first().isEqualTo(center + "-001");
            }
            assertThat(plan.subjects()).hasSize(36);
            assertThat(contents.subjects()).allSatisfy(s -> assertThat(contents.enrolment(s)).isPresent());
        }

        @Test
        void the_plan_is_chronological_and_passes_every_rule_of_the_center() {
            assertThat(plan.requests()).isSortedAccordingTo(CohortPlan.CHRONOLOGICAL);
            assertThat(CenterRules.violations(plan, TODAY)).isEmpty();
        }

        @Test
        void first_center_enrols_through_csv_and_imports_some_assessments_as_csv() {
            List<PlannedRequest> pav = plan.requestsFor("PAV");
            assertThat(pav).filteredOn(r -> r.kind() == RequestKind.ENROLMENT).isEmpty();
            List<PlannedRequest> enrolmentFiles = pav.stream().filter(r -> "enrolments".equals(r.csvKind())).toList();
            assertThat(enrolmentFiles).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.path()).isEqualTo("/api/v1/imports?kind=enrolments"));
            assertThat(enrolmentFiles.stream().mapToInt(PlannedRequest::expectedEvents).sum()).isEqualTo(12);
            assertThat(pav).filteredOn(r -> "assessments".equals(r.csvKind())).isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.contentType()).isEqualTo("text/csv");
                        assertThat(r.headers()).containsKeys("X-File-Name", "Idempotency-Key");
                    });
            for (String center : List.of("MIL", "ROM")) {
                assertThat(plan.requestsFor(center)).noneMatch(PlannedRequest::isCsv)
                        .filteredOn(r -> r.kind() == RequestKind.ENROLMENT).hasSize(12);
            }
            // A subject's data never precedes the file that enrols it.
            for (String subject : contents.subjects()) {
                assertThat(contents.entries(subject).get(0).fact()).isInstanceOf(Enrolment.class);
            }
        }

        @Test
        void exactly_two_discontinuations_one_withdrawing_consent_and_nothing_recorded_afterwards() {
            List<String> discontinued = contents.subjects().stream()
                    .filter(s -> !contents.facts(s, Discontinuation.class).isEmpty()).toList();
            assertThat(discontinued).hasSize(2);
            assertThat(contents.allFacts(Discontinuation.class)).extracting(Discontinuation::consentWithdrawn)
                    .containsExactlyInAnyOrder(true, false);
            for (String subject : discontinued) {
                List<Entry> entries = contents.entries(subject);
                assertThat(entries.get(entries.size() - 1).fact()).isInstanceOf(Discontinuation.class);
                Discontinuation d = (Discontinuation) entries.get(entries.size() - 1).fact();
                assertThat(d.reason()).isNotBlank();
                assertThat(contents.facts(subject, FollowUpCompletion.class)).isEmpty();
                assertThat(contents.facts(subject, Dose.class)).allMatch(x -> !x.administeredAt().toLocalDate()
                        .isAfter(d.discontinuationDate()));
            }
            assertThat(contents.allFacts(FollowUpCompletion.class)).hasSize(34);
        }

        @Test
        void exactly_one_retraction_with_the_right_form_entered_again() {
            List<Retraction> retractions = contents.allFacts(Retraction.class);
            assertThat(retractions).hasSize(1);
            assertThat(retractions.get(0).reason()).isNotBlank();
            String subject = contents.subjects().stream()
                    .filter(s -> !contents.facts(s, Retraction.class).isEmpty()).findFirst().orElseThrow();
            FormState retracted = contents.forms(subject).get(retractions.get(0).assessmentId());
            assertThat(retracted.retracted()).isTrue();
            assertThat(contents.visitForm(subject, retracted.original().visit(), retracted.original().instrument()))
                    .get().satisfies(f -> assertThat(f.original().assessmentId()).isNotEqualTo(retracted.original().assessmentId()));
        }

        @Test
        void exactly_one_withheld_dose_for_high_pre_dose_blood_pressure_and_one_dose_given_with_override() {
            List<WithheldDose> withheld = contents.allFacts(WithheldDose.class);
            assertThat(withheld).hasSize(1);
            assertThat(withheld.get(0).reason()).containsIgnoringCase("blood pressure").contains("140/90");
            assertThat(DOSING.preDoseBpAboveThreshold(bp(withheld.get(0).bpBefore()))).isTrue();

            List<Dose> doses = contents.allFacts(Dose.class);
            assertThat(doses).filteredOn(d -> d.overrideReason() != null).hasSize(1)
                    .allMatch(d -> DOSING.preDoseBpAboveThreshold(bp(d.bpBefore())));
            assertThat(doses).filteredOn(d -> d.overrideReason() == null)
                    .noneMatch(d -> DOSING.preDoseBpAboveThreshold(bp(d.bpBefore())));
            assertThat(doses).filteredOn(d -> DOSING.notableBpRise(bp(d.bpBefore()), bp(d.bpAfter()))).hasSizeBetween(2, 8);
            assertThat(doses).filteredOn(d -> DOSING.monitoringTooShort(d.monitoringMinutes()))
                    .hasSizeBetween(1, doses.size() / 20);
            assertThat(doses).filteredOn(d -> !DOSING.monitoringTooShort(d.monitoringMinutes()))
                    .allMatch(d -> d.monitoringMinutes() <= 155);
        }

        @Test
        void three_to_five_corrections_each_with_a_reason_changing_at_least_one_item() {
            assertThat(contents.allFacts(Correction.class)).hasSizeBetween(3, 5);
            for (String subject : contents.subjects()) {
                Map<String, SortedItems> current = new java.util.HashMap<>();
                for (Entry e : contents.entries(subject)) {
                    if (e.fact() instanceof Assessment a) {
                        current.put(a.assessmentId(), new SortedItems(a.items()));
                    } else if (e.fact() instanceof Correction c) {
                        assertThat(c.reason()).isNotBlank();
                        assertThat(current).containsKey(c.assessmentId());
                        assertThat(c.items()).isNotEqualTo(current.get(c.assessmentId()).items());
                        assertThat(c.items().keySet()).isEqualTo(current.get(c.assessmentId()).items().keySet());
                        current.put(c.assessmentId(), new SortedItems(c.items()));
                    }
                }
            }
        }

        @Test
        void some_visits_fall_outside_their_window() {
            int outside = 0;
            for (String subject : contents.subjects()) {
                Optional<LocalDate> firstDose = contents.firstDoseDate(subject);
                Set<String> seen = new HashSet<>();
                for (FormState f : contents.forms(subject).values()) {
                    Assessment a = f.original();
                    if (f.retracted() || a.visit() == null || !seen.add(a.visit())) {
                        continue;
                    }
                    LocalDate date = a.administeredAt().toLocalDate();
                    boolean inWindow = a.visit().equals("T0")
                            ? firstDose.isEmpty() || !date.isAfter(firstDose.get())
                            : PROTOCOL.isInWindow(a.visit(), StudyDays.of(firstDose.orElseThrow(), date));
                    if (!inWindow) {
                        outside++;
                    }
                }
            }
            assertThat(outside).isBetween(2, 5);
            assertThat(CohortStatistics.of(plan).outOfWindowVisits()).isEqualTo(outside);
        }

        @Test
        void every_scheduled_instrument_is_recorded_at_each_attended_visit_and_T0_precedes_the_first_dose() {
            for (String subject : contents.subjects()) {
                Map<String, Set<String>> byVisit = new java.util.TreeMap<>();
                contents.forms(subject).values().stream().filter(f -> !f.retracted() && f.original().visit() != null)
                        .forEach(f -> byVisit.computeIfAbsent(f.original().visit(), v -> new HashSet<>()).add(f.original().instrument()));
                assertThat(byVisit).containsKey("T0");
                for (Map.Entry<String, Set<String>> visit : byVisit.entrySet()) {
                    Visit v = PROTOCOL.visit(visit.getKey()).orElseThrow();
                    assertThat(visit.getValue()).as(subject + " " + visit.getKey()).isEqualTo(v.instruments());
                }
                if (contents.facts(subject, FollowUpCompletion.class).size() == 1) {
                    assertThat(byVisit.keySet()).containsExactlyInAnyOrder("T0", "W1", "M1", "M2", "M3", "M6");
                }
                LocalDate t0 = contents.visitForm(subject, "T0", "MADRS").orElseThrow().original().administeredAt().toLocalDate();
                assertThat(t0).isBeforeOrEqualTo(contents.firstDoseDate(subject).orElseThrow());
            }
        }

        @Test
        void every_form_in_the_plan_is_valid_for_the_scoring_engine() {
            ScoringEngine engine = ScoringEngine.standard();
            List<Assessment> forms = contents.allFacts(Assessment.class);
            assertThat(forms).extracting(Assessment::instrument)
                    .contains("MADRS", "RFQ8", "PSYCHACHE", "CSSRS", "RMET", "AAQ2", "CADSS");
            for (Assessment a : forms) {
                ScoringResult result = engine.score(new InstrumentRef(a.instrument(), a.instrumentVersion()), a.items());
                assertThat(result.problems()).as(a.assessmentId()).isEmpty();
            }
            for (String subject : contents.subjects()) {
                for (FormState f : contents.forms(subject).values()) {
                    assertThat(engine.score(new InstrumentRef(f.original().instrument(), "1"), f.items()).problems()).isEmpty();
                }
            }
            assertThat(forms).filteredOn(a -> a.instrument().equals("MADRS"))
                    .allMatch(a -> a.items().size() == 10 && a.items().values().stream().allMatch(v -> v >= 0 && v <= 6));
        }

        @Test
        void cadss_follows_every_administered_session_mostly_low() {
            List<Assessment> cadss = contents.allFacts(Assessment.class).stream()
                    .filter(a -> a.instrument().equals("CADSS")).toList();
            assertThat(cadss).hasSize(contents.allFacts(Dose.class).size())
                    .allMatch(a -> a.visit() == null && a.doseSession() != null);
            long above4 = cadss.stream().filter(a -> total(a.items()) > 4).count();
            assertThat(above4).isPositive().isLessThan(cadss.size() / 3);
        }

        @Test
        void doses_follow_the_label_and_sessions_strictly_increase_in_time() {
            for (String subject : contents.subjects()) {
                Enrolment enrolment = contents.enrolment(subject).orElseThrow();
                int age = enrolment.enrolmentDate().getYear() - enrolment.birthYear();
                List<Dose> doses = contents.facts(subject, Dose.class);
                assertThat(doses).isNotEmpty();
                assertThat(doses.get(0).doseMg()).isEqualTo(DOSING.startingDoseMg(age));
                for (Dose d : doses) {
                    assertThat(d.doseMg()).isIn(age >= 65 ? List.of(28, 56, 84) : List.of(56, 84));
                    assertThat(d.devices()).isEqualTo(d.doseMg() / 28);
                }
                List<OffsetDateTime> sessions = new ArrayList<>();
                for (Entry e : contents.entries(subject)) {
                    if (e.fact() instanceof Dose d) {
                        sessions.add(d.administeredAt());
                    } else if (e.fact() instanceof WithheldDose w) {
                        sessions.add(w.decidedAt());
                    }
                }
                for (int i = 1; i < sessions.size(); i++) {
                    assertThat(sessions.get(i).toInstant()).isAfter(sessions.get(i - 1).toInstant());
                }
                if (contents.facts(subject, FollowUpCompletion.class).size() == 1) {
                    assertThat(sessions.size()).isGreaterThanOrEqualTo(16);
                }
            }
            assertThat(contents.allFacts(Dose.class)).extracting(Dose::doseMg).contains(56, 84);
        }

        @Test
        void nothing_lies_in_the_future_or_before_the_subjects_enrolment() {
            ZoneId zone = ZoneId.of("Europe/Rome");
            assertThat(plan.requests()).allMatch(r -> LocalDate.ofInstant(r.at(), zone).isBefore(TODAY));
            for (String subject : contents.subjects()) {
                LocalDate enrolment = contents.enrolment(subject).orElseThrow().enrolmentDate();
                assertThat(enrolment).isBetween(LocalDate.of(2025, 9, 1), LocalDate.of(2026, 3, 31));
                for (Entry e : contents.entries(subject)) {
                    for (LocalDate date : dates(e)) {
                        assertThat(date).as(subject + " " + e.request().step()).isBetween(enrolment, TODAY.minusDays(1));
                    }
                    if (!e.viaCsv() || e.fact() instanceof Assessment) {
                        assertThat(LocalDate.ofInstant(e.request().at(), zone)).isAfterOrEqualTo(
                                e.fact() instanceof Enrolment ? enrolment.minusDays(6) : enrolment);
                    }
                }
            }
        }

        @Test
        void lower_baseline_mentalization_goes_with_higher_baseline_madrs_and_about_half_respond() {
            CohortStatistics stats = CohortStatistics.of(plan);

            assertThat(stats.baselineRfqUMadrsCorrelation()).isGreaterThan(0.3);
            assertThat(stats.respondersM6().of()).isEqualTo(34);
            assertThat(stats.respondersM6().fraction()).isBetween(0.30, 0.60);
            assertThat(stats.respondersM1().fraction()).isBetween(0.30, 0.60);
            assertThat(stats.remittersM6().fraction()).isBetween(0.20, 0.45);
            assertThat(contents.allFacts(Assessment.class)).filteredOn(a -> a.instrument().equals("MADRS")
                    && "T0".equals(a.visit())).allMatch(a -> total(a.items()) >= 28 && total(a.items()) <= 42);
        }

        @Test
        void a_sub_plan_for_some_centers_keeps_their_requests_unchanged() {
            CohortPlan mil = plan.forCenters(List.of("MIL"));

            assertThat(mil.centers()).containsExactly("MIL");
            assertThat(mil.requests()).isEqualTo(plan.requestsFor("MIL"));
            assertThat(mil.subjects()).hasSize(12).allMatch(s -> s.center().equals("MIL"));
            assertThat(mil.expectedEvents()).isEqualTo(plan.expectedEvents("MIL"));
        }

        @Test
        void statistics_count_what_the_plan_sends() {
            CohortStatistics stats = CohortStatistics.of(plan);

            assertThat(stats.subjects()).isEqualTo(36);
            assertThat(stats.totalEvents()).isEqualTo(plan.expectedEvents());
            assertThat(stats.eventsPerCenter().keySet()).containsExactly("PAV", "MIL", "ROM");
            assertThat(stats.discontinuations()).isEqualTo(2);
            assertThat(stats.consentWithdrawals()).isEqualTo(1);
            assertThat(stats.retractions()).isEqualTo(1);
            assertThat(stats.withheldDoses()).isEqualTo(1);
            assertThat(stats.adverseEvents()).isGreaterThan(20);
            assertThat(stats.seriousAdverseEvents()).isEqualTo(1);
            assertThat(stats.lastDate()).isBefore(TODAY);
            assertThat(stats.describe()).contains("36 subjects", "M6: responders");
        }
    }

    @Test
    void scales_to_500_subjects_over_5_centers() {
        CohortPlan big = CohortGenerator.generate(CohortOptions.defaults().withCenterCount(5).withSubjects(500));
        PlanContents bigContents = PlanContents.of(big);

        assertThat(big.centers()).hasSize(5).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z]{2,8}"));
        assertThat(bigContents.subjects()).hasSize(500).doesNotHaveDuplicates()
                .allMatch(s -> s.matches("[A-Z]{2,8}-[0-9]{3}") && !s.endsWith("-000"));
        Map<String, Long> perCenter = bigContents.subjects().stream()
                .collect(Collectors.groupingBy(s -> s.substring(0, s.indexOf('-')), Collectors.counting()));
        assertThat(perCenter).hasSize(5).allSatisfy((c, n) -> assertThat(n).isEqualTo(100L));
        assertThat(big.requests()).allSatisfy(r -> assertThat(r.center()).isIn(big.centers()));
        assertThat(CenterRules.violations(big, TODAY)).isEmpty();
        CohortStatistics stats = CohortStatistics.of(big);
        assertThat(stats.discontinuations()).isEqualTo(2 * 14);
        assertThat(stats.retractions()).isEqualTo(14);
        assertThat(stats.respondersM6().fraction()).isBetween(0.35, 0.60);
        assertThat(stats.baselineRfqUMadrsCorrelation()).isGreaterThan(0.3);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, -7, 20261126})
    void any_seed_gives_a_cohort_the_centers_accept_with_the_same_special_cases(long seed) {
        CohortPlan other = CohortGenerator.generate(CohortOptions.defaults().withSeed(seed));
        CohortStatistics stats = CohortStatistics.of(other);

        assertThat(CenterRules.violations(other, TODAY)).isEmpty();
        assertThat(stats.subjects()).isEqualTo(36);
        assertThat(stats.discontinuations()).isEqualTo(2);
        assertThat(stats.consentWithdrawals()).isEqualTo(1);
        assertThat(stats.retractions()).isEqualTo(1);
        assertThat(stats.withheldDoses()).isEqualTo(1);
        assertThat(stats.dosesWithOverride()).isEqualTo(1);
        assertThat(stats.corrections()).isEqualTo(4);
        assertThat(stats.outOfWindowVisits()).isEqualTo(3);
        assertThat(stats.respondersM6().fraction()).isBetween(0.30, 0.65);
        assertThat(stats.baselineRfqUMadrsCorrelation()).isGreaterThan(0.2);
    }

    @Test
    void generated_center_codes_are_2_to_8_upper_case_letters() {
        List<String> codes = CohortGenerator.centerCodes(800);
        assertThat(codes).startsWith("PAV", "MIL", "ROM").doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z]{2,8}"));
    }

    @Test
    void a_tiny_cohort_still_passes_the_centers_rules() {
        for (int n = 1; n <= 4; n++) {
            CohortPlan tiny = CohortGenerator.generate(CohortOptions.defaults().withCenters(List.of("PAV")).withSubjects(n));
            assertThat(CenterRules.violations(tiny, TODAY)).as("n=" + n).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    private record SortedItems(java.util.SortedMap<String, Integer> items) {
    }

    private static int total(Map<String, Integer> items) {
        return items.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static BloodPressure bp(PlanContents.BloodPressure bp) {
        return new BloodPressure(bp.systolic(), bp.diastolic());
    }

    private static List<LocalDate> dates(Entry e) {
        List<LocalDate> dates = new ArrayList<>();
        if (e.fact() instanceof Enrolment en) {
            dates.add(en.enrolmentDate());
        } else if (e.fact() instanceof Assessment a) {
            dates.add(a.administeredAt().toLocalDate());
        } else if (e.fact() instanceof Dose d) {
            dates.add(d.administeredAt().toLocalDate());
        } else if (e.fact() instanceof WithheldDose w) {
            dates.add(w.decidedAt().toLocalDate());
        } else if (e.fact() instanceof AdverseEvent ae) {
            dates.add(ae.onsetDate());
        } else if (e.fact() instanceof Discontinuation d) {
            dates.add(d.discontinuationDate());
        } else if (e.fact() instanceof FollowUpCompletion f) {
            dates.add(f.completionDate());
        }
        return dates;
    }
}
