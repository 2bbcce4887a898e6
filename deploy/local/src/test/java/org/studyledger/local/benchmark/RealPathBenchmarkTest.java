package org.studyledger.local.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.hub.rebuild.ProjectionRebuild;
import org.studyledger.local.PlatformOptions;

/**
 * The real-path benchmark's short run: a small cohort through the whole platform, and a report that is right rather
 * than fast — every event the centers recorded in the ledger and seen by every projection, every stage measured with a
 * positive rate, and every dataset read as of the ledger's head answering exactly what its live read answers.
 */
class RealPathBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void measuresEveryStageOfTheRealPathAndReportsWhatItSaw() throws Exception {
        int[] ports = freePorts();
        PlatformOptions options = PlatformOptions.parse(new String[] {"--data-dir", dir.resolve("data").toString(),
                "--fresh", "--no-load", "--subjects", "12", "--hub-port", String.valueOf(ports[0]),
                "--postgres-port", String.valueOf(ports[1]), "--kafka-port", String.valueOf(ports[2]),
                "--issuer-port", String.valueOf(ports[3])}, Map.of());
        RealPathBenchmark.Settings settings = new RealPathBenchmark.Settings(30, 2, 1, 2, dir.resolve("report"), 50, 7);

        RealPathReport report = RealPathBenchmark.run(options, settings, System.out);

        RealPathReport.Run run = report.run();
        assertThat(run.events()).as("the cohort's events, recorded at the centers").isGreaterThan(12 * 10);
        RealPathReport.Freshness freshness = report.freshness();
        assertThat(freshness.writes()).as("the freshness run's events, all recorded").isEqualTo(60);
        assertThat(run.ledger()).as("every recorded event in the ledger, none quarantined")
                .isEqualTo(run.events() + freshness.writes());
        assertThat(run.copyRows()).as("the yardstick copies every ledger row").isEqualTo(run.ledger());
        RealPathReport.Stage largeCsv = report.stage(RealPathBenchmark.CSV_LARGE);
        assertThat(largeCsv.events()).as("7 new subjects' enrolments and 6 assessments each, imported as large files")
                .isEqualTo(7 * LargeCsvImport.EVENTS_PER_SUBJECT);
        assertThat(run.csvEvents()).isEqualTo(largeCsv.events());
        assertThat(run.ledgerAtEnd()).as("the large CSV files' events reached the ledger, after everything else")
                .isEqualTo(run.ledger() + largeCsv.events());
        assertThat(freshness.unseen()).as("every freshness event seen in the ledger and in every projection")
                .containsOnlyKeys(Stream.concat(Stream.of(FreshnessProbe.LEDGER), ProjectionRebuild.PROJECTIONS.stream())
                        .toArray(String[]::new))
                .allSatisfy((stage, unseen) -> assertThat(unseen).as(stage).isZero());
        freshness.stages().forEach((stage, p) -> assertThat(p[0]).as(stage + " p50").isGreaterThanOrEqualTo(0)
                .isLessThanOrEqualTo(p[1]).isLessThanOrEqualTo(p[2]).isLessThanOrEqualTo(p[3]));

        List<String> names = report.stages().stream().map(RealPathReport.Stage::name).toList();
        assertThat(names).contains(RealPathBenchmark.INTAKE, RealPathBenchmark.CSV, RealPathBenchmark.REST,
                RealPathBenchmark.OUTBOX, RealPathBenchmark.LEDGER, RealPathBenchmark.REBUILD, RealPathBenchmark.ODM,
                RealPathBenchmark.COPY, RealPathBenchmark.CSV_LARGE);
        for (String projection : ProjectionRebuild.PROJECTIONS) {
            assertThat(names).contains(RealPathBenchmark.PROJECTION + projection, RealPathBenchmark.REBUILD_ONE + projection);
        }
        assertThat(names.stream().filter(n -> n.startsWith(RealPathBenchmark.EXPORT) && !n.equals(RealPathBenchmark.ODM)))
                .hasSize(3);
        assertThat(report.stages()).allSatisfy(stage -> {
            assertThat(stage.events()).as(stage.name()).isPositive();
            assertThat(stage.seconds()).as(stage.name()).isPositive().isFinite();
            assertThat(stage.perSecond()).as(stage.name()).isPositive().isFinite();
            assertThat(stage.ofCopy()).as(stage.name()).isPositive().isFinite();
            assertThat(stage.loadAverage()).as(stage.name()).matches("[0-9.]+ [0-9.]+ [0-9.]+");
        });
        assertThat(report.stage(RealPathBenchmark.LEDGER).events()).isEqualTo(run.events());

        assertThat(report.datasets()).hasSize(DatasetReads.DATASETS.size() * DatasetReads.FORMATS.size())
                .allSatisfy(read -> {
                    assertThat(read.headEqualsLive()).as("%s as %s: as of the head = live", read.dataset(), read.format())
                            .isTrue();
                    assertThat(read.bytes()).isPositive();
                    assertThat(read.asOfMillis()).hasSize(2).allSatisfy(ms -> assertThat(ms).isPositive());
                });
        assertThat(report.targets()).hasSize(8);

        Path md = dir.resolve("report").resolve("report.md");
        assertThat(Files.readString(md)).contains(RealPathBenchmark.LEDGER, "p99", "as-of at head", "Targets");
        assertThat(Files.readString(dir.resolve("report").resolve("report.json"))).contains("\"stages\"", "\"freshness\"",
                "\"targets\"");
    }

    /** A hub port followed by three free center ports; PostgreSQL; Kafka and its controller's; the issuer. */
    private static int[] freePorts() throws IOException {
        List<Integer> found = new ArrayList<>();
        int[] need = {4, 1, 2, 1};
        while (found.size() < need.length) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            boolean free = true;
            for (int i = 1; i < need[found.size()]; i++) {
                free &= isFree(port + i);
            }
            if (free) {
                found.add(port);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
