package org.studyledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.studyledger.benchmark.load.LoadSummary;
import org.studyledger.benchmark.report.BenchmarkReport;
import org.studyledger.benchmark.report.Checks;
import org.studyledger.benchmark.report.ExportResult;
import org.studyledger.benchmark.report.HeapUsage;
import org.studyledger.benchmark.report.Json;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.identity.TokenIssuer;

/**
 * The export benchmark (docs/benchmarks.md). Prepares a hub database holding the synthetic cohort (loading it in a
 * JVM of its own when the database does not hold it yet), starts the study hub in a JVM with a small fixed heap, and
 * requests each export over HTTP, measuring time, bytes, rows and the hub's heap; then writes
 * {@code report.json} and {@code report.md}.
 *
 * <p>{@code java -jar export-benchmark.jar hub …} is the hub JVM itself ({@link HubProcess}); the benchmark starts it.
 */
public final class ExportBenchmark {
    static final String HUB_COMMAND = "hub";
    private static final Duration LOAD_PATIENCE = Duration.ofHours(12);
    private static final Duration START_PATIENCE = Duration.ofMinutes(10);
    private static final Duration COMMAND_PATIENCE = Duration.ofMinutes(5);

    private final BenchmarkOptions options;
    private final PrintStream out;
    private int hubStarts;

    public ExportBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(HUB_COMMAND)) {
            HubProcess.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Optional<BenchmarkReport> measured = new ExportBenchmark(options, System.out).run(List.of(args));
            if (measured.isEmpty()) {
                System.exit(0);
                return;
            }
            BenchmarkReport report = measured.get();
            System.out.println();
            System.out.print(report.markdown());
            System.out.println();
            System.out.println("report: " + options.out().resolve("report.json") + ", " + options.out().resolve("report.md"));
            System.exit(0);
        } catch (RuntimeException | SQLException e) {
            System.err.println("export benchmark failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Runs the benchmark and writes the report into {@link BenchmarkOptions#out()}; empty when the load stopped before
     * the whole cohort was in ({@link BenchmarkOptions#loadCenters()}), and nothing was measured.
     */
    public Optional<BenchmarkReport> run(List<String> arguments) throws SQLException {
        Instant startedAt = Instant.now();
        createDirectories(options.out());
        BenchmarkDatabase database = new BenchmarkDatabase(options);
        Optional<LoadSummary> earlier = database.prepare();
        LoadSummary load;
        if (earlier.isPresent()) {
            load = earlier.get();
            out.printf("database %s already holds the cohort (%,d events); not loading again%n", options.databaseUrl(),
                    load.events());
        } else {
            if (database.contents() == BenchmarkDatabase.Contents.EMPTY) {
                deleteKeys();
            }
            load = load();
            if (!load.complete()) {
                out.printf("the database holds %,d of %,d centers; nothing measured (run again to load on)%n",
                        load.centers() - load.remainingCenters(), load.centers());
                return Optional.empty();
            }
            database.markLoaded(load);
        }
        BenchmarkReport.Database described = database.describe();
        out.printf("database %s: %,d MiB (ledger table %,d MiB)%n", described.name(), described.sizeBytes() >> 20,
                described.ledgerBytes() >> 20);

        List<ExportResult> results = new ArrayList<>();
        MeasuredExports measured = new MeasuredExports(options.out().resolve("exports"), fingerprint(load));
        HubProcess.Ready ready;
        Checks checks = null;
        HubChild hub = startHub();
        try {
            ready = Json.read(hub.await("READY", START_PATIENCE), HubProcess.Ready.class);
            out.printf("hub JVM %d serving on port %d (heap limit %,d MiB, %s), started in %.1f s%n", ready.pid(), ready.port(),
                    ready.heapMaxBytes() >> 20, String.join(" + ", ready.collectors()), ready.startMillis() / 1000.0);
            for (Export export : options.exports()) {
                Optional<ExportResult> kept = options.remeasure() ? Optional.empty() : measured.find(export);
                if (kept.isPresent()) {
                    out.printf("%s: measured by an earlier run at %s, not again (--remeasure to measure it again)%n",
                            export.title(), kept.get().measuredAt());
                    results.add(kept.get());
                    continue;
                }
                ExportClient client = new ExportClient(ready.port(), this::token);
                ExportResult result = measure(hub, client, export, load);
                boolean serving = hub.alive() && client.healthy();
                if (!serving) {
                    result = withRestart(result);
                }
                results.add(result);
                measured.keep(export, result);
                report(result);
                if (!serving) {
                    out.println("  the hub no longer serves; starting it again for the next export");
                    hub.close();
                    hub = startHub();
                    ready = Json.read(hub.await("READY", START_PATIENCE), HubProcess.Ready.class);
                }
            }
            if (options.runChecks()) {
                checks = checks(new ExportClient(ready.port(), this::token), results);
            }
        } finally {
            hub.close();
            if (issuer != null) {
                issuer.close();
                issuer = null;
            }
        }
        BenchmarkReport report = new BenchmarkReport(startedAt, arguments, machine(), new BenchmarkReport.Cohort(
                options.cohort().seed(), options.cohort().subjects(), options.cohort().subjectsPerCenter(),
                options.cohort().centers()), load, earlier.isPresent(), described,
                new BenchmarkReport.Hub(ready.heapMaxBytes(), options.heap(), ready.collectors(), ready.startMillis(), hubStarts,
                        ready.jvm(), options.hubProperties()), results, checks);
        write(options.out().resolve("report.json"), Json.pretty(report));
        write(options.out().resolve("report.md"), report.markdown());
        return Optional.of(report);
    }

    /**
     * What makes an export's measurement comparable: the same load (a database loaded again, or another database, has
     * another summary: the load's durations differ), heap and hub settings.
     */
    private String fingerprint(LoadSummary load) {
        return String.join(" ", options.databaseUrl(), options.cohort().toString(), "-Xmx" + options.heap(),
                String.join(",", options.hubProperties()), Json.line(load));
    }

    private LoadSummary load() {
        out.printf("loading %,d subjects (%d centers) into %s with -Xmx%s …%n", options.cohort().subjects(),
                options.cohort().centers(), options.databaseUrl(), options.loadHeap());
        HubSettings settings = settings(HubSettings.Mode.LOAD, "hub-load.log");
        try (HubChild loader = HubChild.start(settings, options.loadHeap(), options.out().resolve("hub-load.console.log"))) {
            LoadSummary summary = Json.read(loader.await("LOADED", LOAD_PATIENCE, line -> out.println("  " + line)),
                    LoadSummary.class);
            out.printf("loaded %,d events in %.1f s (%,.0f events/s)%s%n", summary.loadedEvents(),
                    summary.millis() / 1000.0, summary.eventsPerSecond(), summary.resumedCenters() == 0 ? ""
                            : " after the " + summary.resumedCenters() + " centers an earlier, interrupted load had written");
            return summary;
        }
    }

    private HubChild startHub() {
        hubStarts++;
        return HubChild.start(settings(HubSettings.Mode.SERVE, "hub.log"), options.heap(),
                options.out().resolve("hub.console.log"));
    }

    private HubSettings settings(HubSettings.Mode mode, String log) {
        List<String> properties = new ArrayList<>();
        if (mode == HubSettings.Mode.SERVE) {
            properties.addAll(options.hubProperties());
            issuer().settings(HUB_AUDIENCE).forEach((k, v) -> properties.add(k + "=" + v));
        }
        return new HubSettings(mode, options.databaseUrl(), options.user(), options.password(), options.out().resolve(log),
                options.cohort(), options.loadThreads(), options.loadCenters(), options.sign(), keys(), properties);
    }

    /**
     * The benchmark's own token issuer, started with the first hub it serves: the measured hub accepts its tokens, and
     * the benchmark reads every export as a caller with the analyst's and the auditor's roles.
     */
    private TokenIssuer issuer() {
        if (issuer == null) {
            issuer = TokenIssuer.start();
        }
        return issuer;
    }

    private String token() {
        return issuer().token(READER, HUB_AUDIENCE);
    }

    /** The registered keys of the loaded centers: written by the load, read by the hub. */
    /** The hub's audience, as its configuration names it. */
    static final String HUB_AUDIENCE = "studyledger-hub";
    /** Who reads the exports: the analysts' files and the auditors' (the ledger, ODM with audit records). */
    private static final Identity READER = Identity.study("export-benchmark", "analyst", "auditor");
    private TokenIssuer issuer;

    private Path keys() {
        return options.out().resolve("keys");
    }

    private ExportResult measure(HubChild hub, ExportClient client, Export export, LoadSummary load) {
        out.printf("%s: GET %s …%n", export.title(), export.path());
        hub.send("reset");
        hub.await("OK", COMMAND_PATIENCE);
        ExportClient.Answer answer = client.get(export.path(), export.format(), options.runChecks());
        HeapUsage heap = null;
        String error = answer.error();
        try {
            hub.send("measure");
            heap = Json.read(hub.await("HEAP", COMMAND_PATIENCE), HeapUsage.class);
        } catch (HubChild.HubFailed e) {
            error = (error == null ? "" : error + "; ") + e.getMessage();
        }
        Boolean matches = answer.computedSha256() == null || answer.status() != 200 ? null
                : answer.computedSha256().equals(answer.sha256());
        return new ExportResult(export.title(), export.path(), answer.status(), error, answer.bytes(),
                answer.counter().rows(), expectedRows(export, load), answer.counter().declaredRecords(),
                answer.counter().elements(), answer.firstByteNanos() / 1_000_000, answer.nanos() / 1_000_000,
                answer.ledgerPosition(), answer.sha256(), matches, heap, false, loadAverage(), Instant.now());
    }

    private static ExportResult withRestart(ExportResult r) {
        return new ExportResult(r.export(), r.path(), r.status(), r.error(), r.bytes(), r.rows(), r.expectedRows(),
                r.declaredRecords(), r.elements(), r.firstByteMillis(), r.millis(), r.ledgerPosition(), r.sha256(),
                r.sha256Matches(), r.heap(), true, r.loadAverage(), r.measuredAt());
    }

    private static Long expectedRows(Export export, LoadSummary load) {
        return switch (export.scope()) {
            case "ADSL" -> load.adslRows();
            case "ADQS" -> load.adqsRows();
            case "ADEX" -> load.adexRows();
            default -> load.events();
        };
    }

    private void report(ExportResult r) {
        HeapUsage h = r.heap();
        out.printf(Locale.ROOT, "  %s in %.1f s (first byte %.1f s): %,d bytes, %,d rows%s%s%n", r.ok() ? "200" : "FAILED",
                r.millis() / 1000.0, r.firstByteMillis() / 1000.0, r.bytes(), r.rows(),
                r.expectedRows() == null ? "" : " (expected " + String.format(Locale.ROOT, "%,d", r.expectedRows()) + ")",
                r.error() == null ? "" : ": " + r.error());
        if (h != null) {
            out.printf(Locale.ROOT, "  heap: peak %,d MiB (sampled %,d MiB), after GC at most %,d MiB, old gen peak %,d MiB,"
                            + " %d GCs in %,d ms, hub CPU %.1f s%n", h.peakBytes() >> 20, h.sampledPeakBytes() >> 20,
                    h.peakAfterGcBytes() >> 20, h.oldGenPeakBytes() >> 20, h.gcCount(), h.gcMillis(), h.cpuMillis() / 1000.0);
        }
    }

    /**
     * The loaded database against the hub's own machinery: each dataset's live export against the hub's as-of export at
     * the same position (a replay of the ledger through the analysis-dataset projection), and the ledger verification.
     */
    private Checks checks(ExportClient client, List<ExportResult> results) {
        List<Checks.Replay> replays = new ArrayList<>();
        for (Export export : List.of(Export.ADSL_DATASET_JSON, Export.ADQS_DATASET_JSON, Export.ADEX_DATASET_JSON)) {
            ExportClient.Answer live = client.get(export.path(), export.format(), false);
            if (live.status() != 200 || live.ledgerPosition() == null) {
                replays.add(new Checks.Replay(export.scope(), live.ledgerPosition(), null, null, 0));
                continue;
            }
            ExportClient.Answer replayed = client.get(export.path() + "&position=" + live.ledgerPosition(), export.format(),
                    false);
            Checks.Replay replay = new Checks.Replay(export.scope(), live.ledgerPosition(), live.sha256(), replayed.sha256(),
                    replayed.nanos() / 1_000_000);
            out.printf("check %s: live export %s the hub's replay at position %s%n", export.scope(),
                    replay.identical() ? "identical to" : "DIFFERS from", live.ledgerPosition());
            replays.add(replay);
        }
        long t0 = System.nanoTime();
        String verify = client.text("/api/v1/audit/verify");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Checks.Verification verification;
        if (verify == null) {
            verification = new Checks.Verification(false, 0, 0, Map.of("NO_ANSWER", 1L),
                    "the hub did not answer the verification", millis);
        } else {
            try {
                JsonNode v = new ObjectMapper().readTree(verify);
                Map<String, Long> failures = new TreeMap<>();
                String firstOther = null;
                for (JsonNode failure : v.path("failures")) {
                    String reason = failure.path("reason_code").asText("UNKNOWN");
                    failures.merge(reason, 1L, Long::sum);
                    if (firstOther == null && !reason.equals(Checks.Verification.UNSIGNED)) {
                        firstOther = failure.toString();
                    }
                }
                verification = new Checks.Verification(v.path("valid").asBoolean(), v.path("subjects_checked").asLong(),
                        v.path("events_checked").asLong(), failures, firstOther, millis);
            } catch (IOException e) {
                verification = new Checks.Verification(false, 0, 0, Map.of("UNREADABLE", 1L), verify, millis);
            }
        }
        out.printf("check ledger verification: %s, %,d events, failures %s%n", verification.valid() ? "valid"
                : verification.validButUnsigned() ? "valid but for signatures" : "INVALID", verification.events(),
                verification.failures());
        return new Checks(replays, verification);
    }

    /** The one-minute load average (Linux); -1 elsewhere. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static BenchmarkReport.Machine machine() {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU stays unknown
        }
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return new BenchmarkReport.Machine(cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** The keys of an earlier load are not the keys of the next. */
    private void deleteKeys() {
        try {
            if (Files.isDirectory(keys())) {
                try (var files = Files.list(keys())) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(keys());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
