package org.studyledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.studyledger.benchmark.load.SyntheticCohort;
import org.studyledger.benchmark.report.BenchmarkReport;
import org.studyledger.benchmark.report.Checks;
import org.studyledger.benchmark.report.ExportResult;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlanContents;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;

/**
 * The whole benchmark at a tiny scale, on real PostgreSQL, so it cannot rot: it loads a small cohort (two centers, every
 * special case of the generator), starts the hub in its own small-heap JVM, measures every export, and the report must
 * hold each export with the rows the cohort's plans say it has — counted here from the plans themselves, not from the
 * loader. The checks must hold too: each dataset the loader filled is byte for byte what the hub's own replay of the
 * ledger gives, and the hub's ledger verification (chain, hashes, scores, signatures, bookkeeping) finds nothing wrong.
 */
class ExportBenchmarkTest {
    private static final int SUBJECTS = 20;
    private static final int SUBJECTS_PER_CENTER = 10;
    /** ADQS parameters per instrument (docs/hub.md, "Parameters"); per-session forms (CADSS) are not in ADQS. */
    private static final Map<String, Integer> PARAMETERS = Map.of("MADRS", 1, "RFQ8", 2, "PSYCHACHE", 1, "CSSRS", 1,
            "RMET", 1, "AAQ2", 1);

    @Test
    void measuresEveryExportWithTheRowsTheCohortHas() throws Exception {
        TestDatabase db = TestInfrastructure.newDatabase("export-benchmark");
        Path out = Files.createDirectories(Path.of("target", "export-benchmark-test"));
        String[] args = {"--subjects", Integer.toString(SUBJECTS),
                "--subjects-per-center", Integer.toString(SUBJECTS_PER_CENTER),
                "--jdbc-url", db.jdbcUrl(), "--user", db.user(), "--password", db.password() == null ? "" : db.password(),
                "--heap", "256m", "--load-heap", "512m", "--checks", "--out", out.toString()};
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        BenchmarkReport report = new ExportBenchmark(BenchmarkOptions.parse(args), new PrintStream(console, true,
                StandardCharsets.UTF_8)).run(List.of(args)).orElseThrow();

        Expected expected = Expected.of(new SyntheticCohort(42, SUBJECTS, SUBJECTS_PER_CENTER));
        assertThat(report.load().events()).isEqualTo(expected.events);
        assertThat(report.load().signed()).isTrue();
        assertThat(report.exports()).extracting(ExportResult::export).containsExactly("ADSL Dataset-JSON",
                "ADQS Dataset-JSON", "ADEX Dataset-JSON", "ODM whole study", "ADSL CSV", "ADQS CSV", "ADEX CSV");
        for (ExportResult e : report.exports()) {
            assertThat(e.ok()).as(e.export() + ": " + e.error()).isTrue();
            assertThat(e.bytes()).as(e.export()).isPositive();
            assertThat(e.sha256Matches()).as(e.export() + " body against X-Content-SHA256").isTrue();
            assertThat(e.heap()).as(e.export()).isNotNull();
            assertThat(e.heap().maxBytes()).as(e.export() + " heap limit").isLessThanOrEqualTo(256L << 20);
            assertThat(e.heap().peakBytes()).as(e.export()).isPositive();
            long rows = switch (e.export().split(" ")[0]) {
                case "ADSL" -> SUBJECTS;
                case "ADQS" -> expected.adqs;
                case "ADEX" -> expected.adex;
                default -> expected.events;
            };
            assertThat(e.rows()).as(e.export() + " rows").isEqualTo(rows);
            assertThat(e.rowsMatch()).as(e.export()).isTrue();
            if (e.export().endsWith("Dataset-JSON")) {
                assertThat(e.declaredRecords()).as(e.export() + " records").isEqualTo(rows);
            }
        }
        ExportResult odm = report.exports().get(3);
        assertThat(odm.elements()).containsEntry("SubjectData", (long) SUBJECTS).containsEntry("FormData", expected.events);

        assertThat(report.checks().replays()).hasSize(3).allSatisfy(r -> assertThat(r.identical()).as(r.dataset()).isTrue());
        Checks.Verification verification = report.checks().verification();
        assertThat(verification.events()).isEqualTo(expected.events);
        assertThat(verification.valid()).as("verification failures %s, first other than unsigned: %s",
                verification.failures(), verification.firstOther()).isTrue();

        assertThat(out.resolve("report.json")).exists();
        assertThat(Files.readString(out.resolve("report.md"))).contains("ADQS Dataset-JSON", "ODM whole study", "ADEX CSV");
    }

    /**
     * A load stopped part-way (as by {@code --load-centers}, or by an interruption between two centers' transactions)
     * holds exactly the first centers, and the next run loads on from there: the resumed database must be what one
     * load gives, checked by the hub's own replay and verification. A run on the same load then takes the exports it
     * measured from {@code out/exports} instead of measuring them again.
     */
    @Test
    void resumesALoadStoppedPartWayAndKeepsWhatItMeasured() throws Exception {
        TestDatabase db = TestInfrastructure.newDatabase("export-benchmark-resumed");
        Path out = Files.createDirectories(Path.of("target", "export-benchmark-resumed-test"));
        List<String> common = List.of("--subjects", Integer.toString(SUBJECTS),
                "--subjects-per-center", Integer.toString(SUBJECTS_PER_CENTER),
                "--jdbc-url", db.jdbcUrl(), "--user", db.user(), "--password", db.password() == null ? "" : db.password(),
                "--heap", "256m", "--load-heap", "512m", "--exports", "adsl-dataset-json,adex-csv", "--out", out.toString());
        SyntheticCohort cohort = new SyntheticCohort(42, SUBJECTS, SUBJECTS_PER_CENTER);

        assertThat(run(common, "--load-centers", "1")).as("nothing is measured before the cohort is in").isEmpty();
        long firstCenter = cohort.plan(0).expectedEvents();
        assertThat(count(db, "SELECT count(*) FROM domain_event_entry")).isEqualTo(firstCenter);
        assertThat(count(db, "SELECT count(DISTINCT center_id) FROM ledger_head")).isEqualTo(1);

        BenchmarkReport resumed = run(common, "--checks").orElseThrow();
        Expected expected = Expected.of(cohort);
        assertThat(resumed.reused()).isFalse();
        assertThat(resumed.load().resumedCenters()).isEqualTo(1);
        assertThat(resumed.load().loadedEvents()).isEqualTo(expected.events - firstCenter);
        assertThat(resumed.load().events()).isEqualTo(expected.events);
        assertThat(resumed.load().adqsRows()).isEqualTo(expected.adqs);
        assertThat(resumed.checks().replays()).hasSize(3)
                .allSatisfy(r -> assertThat(r.identical()).as(r.dataset()).isTrue());
        assertThat(resumed.checks().verification().valid()).as("%s", resumed.checks().verification()).isTrue();
        assertThat(resumed.exports()).extracting(ExportResult::rows).containsExactly((long) SUBJECTS, expected.adex);

        BenchmarkReport again = run(common).orElseThrow();
        assertThat(again.reused()).isTrue();
        assertThat(again.exports()).as("taken from the earlier run, not measured again")
                .extracting(ExportResult::measuredAt)
                .containsExactlyElementsOf(resumed.exports().stream().map(ExportResult::measuredAt).toList());

        BenchmarkReport remeasured = run(common, "--remeasure").orElseThrow();
        assertThat(remeasured.exports()).extracting(ExportResult::measuredAt)
                .allSatisfy(at -> assertThat(at).isAfter(again.exports().get(1).measuredAt()));
    }

    private static java.util.Optional<BenchmarkReport> run(List<String> common, String... more) throws Exception {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(more));
        return new ExportBenchmark(BenchmarkOptions.parse(args.toArray(String[]::new)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(args);
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the cohort's plans hold, read from the plans: events, ADQS rows (current visit forms), ADEX rows (sessions). */
    private record Expected(long events, long adqs, long adex) {
        static Expected of(SyntheticCohort cohort) {
            long events = 0;
            long adqs = 0;
            long adex = 0;
            for (int i = 0; i < cohort.centers(); i++) {
                CohortPlan plan = cohort.plan(i);
                events += plan.expectedEvents();
                PlanContents contents = PlanContents.of(plan);
                for (String subject : contents.subjects()) {
                    adex += contents.facts(subject, PlanContents.Dose.class).size()
                            + contents.facts(subject, PlanContents.WithheldDose.class).size();
                    List<PlanContents.FormState> current = new ArrayList<>(contents.forms(subject).values());
                    current.removeIf(f -> f.retracted() || f.original().visit() == null);
                    for (PlanContents.FormState f : current) {
                        adqs += PARAMETERS.getOrDefault(f.original().instrument(), 0);
                    }
                }
            }
            return new Expected(events, adqs, adex);
        }
    }
}
