package org.studyledger.local.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a real-path run measured, as {@code report.json} and as {@code report.md} (tables ready to paste into
 * docs/benchmarks.md). Every rate is also given as a share of the raw {@code COPY} of the same event rows in the same
 * run, and every number with the machine's load average when it was taken.
 *
 * @param run        what was run: cohort, centers, offered load
 * @param stages     every rate-like stage, in the order the run took them
 * @param freshness  the freshness run and its percentiles per stage
 * @param datasets   every dataset read live and as of a few positions
 * @param targets    each target and whether this run met it
 */
public record RealPathReport(Run run, List<Stage> stages, Freshness freshness, List<DatasetReads.Read> datasets,
                             List<Target> targets) {

    /**
     * @param subjects  synthetic subjects in the cohort
     * @param centers   the centers
     * @param seed      the cohort's seed
     * @param events    events the cohort recorded at the centers
     * @param ledger    events in the hub's ledger at the end (the cohort and the freshness run's)
     * @param cores     the machine's processors
     * @param loadAtStart the load average before the platform started
     * @param copy      the raw COPY of the ledger's rows: rows, seconds, rows/s
     * @param csvEvents events the large CSV files recorded, after every other stage
     * @param ledgerAtEnd events in the hub's ledger once those too had reached it
     */
    public record Run(int subjects, List<String> centers, long seed, long events, long ledger, int cores, String loadAtStart,
                      double copyRows, double copySeconds, double copyPerSecond, long csvEvents, long ledgerAtEnd) {
    }

    /** One stage: its events, seconds, events/s, that rate over the COPY's, and the load average at its end. */
    public record Stage(String name, long events, double seconds, double perSecond, double ofCopy, String loadAverage,
                        String note) {
    }

    /**
     * @param stages per stage (the ledger, then each projection): p50, p90, p99 and max, in milliseconds
     * @param unseen per stage, events it had not shown when the probe stopped waiting
     */
    public record Freshness(double offeredPerSecond, double achievedPerSecond, int writes, int clients, double seconds,
                            long pollMillis, Map<String, double[]> stages, Map<String, Integer> unseen, String loadAverage) {
        /** One line as the run prints it when measured: the rates, then p50/p90/p99/max of each stage. */
        public String line() {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "%d writes offered at %.0f/s, achieved %.1f/s by %d clients over %.1f s (load average %s); ms p50/p90/p99/max:",
                    writes, offeredPerSecond, achievedPerSecond, clients, seconds, loadAverage));
            stages.forEach((stage, p) -> line.append(String.format(Locale.ROOT, " %s %.0f/%.0f/%.0f/%.0f (%d unseen);",
                    stage, p[0], p[1], p[2], p[3], unseen.getOrDefault(stage, 0))));
            return line.toString();
        }
    }

    /** A target from the issue and this run's figure for it. */
    public record Target(String what, String wanted, String measured, boolean met) {
    }

    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("report.json").toFile(), this);
        Files.writeString(directory.resolve("report.md"), markdown());
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Cohort: %d subjects over %s (seed %d), %d events recorded at the centers;"
                        + " %d events in the ledger at the end. Machine: %d cores, load average %s before the start.%n%n",
                run.subjects(), String.join(", ", run.centers()), run.seed(), run.events(), run.ledger(), run.cores(),
                run.loadAtStart()));
        md.append(String.format(Locale.ROOT, "After every other stage the centers imported large CSV files: %d events,"
                + " %d events in the ledger once they had reached it.%n%n", run.csvEvents(), run.ledgerAtEnd()));
        md.append(String.format(Locale.ROOT, "Yardstick: PostgreSQL `COPY` of the %.0f ledger rows in %.2f s = **%.0f rows/s**.%n%n",
                run.copyRows(), run.copySeconds(), run.copyPerSecond()));
        md.append("| stage | events | seconds | events/s | of COPY | load average (1 5 15 min) | |\n");
        md.append("|---|---:|---:|---:|---:|---|---|\n");
        for (Stage s : stages) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.1f %% | %s | %s |%n", s.name(), s.events(),
                    s.seconds(), s.perSecond(), 100 * s.ofCopy(), s.loadAverage(), s.note() == null ? "" : s.note()));
        }
        md.append(String.format(Locale.ROOT, "%nFreshness: %d events written at an offered %.0f events/s (achieved %.0f/s) by %d"
                        + " clients over %.1f s; from the center's answer to the first look (every %d ms) that shows the"
                        + " event there. Load average at the end: %s.%n%n",
                freshness.writes(), freshness.offeredPerSecond(), freshness.achievedPerSecond(), freshness.clients(),
                freshness.seconds(), freshness.pollMillis(), freshness.loadAverage()));
        md.append("| visible in | p50 ms | p90 ms | p99 ms | max ms | not seen |\n|---|---:|---:|---:|---:|---:|\n");
        freshness.stages().forEach((stage, p) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %d |%n",
                stage, p[0], p[1], p[2], p[3], freshness.unseen().get(stage))));
        md.append("\nDataset reads, live and as of ledger positions (milliseconds to the last byte):\n\n");
        List<Long> positions = datasets.isEmpty() ? List.of() : datasets.get(0).positions();
        md.append("| dataset | format | bytes | live ms |");
        positions.forEach(p -> md.append(" as of ").append(p).append(" ms |"));
        md.append(" as-of at head ÷ live | same bytes at head |\n|---|---|---:|---:|");
        positions.forEach(p -> md.append("---:|"));
        md.append("---:|---|\n");
        for (DatasetReads.Read r : datasets) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f |", r.dataset(), r.format(), r.bytes(), r.liveMillis()));
            r.asOfMillis().forEach(m -> md.append(String.format(Locale.ROOT, " %.0f |", m)));
            md.append(String.format(Locale.ROOT, " %.2f | %s |%n", r.asOfRatio(), r.headEqualsLive() ? "yes" : "no"));
        }
        md.append("\nTargets:\n\n| target | wanted | measured | met |\n|---|---|---|---|\n");
        targets.forEach(t -> md.append("| ").append(t.what()).append(" | ").append(t.wanted()).append(" | ").append(t.measured())
                .append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n"));
        return md.toString();
    }

    /** The stage of that name. */
    public Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
    }
}
