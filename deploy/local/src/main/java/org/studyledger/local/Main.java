package org.studyledger.local;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

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
            out.printf("cohort loaded in %.1f s: %d events created, %d requests already recorded before%n",
                    report.elapsed().toMillis() / 1000.0, report.eventsCreated(), report.requestsReplayed());
        }
        PlatformSummary summary = awaitHub(platform, out);
        summary.print(out);
        IssuerGuide.print(out, platform);
        out.println("\nPress Ctrl-C to stop. Data stays in " + options.dataDir() + " (--fresh starts over).");
    }

    /** Waits until every center has published everything and the hub has taken and projected it all. */
    static PlatformSummary awaitHub(LocalPlatform platform, PrintStream out) {
        HubClient client = platform.client();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        out.println("waiting for the hub to take and project every event …");
        while (true) {
            PlatformSummary summary = PlatformSummary.read(client, platform.centerUrls(), platform.hubUrl(),
                    platform.keyDirectory());
            boolean published = summary.pendingPerCenter().values().stream().allMatch(p -> p == 0);
            boolean inLedger = summary.ledgerEvents() + summary.quarantined() >= summary.stored();
            boolean projected = client.get(platform.hubUrl() + "/api/v1/admin/projections").path("caught_up").asBoolean();
            if (published && inLedger && projected) {
                return PlatformSummary.read(client, platform.centerUrls(), platform.hubUrl(), platform.keyDirectory());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub did not catch up within 5 minutes: " + summary);
            }
            try {
                MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the hub", e);
            }
        }
    }
}
