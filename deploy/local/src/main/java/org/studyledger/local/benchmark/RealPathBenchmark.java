package org.studyledger.local.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.studyledger.cohort.model.CohortGenerator;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.hub.ledger.LedgerConsumer;
import org.studyledger.local.HubClient;
import org.studyledger.local.LoadAverage;
import org.studyledger.local.LocalPlatform;
import org.studyledger.local.PlatformOptions;
import org.studyledger.local.StageWatch;

/**
 * {@code studyledger --benchmark}: the local platform started fresh, the synthetic cohort recorded through the centers'
 * REST and CSV intake by concurrent clients (one per center), and every stage of the product's own path timed — the
 * centers' intake, their outboxes draining to Kafka, the hub's ledger taking the events (its consumer held back until
 * the outboxes have drained, so its rate is its own), each projection catching up; then freshness at a fixed offered
 * load, a rebuild of every projection, every dataset read live and as of a few positions, the exports, and a raw
 * PostgreSQL {@code COPY} of the same ledger rows, in the same run, as the yardstick. Writes {@code report.md} and
 * {@code report.json} to the report directory.
 */
public final class RealPathBenchmark {
    /** How often the stage watch looks at the services' status. */
    static final Duration WATCH_EVERY = Duration.ofMillis(500);
    public static final String USAGE = """
            Usage: studyledger --benchmark [benchmark options] [platform options]
              --subjects N          synthetic subjects (default 1000; at most 999 per center)
              --batch N             REST writes per request in the intake: 1 sends each alone, more sends a
                                    center's consecutive writes as batches (POST /api/v1/events:batch; default 100)
              --rate R              offered load of the freshness run, events/s (default 200)
              --seconds S           duration of the freshness run (default 30)
              --clients-per-center C  concurrent clients per center in the freshness run (default 4)
              --csv-subjects N      new subjects the centers import as large CSV files after the other stages
                                    (an enrolment file, then one of their MADRS at six visits: 7 rows each;
                                    default: up to 200 per center, as many as the ids above the cohort's and
                                    the freshness run's leave)
              --positions P         ledger positions each dataset is read as of, spread up to the head (default 3)
              --report-dir DIR      where report.md and report.json go (default target/real-path-benchmark);
                                    the platform's data goes to DIR/data unless --data-dir says otherwise
            The platform always starts fresh and loads the cohort itself. Platform options: studyledger --help.
            """;
    static final String INTAKE = "center intake (REST + CSV)";
    static final String CSV = "center CSV import";
    static final String REST = "center REST writes";
    static final String CSV_LARGE = "center CSV import (large files)";
    static final String OUTBOX = "outbox → Kafka";
    static final String LEDGER = "hub ledger";
    static final String PROJECTION = "projection ";
    static final String REBUILD = "rebuild (all projections)";
    static final String REBUILD_ONE = "rebuild ";
    static final String ODM = "export ODM";
    static final String EXPORT = "export ";
    static final String COPY = "PostgreSQL COPY";
    /** The demo account the full ODM export (with its audit records, the auditors' to read) is read as. */
    private static final String AUDITOR = "hub-" + org.studyledger.kernel.access.Role.AUDITOR.value();

    /**
     * @param rate             offered load of the freshness run, events/s
     * @param seconds          its duration
     * @param clientsPerCenter its concurrent clients per center
     * @param positions        ledger positions every dataset is read as of
     * @param reportDir        where the report goes
     * @param batch            REST writes per request in the intake (1: one per request)
     * @param csvSubjects      new subjects imported as large CSV files, over all centers; 0: as many as fit, up to
     *                         {@value LargeCsvImport#DEFAULT_PER_CENTER} per center
     */
    public record Settings(double rate, int seconds, int clientsPerCenter, int positions, Path reportDir, int batch,
                           int csvSubjects) {
        public Settings {
            if (rate <= 0 || seconds < 1 || clientsPerCenter < 1 || positions < 1 || batch < 1 || batch > 500
                    || csvSubjects < 0) {
                throw new IllegalArgumentException("rate, seconds, clients per center and positions must be positive,"
                        + " a batch 1 to 500 writes, the CSV subjects not negative");
            }
        }

        public Settings(double rate, int seconds, int clientsPerCenter, int positions, Path reportDir, int batch) {
            this(rate, seconds, clientsPerCenter, positions, reportDir, batch, 0);
        }
    }

    private RealPathBenchmark() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        double rate = 200;
        int seconds = 30;
        int clients = 4;
        int positions = 3;
        int batch = 100;
        int csvSubjects = 0;
        Path reportDir = Path.of("target", "real-path-benchmark");
        boolean subjects = false;
        boolean dataDir = false;
        List<String> platform = new ArrayList<>();
        List<String> rest = new ArrayList<>(List.of(args));
        try {
            while (!rest.isEmpty()) {
                String flag = rest.remove(0);
                switch (flag) {
                    case "--rate" -> rate = Double.parseDouble(value(flag, rest));
                    case "--seconds" -> seconds = Integer.parseInt(value(flag, rest));
                    case "--clients-per-center" -> clients = Integer.parseInt(value(flag, rest));
                    case "--positions" -> positions = Integer.parseInt(value(flag, rest));
                    case "--batch" -> batch = Integer.parseInt(value(flag, rest));
                    case "--csv-subjects" -> csvSubjects = Integer.parseInt(value(flag, rest));
                    case "--report-dir" -> reportDir = Path.of(value(flag, rest));
                    default -> {
                        subjects |= flag.equals("--subjects");
                        dataDir |= flag.equals("--data-dir");
                        platform.add(flag);
                    }
                }
            }
            if (!subjects) {
                platform.addAll(List.of("--subjects", "1000"));
            }
            if (!dataDir) {
                platform.addAll(List.of("--data-dir", reportDir.resolve("data").toString()));
            }
            platform.addAll(List.of("--fresh", "--no-load"));
            PlatformOptions options = PlatformOptions.parse(platform.toArray(String[]::new), System.getenv());
            Settings settings = new Settings(rate, seconds, clients, positions, reportDir.toAbsolutePath(), batch,
                    csvSubjects);
            RealPathReport report = run(options, settings, System.out);
            System.out.println();
            System.out.print(report.markdown());
            System.out.println("\nreport: " + settings.reportDir().resolve("report.md") + ", "
                    + settings.reportDir().resolve("report.json"));
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("the benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }

    /** One whole run on a platform started for it (and stopped after); the report is also written to its directory. */
    public static RealPathReport run(PlatformOptions options, Settings settings, PrintStream out) throws Exception {
        String loadAtStart = LoadAverage.now();
        int firstFresh = (options.subjects() + options.centers().size() - 1) / options.centers().size() + 1;
        // The large-file CSV stage takes the ids above the cohort's and the freshness run's; checked before anything starts.
        int lastFresh = FreshnessProbe.lastSubject(settings.rate(), settings.seconds(), options.centers().size(), firstFresh);
        Map<String, Integer> csvSubjects = settings.csvSubjects() > 0
                ? LargeCsvImport.spread(options.centers(), settings.csvSubjects())
                : LargeCsvImport.spread(options.centers(), LargeCsvImport.defaultPerCenter(lastFresh) * options.centers().size());
        csvSubjects.values().forEach(n -> LargeCsvImport.checkFits(n, lastFresh));
        if (csvSubjects.values().stream().allMatch(n -> n == 0)) {
            throw new IllegalArgumentException("no subject ids are free for the CSV import stage (the cohort and the"
                    + " freshness run take <CENTER>-001 .. " + lastFresh + "); lower --subjects, --rate or --seconds");
        }
        try (LocalPlatform platform = LocalPlatform.start(options, out)) {
            HubClient client = platform.client();
            String hub = platform.hubUrl();
            Map<String, URI> centers = new LinkedHashMap<>();
            platform.centerUrls().forEach((c, url) -> centers.put(c, URI.create(url)));
            LedgerConsumer consumer = platform.hubContext().getBean(LedgerConsumer.class);
            List<RealPathReport.Stage> stages = new ArrayList<>();

            CohortPlan plan = CohortGenerator.generate(options.seed(), options.centers(), options.subjects());
            out.printf("intake: %d subjects, %d requests, %d events through the centers' REST and CSV intake …%n",
                    options.subjects(), plan.requests().size(), plan.expectedEvents());
            consumer.stop();
            StageWatch.Sample settled;
            StageWatch.StageTimes times;
            double consumerStarted;
            CenterIntake.Result intake;
            List<StageWatch.Sample> samples;
            // Every half second: a stage lasts minutes, and each look is a request to every center and two to the hub, which
            // at ten looks a second took a twentieth of the machine from the stages it measured.
            try (StageWatch watch = StageWatch.start(client, platform.centerUrls(), hub, WATCH_EVERY)) {
                double intakeStarted = watch.now();
                intake = CenterIntake.run(plan, centers, platform.loaderTokens(), settings.batch());
                String intakeLoad = LoadAverage.now();
                keep(stages, out, stage(INTAKE, intake.events(), intake.wallSeconds(), intakeLoad,
                        intake.clients() + " concurrent clients, one per center"));
                keep(stages, out, stage(CSV, intake.csvEvents(), intake.csvSeconds() / intake.clients(), intakeLoad,
                        "each client's rate while importing, times the clients"));
                keep(stages, out, stage(REST, intake.restWrites(), intake.restSeconds() / intake.clients(), intakeLoad,
                        (settings.batch() == 1 ? "one write per request" : "batches of up to " + settings.batch()
                                + " writes") + "; each client's rate while writing, times the clients"));
                out.printf("intake done in %.1f s; waiting for the outboxes …%n", intake.wallSeconds());
                watch.await(s -> s.published() >= s.stored() && s.stored() >= intake.events(), Duration.ofMinutes(30),
                        "the centers publishing every event");
                consumerStarted = watch.now();
                out.println("outboxes drained; the hub's ledger consumer starts …");
                consumer.start();
                settled = watch.await(StageWatch::settled, Duration.ofMinutes(60), "the hub taking and projecting every event");
                times = watch.times(settled);
                keep(stages, out, stage(OUTBOX, settled.stored(), times.published() - intakeStarted, watch.loadAt(times.published()),
                        "from the intake's start, while it ran"));
                keep(stages, out, stage(LEDGER, settled.stored(), times.ledger() - consumerStarted, watch.loadAt(times.ledger()),
                        "from the consumer's start, topics filled beforehand, projections running"));
                times.projections().forEach((name, at) -> keep(stages, out, stage(PROJECTION + name, settled.stored(),
                        at - consumerStarted, watch.loadAt(at), "caught up, from the consumer's start")));
                samples = watch.samples();
            }
            out.printf("every event in the ledger and every projection (%d samples); freshness at %.0f events/s for %d s …%n",
                    samples.size(), settings.rate(), settings.seconds());

            Supplier<Connection> hubDatabase = () -> {
                try {
                    return platform.postgres().connect(LocalPlatform.HUB_DATABASE);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot connect to the hub's database: " + e.getMessage(), e);
                }
            };
            FreshnessProbe.Result fresh = new FreshnessProbe(centers, platform.loaderTokens(), client, hub, hubDatabase)
                    .run(settings.rate(), settings.seconds(), settings.clientsPerCenter(), firstFresh);
            RealPathReport.Freshness freshness = new RealPathReport.Freshness(fresh.offeredPerSecond(),
                    fresh.achievedPerSecond(), fresh.writes(), fresh.clients(), fresh.seconds(), fresh.pollMillis(),
                    fresh.percentiles(), fresh.unseen(), LoadAverage.now());
            out.println("  freshness: " + freshness.line());

            out.println("rebuilding every projection …");
            long ledger = client.get(hub + "/api/v1/ledger/status").get("events").asLong();
            RebuildRun.Result rebuild = RebuildRun.run(client, hub);
            keep(stages, out, stage(REBUILD, ledger, rebuild.seconds(), rebuild.loadAverage(),
                    "the hub's rebuild endpoint: stop, reset, replay every projection"));
            rebuild.projections().forEach((name, t) -> keep(stages, out, stage(REBUILD_ONE + name, ledger, t[1], rebuild.loadAverage(),
                    Double.isNaN(t[0]) ? "" : String.format(Locale.ROOT, "second half of the ledger at %.2f× the first half's rate",
                            RebuildRun.Result.linearity(t)))));

            out.println("reading every dataset live and as of " + settings.positions() + " positions, and the exports …");
            long head = client.get(hub + "/api/v1/admin/projections").get("head").asLong();
            List<DatasetReads.Read> reads = DatasetReads.read(client, hub, head, settings.positions());
            DatasetReads.Odm odm = DatasetReads.odm(platform.hubClientAs(AUDITOR), hub);
            String readsLoad = LoadAverage.now();
            keep(stages, out, stage(ODM, ledger, odm.millis() / 1000, readsLoad, odm.bytes() + " bytes, with audit records"));
            for (String format : DatasetReads.FORMATS) {
                double millis = reads.stream().filter(r -> r.format().equals(format)).mapToDouble(DatasetReads.Read::liveMillis).sum();
                long bytes = reads.stream().filter(r -> r.format().equals(format)).mapToLong(DatasetReads.Read::bytes).sum();
                keep(stages, out, stage(EXPORT + format + " (adsl + adqs + adex)", ledger, millis / 1000, readsLoad, bytes + " bytes"));
            }

            out.println("the yardstick: COPY of the ledger's rows …");
            CopyYardstick.Result copy;
            try (Connection connection = hubDatabase.get()) {
                copy = CopyYardstick.copyEventRows(connection);
            }
            keep(stages, out, stage(COPY, copy.rows(), copy.seconds(), LoadAverage.now(), "the same event rows, raw"));

            // Last, so that every other stage measures exactly what it measured without it.
            int csvTotal = csvSubjects.values().stream().mapToInt(Integer::intValue).sum();
            out.printf("the centers import large CSV files: %d new subjects, %d rows …%n", csvTotal,
                    csvTotal * LargeCsvImport.EVENTS_PER_SUBJECT);
            LargeCsvImport.Result large = LargeCsvImport.run(centers, platform.loaderTokens(), csvSubjects);
            keep(stages, out, stage(CSV_LARGE, large.events(), large.seconds() / large.clients(), LoadAverage.now(),
                    large.files() + " files, " + large.rows() + " rows (" + csvTotal + " new subjects' enrolments, then"
                    + " their MADRS at six visits); each client's rate while importing, times the clients"));
            long ledgerAtEnd = awaitLedger(client, hub, ledger + large.events());
            List<RealPathReport.Stage> relative = stages.stream().map(s -> new RealPathReport.Stage(s.name(), s.events(),
                    s.seconds(), s.perSecond(), s.perSecond() / copy.rowsPerSecond(), s.loadAverage(), s.note())).toList();
            RealPathReport.Run run = new RealPathReport.Run(options.subjects(), options.centers(), options.seed(),
                    settled.stored(), ledger, Runtime.getRuntime().availableProcessors(), loadAtStart, copy.rows(),
                    copy.seconds(), copy.rowsPerSecond(), large.events(), ledgerAtEnd);
            RealPathReport report = new RealPathReport(run, relative, freshness, reads,
                    targets(relative, freshness, reads, rebuild, copy));
            report.write(settings.reportDir());
            return report;
        }
    }

    /** Waits for the hub's ledger to hold {@code events}; the large CSV files' events must reach it, as every other's. */
    private static long awaitLedger(HubClient client, String hub, long events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long now;
        while ((now = client.get(hub + "/api/v1/ledger/status").get("events").asLong()) < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub's ledger holds " + now + " events, not the " + events
                        + " recorded, 30 minutes after the CSV import");
            }
            Thread.sleep(200);
        }
        return now;
    }

    /** Keeps a stage and prints it at once, so that a run that dies later (a long one) has not lost what it measured. */
    private static void keep(List<RealPathReport.Stage> stages, PrintStream out, RealPathReport.Stage stage) {
        stages.add(stage);
        out.printf(Locale.ROOT, "  %s: %d events in %.2f s = %.0f events/s (load average %s)%s%n", stage.name(), stage.events(),
                stage.seconds(), stage.perSecond(), stage.loadAverage(), stage.note().isEmpty() ? "" : "; " + stage.note());
    }

    private static RealPathReport.Stage stage(String name, long events, double seconds, String load, String note) {
        return new RealPathReport.Stage(name, events, seconds, events / seconds, Double.NaN, load, note);
    }

    private static List<RealPathReport.Target> targets(List<RealPathReport.Stage> stages, RealPathReport.Freshness freshness,
                                                       List<DatasetReads.Read> reads, RebuildRun.Result rebuild,
                                                       CopyYardstick.Result copy) {
        Map<String, RealPathReport.Stage> by = new LinkedHashMap<>();
        stages.forEach(s -> by.put(s.name(), s));
        List<RealPathReport.Target> targets = new ArrayList<>();
        targets.add(rate("hub ledger intake", by.get(LEDGER), 2_000));
        targets.add(rate("CSV import (large files)", by.get(CSV_LARGE), 1_000));
        targets.add(rate("REST writes, concurrent clients", by.get(REST), 200));
        RealPathReport.Stage all = by.get(REBUILD);
        double worstLinearity = rebuild.projections().values().stream().filter(t -> !Double.isNaN(t[0]))
                .mapToDouble(RebuildRun.Result::linearity).min().orElse(Double.NaN);
        targets.add(new RealPathReport.Target("rebuild of all projections", "≥ 5 000 events/s, ≥ 20 % of COPY, linear"
                + " (second half of the ledger at ≥ 0.8× the first half's rate)", String.format(Locale.ROOT,
                "%.0f events/s, %.1f %% of COPY, second half at %.2f× (slowest projection)", all.perSecond(),
                100 * all.perSecond() / copy.rowsPerSecond(), worstLinearity), all.perSecond() >= 5_000
                && all.perSecond() >= 0.2 * copy.rowsPerSecond() && !(worstLinearity < 0.8)));
        double p99 = freshness.stages().values().stream().mapToDouble(p -> p[2]).max().orElse(Double.NaN);
        targets.add(new RealPathReport.Target("freshness p99, center → every projection",
                "≤ 1 000 ms at 200 events/s", String.format(Locale.ROOT, "%.0f ms at %.0f events/s offered (%.0f achieved)",
                p99, freshness.offeredPerSecond(), freshness.achievedPerSecond()), p99 <= 1_000
                && freshness.offeredPerSecond() >= 200 && freshness.unseen().values().stream().allMatch(u -> u == 0)));
        double asOf = reads.stream().mapToDouble(DatasetReads.Read::asOfRatio).max().orElse(Double.NaN);
        targets.add(new RealPathReport.Target("as-of read at the head ÷ live read", "≤ 3", String.format(Locale.ROOT,
                "%.2f (worst dataset and format)", asOf), asOf <= 3));
        targets.add(rate("ODM export", by.get(ODM), 20_000));
        RealPathReport.Stage csv = by.get(EXPORT + "csv (adsl + adqs + adex)");
        RealPathReport.Stage datasetJson = by.get(EXPORT + "dataset-json (adsl + adqs + adex)");
        targets.add(new RealPathReport.Target("CSV export rate ≥ Dataset-JSON export rate", "CSV ≥ Dataset-JSON",
                String.format(Locale.ROOT, "%.0f vs %.0f events/s", csv.perSecond(), datasetJson.perSecond()),
                csv.perSecond() >= datasetJson.perSecond()));
        return targets;
    }

    private static RealPathReport.Target rate(String what, RealPathReport.Stage stage, double wanted) {
        return new RealPathReport.Target(what, String.format(Locale.ROOT, "≥ %,.0f events/s", wanted),
                String.format(Locale.ROOT, "%.0f events/s", stage.perSecond()), stage.perSecond() >= wanted);
    }
}
