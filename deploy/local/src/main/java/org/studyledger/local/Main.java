package org.studyledger.local;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.studyledger.cohort.load.CohortLoader;
import org.studyledger.cohort.load.LoadReport;
import org.studyledger.cohort.model.CohortGenerator;
import org.studyledger.cohort.plan.CohortPlan;

/**
 * {@code studyledger}: starts the local platform, loads the synthetic cohort through the centers' intake
 * (a second start resends the same idempotent requests, so nothing is recorded twice), waits until the hub
 * has taken and projected everything, prints the summary and runs until Ctrl-C.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length > 0 && args[0].equals("--benchmark")) {
            org.studyledger.local.benchmark.RealPathBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (java.util.Arrays.asList(args).contains("--help")) {
            out.print(PlatformOptions.USAGE);
            return;
        }
        PlatformOptions options;
        try {
            options = PlatformOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(options, out);
        } catch (LocalPlatform.StartFailed e) {
            System.err.println("StudyLedger did not start: " + e.getMessage());
            // Service threads of a failed start must not keep the JVM alive.
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping StudyLedger …");
            platform.close();
            out.println("StudyLedger stopped cleanly");
        }, "studyledger-shutdown"));
        try {
            run(platform, out);
        } catch (RuntimeException e) {
            System.err.println("StudyLedger failed: " + LocalPlatform.rootMessage(e));
            System.exit(1);
        }
    }

    static void run(LocalPlatform platform, PrintStream out) {
        PlatformOptions options = platform.options();
        double intakeSeconds = 0;
        try (StageWatch watch = StageWatch.start(platform.client(), platform.centerUrls(), platform.hubUrl(),
                Duration.ofMillis(250))) {
            double intakeStarted = watch.now();
            if (options.load()) {
                CohortPlan plan = CohortGenerator.generate(options.seed(), options.centers(), options.subjects());
                out.printf("loading the ESK-TRD cohort (seed %d, %d subjects, %d requests, %d events expected) …%n",
                        options.seed(), options.subjects(), plan.requests().size(), plan.expectedEvents());
                Map<String, URI> urls = new LinkedHashMap<>();
                platform.centerUrls().forEach((center, url) -> urls.put(center, URI.create(url)));
                Map<String, Integer> reported = new java.util.concurrent.ConcurrentHashMap<>();
                LoadReport report = new CohortLoader(urls, platform.loaderTokens()).load(plan, progress -> {
                    int tenth = progress.requestsSent() * 10 / Math.max(1, progress.requestsTotal());
                    Integer before = reported.put(progress.center(), tenth);
                    if (before == null || before != tenth) {
                        out.printf("  %s: %d/%d requests, %d events created, %d replayed%n", progress.center(),
                                progress.requestsSent(), progress.requestsTotal(), progress.eventsCreated(),
                                progress.requestsReplayed());
                    }
                });
                intakeSeconds = report.elapsed().toMillis() / 1000.0;
                out.printf("cohort loaded in %.1f s: %d events created, %d requests already recorded before%n",
                        intakeSeconds, report.eventsCreated(), report.requestsReplayed());
            }
            out.println("waiting for the hub to take and project every event …");
            StageWatch.Sample settled = watch.await(StageWatch::settled, HUB_CATCH_UP, "the hub taking and projecting"
                    + " every event");
            PlatformSummary summary = PlatformSummary.read(platform.client(), platform.centerUrls(), platform.hubUrl(),
                    platform.keyDirectory());
            summary.print(out);
            watch.times(settled).print(out, intakeStarted, intakeSeconds);
        }
        IssuerGuide.print(out, platform);
        out.println("\nPress Ctrl-C to stop. Data stays in " + options.dataDir() + " (--fresh starts over).");
    }

    /** How long the hub may take to catch up with the centers before the platform gives up waiting. */
    static final Duration HUB_CATCH_UP = Duration.ofMinutes(30);
}
