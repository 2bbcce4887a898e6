package org.studyledger.benchmark.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.studyledger.benchmark.load.LoadSummary;

/**
 * A benchmark run: the machine, the cohort, the load, the hub JVM, every export, the checks.
 *
 * @param startedAt when the run started
 * @param arguments the command line
 * @param machine   where it ran
 * @param cohort    the cohort
 * @param load      what the database holds and how long loading it took (the run that loaded it)
 * @param reused    the database was loaded by an earlier run
 * @param database  the database and its size
 * @param hub       the measured hub JVM
 * @param exports   every export
 * @param checks    the checks, or null when they did not run
 */
public record BenchmarkReport(Instant startedAt, List<String> arguments, Machine machine, Cohort cohort, LoadSummary load,
                              boolean reused, Database database, Hub hub, List<ExportResult> exports, Checks checks) {

    /**
     * @param cpu     CPU model
     * @param cores   processors the JVM sees
     * @param memoryBytes physical memory
     * @param os      operating system
     * @param java    the Java runtime
     */
    public record Machine(String cpu, int cores, long memoryBytes, String os, String java) {
    }

    /** @param centers how many center plans the cohort was generated as */
    public record Cohort(long seed, int subjects, int subjectsPerCenter, int centers) {
    }

    /**
     * @param name       the database
     * @param postgres   the server's version
     * @param sizeBytes  the database's size on disk
     * @param ledgerBytes the event store table with its indexes
     */
    public record Database(String name, String postgres, long sizeBytes, long ledgerBytes) {
    }

    /**
     * @param heapMaxBytes the heap limit as the JVM reports it
     * @param xmx          the {@code -Xmx} it was started with
     * @param collectors   its garbage collectors
     * @param startMillis  how long the hub took to start
     * @param starts       how many times it was started (more than once when an export left it unable to serve)
     * @param jvm          the JVM
     * @param properties   settings given to the hub over its own configuration ({@code --hub-property}); usually none
     */
    public record Hub(long heapMaxBytes, String xmx, List<String> collectors, long startMillis, int starts, String jvm,
                      List<String> properties) {
    }

    /** The report as Markdown: the tables docs/benchmarks.md shows. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(startedAt).append(": ").append(String.format(Locale.ROOT, "%,d", cohort.subjects()))
                .append(" subjects (seed ").append(cohort.seed()).append(", ").append(cohort.centers()).append(" centers of ")
                .append(cohort.subjectsPerCenter()).append("), hub JVM -Xmx").append(hub.xmx()).append(" (")
                .append(String.join(" + ", hub.collectors())).append(", ").append(hub.jvm()).append(")")
                .append(hub.properties() == null || hub.properties().isEmpty() ? ""
                        : ", hub settings " + String.join(" ", hub.properties())).append("\n\n");
        md.append("Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(mib(machine.memoryBytes())).append(" MiB RAM, ").append(machine.os()).append(", ")
                .append(database.postgres()).append("\n\n");
        md.append("Load").append(reused ? " (by an earlier run of this database)" : "").append(": ")
                .append(String.format(Locale.ROOT, "%,d %s events, %,d ADSL / %,d ADQS / %,d ADEX rows", load.events(),
                        load.signed() ? "signed" : "unsigned", load.adslRows(), load.adqsRows(), load.adexRows()))
                .append(load.resumedCenters() == 0 ? "" : String.format(Locale.ROOT,
                        " (resumed after %d centers an interrupted load had written; %,d events by this load)",
                        load.resumedCenters(), load.loadedEvents()))
                .append(String.format(Locale.ROOT, " in %s (%,.0f events/s). %d generator threads: %s generating,"
                                + " recording and deriving (summed over the threads); writing %s (events %s, ledger bookkeeping"
                                + " %s, dataset %s); MENTGRP %s; VACUUM ANALYZE %s. Database %s MiB, of which the event store"
                                + " table %s MiB\n\n",
                        duration(load.millis()), load.eventsPerSecond(), load.threads(), duration(load.generateMillis()),
                        duration(load.writeMillis()), duration(load.appendMillis()), duration(load.bookkeepingMillis()),
                        duration(load.datasetMillis()), duration(load.groupMillis()), duration(load.vacuumMillis()),
                        mib(database.sizeBytes()), mib(database.ledgerBytes())));
        md.append("| export | status | time | first byte | MiB | rows | expected | peak heap (sum of pools) | after GC, max |"
                + " old gen peak | GCs | GC time | hub CPU | load avg |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ExportResult e : exports) {
            HeapUsage h = e.heap();
            md.append("| ").append(e.export()).append(" | ")
                    .append(e.ok() ? "200" : (e.status() == 0 ? "" : e.status() + " ") + "failed: " + brief(e.error()))
                    .append(e.hubRestarted() ? " (hub restarted)" : "").append(" | ")
                    .append(duration(e.millis())).append(" | ").append(duration(e.firstByteMillis())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.1f", e.bytes() / 1048576.0)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", e.rows())).append(" | ")
                    .append(e.expectedRows() == null ? "" : String.format(Locale.ROOT, "%,d", e.expectedRows())).append(" | ");
            if (h == null) {
                md.append(" |  |  |  |  |  | ").append(load(e.loadAverage())).append(" |\n");
            } else {
                md.append(mib(h.peakBytes())).append(" MiB | ").append(mib(h.peakAfterGcBytes())).append(" MiB | ")
                        .append(mib(h.oldGenPeakBytes())).append(" MiB | ").append(h.gcCount()).append(" | ")
                        .append(duration(h.gcMillis())).append(" | ").append(duration(h.cpuMillis())).append(" | ")
                        .append(load(e.loadAverage())).append(" |\n");
            }
        }
        if (checks != null) {
            md.append("\nChecks:\n\n");
            for (Checks.Replay r : checks.replays()) {
                md.append("- ").append(r.dataset()).append(": live export ")
                        .append(r.identical() ? "identical to" : "DIFFERS from").append(" the hub's replay at position ")
                        .append(r.position()).append(" (").append(duration(r.millis())).append(")\n");
            }
            Checks.Verification v = checks.verification();
            if (v != null) {
                md.append("- ledger verification (GET /api/v1/audit/verify): ")
                        .append(v.valid() ? "valid" : v.validButUnsigned() ? "valid but for signatures" : "INVALID")
                        .append(", ").append(v.subjects()).append(" subjects, ").append(v.events()).append(" events, failures ")
                        .append(v.failures()).append(v.firstOther() == null ? "" : " (first: " + v.firstOther() + ")")
                        .append(" (").append(duration(v.millis())).append(")\n");
            }
            for (ExportResult e : exports) {
                if (e.sha256Matches() != null) {
                    md.append("- ").append(e.export()).append(": body ").append(e.sha256Matches() ? "matches" : "DOES NOT MATCH")
                            .append(" its X-Content-SHA256\n");
                }
            }
        }
        return md.toString();
    }

    private static String brief(String error) {
        if (error == null) {
            return "";
        }
        String oneLine = error.replace('\n', ' ').replace('|', '/');
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    private static String load(double average) {
        return average < 0 ? "" : String.format(Locale.ROOT, "%.1f", average);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / 1048576.0);
    }

    static String duration(long millis) {
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }
        if (millis < 600_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, (millis / 1000) % 60);
    }
}
