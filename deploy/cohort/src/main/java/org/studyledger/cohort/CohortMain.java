package org.studyledger.cohort;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.studyledger.cohort.load.ClientCredentials;
import org.studyledger.cohort.load.CohortLoader;
import org.studyledger.cohort.load.LoadFailedException;
import org.studyledger.cohort.load.LoadProgress;
import org.studyledger.cohort.load.LoadReport;
import org.studyledger.cohort.model.CohortGenerator;
import org.studyledger.cohort.model.CohortOptions;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.CohortStatistics;

/**
 * Command line: generate the synthetic cohort and print its statistics ({@code --plan-only}) or load it into
 * running centers. The same command is the load generator for benchmarks ({@code --centers N --subjects M}).
 *
 * <pre>
 *   --seed N                 seed (default 42)
 *   --centers N              number of centers (default 3: PAV, MIL, ROM; more get further generated codes)
 *   --center-codes A,B,C     explicit center codes instead of --centers
 *   --subjects M             subjects in total (default 36)
 *   --enrolment-from DATE    first enrolment date (default 2025-09-01)
 *   --enrolment-to DATE      last enrolment date (default 2026-03-20)
 *   --latest-date DATE       nothing on or after this date (default 2026-11-26)
 *   --center-url C=URL       a center's intake base URL, once per center (e.g. PAV=http://127.0.0.1:8081)
 *   --token-url URL          the issuer's token endpoint (e.g. http://127.0.0.1:9000/oauth2/token)
 *   --client C=ID:SECRET     a center's client for the client-credentials grant, once per center
 *   --plan-only              print the plan's statistics, send nothing
 *   --write-plan FILE        also write the plan as JSON
 * </pre>
 * Exit status: 0 done, 1 a center refused a request or stayed unreachable, 2 bad arguments.
 */
public final class CohortMain {
    private CohortMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CohortOptions defaults = CohortOptions.defaults();
        CohortOptions options;
        long seed = defaults.seed();
        int subjects = defaults.subjects();
        LocalDate enrolmentFrom = defaults.enrolmentFrom();
        LocalDate enrolmentTo = defaults.enrolmentTo();
        LocalDate latestDate = defaults.latestDate();
        Map<String, URI> urls = new LinkedHashMap<>();
        URI tokenUrl = null;
        Map<String, ClientCredentials.Client> clients = new LinkedHashMap<>();
        boolean planOnly = false;
        Path writePlan = null;
        Integer centerCount = null;
        List<String> centerCodes = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                    case "--centers" -> centerCount = Integer.parseInt(value(args, ++i, arg));
                    case "--center-codes" -> centerCodes = Arrays.stream(value(args, ++i, arg).split(","))
                            .map(String::trim).filter(s -> !s.isEmpty()).toList();
                    case "--subjects" -> subjects = Integer.parseInt(value(args, ++i, arg));
                    case "--enrolment-from" -> enrolmentFrom = LocalDate.parse(value(args, ++i, arg));
                    case "--enrolment-to" -> enrolmentTo = LocalDate.parse(value(args, ++i, arg));
                    case "--latest-date" -> latestDate = LocalDate.parse(value(args, ++i, arg));
                    case "--center-url" -> {
                        String v = value(args, ++i, arg);
                        int eq = v.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--center-url wants CENTER=URL, got " + v);
                        }
                        urls.put(v.substring(0, eq).trim(), URI.create(v.substring(eq + 1).trim()));
                    }
                    case "--token-url" -> tokenUrl = URI.create(value(args, ++i, arg));
                    case "--client" -> {
                        String v = value(args, ++i, arg);
                        int eq = v.indexOf('=');
                        int colon = v.indexOf(':', eq + 1);
                        if (eq < 1 || colon < eq + 2) {
                            throw new IllegalArgumentException("--client wants CENTER=ID:SECRET, got " + v);
                        }
                        clients.put(v.substring(0, eq), new ClientCredentials.Client(v.substring(eq + 1, colon),
                                v.substring(colon + 1)));
                    }
                    case "--plan-only" -> planOnly = true;
                    case "--write-plan" -> writePlan = Path.of(value(args, ++i, arg));
                    case "--help", "-h" -> {
                        out.println(usage());
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            List<String> centers = centerCodes != null ? centerCodes
                    : centerCount != null ? CohortGenerator.centerCodes(centerCount) : defaults.centers();
            options = new CohortOptions(seed, centers, subjects, enrolmentFrom, enrolmentTo, latestDate, defaults.zone());
        } catch (RuntimeException e) {
            err.println("cohort: " + e.getMessage());
            err.println(usage());
            return 2;
        }

        CohortPlan plan;
        try {
            plan = CohortGenerator.generate(options);
        } catch (RuntimeException e) {
            err.println("cohort: cannot generate the plan: " + e.getMessage());
            return 2;
        }
        out.print(CohortStatistics.of(plan).describe());
        if (writePlan != null) {
            try (OutputStream file = Files.newOutputStream(writePlan)) {
                plan.writeJson(file);
                out.println("plan written to " + writePlan);
            } catch (IOException e) {
                err.println("cohort: cannot write " + writePlan + ": " + e.getMessage());
                return 2;
            }
        }
        if (planOnly) {
            return 0;
        }
        List<String> missing = plan.centers().stream().filter(c -> !urls.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            err.println("cohort: no --center-url for " + missing + " (or use --plan-only)");
            return 2;
        }
        List<String> withoutClient = plan.centers().stream().filter(c -> !clients.containsKey(c)).toList();
        if (tokenUrl == null || !withoutClient.isEmpty()) {
            err.println("cohort: the centers' intake needs access tokens: give --token-url and a --client for "
                    + (tokenUrl == null ? plan.centers() : withoutClient) + " (docs/security.md)");
            return 2;
        }
        try {
            LoadReport report = new CohortLoader(urls, new ClientCredentials(tokenUrl, clients))
                    .load(plan, progress -> report(out, progress));
            out.printf("loaded in %d s: %d requests, %d events created, %d requests replayed%n",
                    report.elapsed().toSeconds(), report.requestsSent(), report.eventsCreated(), report.requestsReplayed());
            report.centers().values().stream().sorted((a, b) -> a.center().compareTo(b.center()))
                    .forEach(p -> out.println("  " + p));
            return 0;
        } catch (LoadFailedException e) {
            err.println("cohort: " + e.getMessage());
            return 1;
        }
    }

    private static void report(PrintStream out, LoadProgress progress) {
        if (progress.requestsSent() % 250 == 0 || progress.done()) {
            synchronized (out) {
                out.println("  " + progress);
            }
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return """
                usage: CohortMain [--seed N] [--centers N | --center-codes A,B,C] [--subjects M]
                                  [--enrolment-from yyyy-MM-dd] [--enrolment-to yyyy-MM-dd] [--latest-date yyyy-MM-dd]
                                  [--write-plan FILE] (--plan-only | --center-url CENTER=URL ... --token-url URL
                                  --client CENTER=ID:SECRET ...)""";
    }
}
