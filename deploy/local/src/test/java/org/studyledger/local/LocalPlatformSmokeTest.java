package org.studyledger.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a user runs it: the platform starts as its own process on embedded
 * PostgreSQL and Kafka with a small cohort, reaches its summary, answers on the hub's API, stops cleanly on
 * SIGTERM (what Ctrl-C sends), and a second start on the same data resumes without recording anything twice.
 */
class LocalPlatformSmokeTest {
    @TempDir
    Path data;

    @Test
    void startsLoadsSummarisesStopsAndResumesWithoutLoadingTwice() throws Exception {
        Ports ports = Ports.free();

        Run first = Run.start(data, ports);
        first.awaitSummary();
        String hub = "http://127.0.0.1:" + ports.hub();
        HubClient client = new HubClient();
        JsonNode subjects = client.get(hub + "/api/v1/subjects");
        assertThat(subjects).hasSize(6);
        String subject = subjects.get(0).get("subject_id").asText();
        assertThat(client.get(hub + "/api/v1/subjects/" + subject + "/timeline").size()).isGreaterThan(5);
        int adqs = client.get(hub + "/api/v1/datasets/adqs").size();
        assertThat(adqs).isGreaterThan(6);
        long ledger = client.get(hub + "/api/v1/ledger/status").get("events").asLong();
        assertThat(first.output()).anyMatch(l -> l.startsWith("cohort loaded") && !l.contains(": 0 events created"));
        first.stopAndAssertClean();

        Run second = Run.start(data, ports);
        second.awaitSummary();
        assertThat(second.output()).anyMatch(l -> l.startsWith("cohort loaded") && l.contains(": 0 events created"));
        assertThat(client.get(hub + "/api/v1/ledger/status").get("events").asLong()).isEqualTo(ledger);
        assertThat(client.get(hub + "/api/v1/datasets/adqs").size()).isEqualTo(adqs);
        second.stopAndAssertClean();
    }

    @Test
    void aPortInUseStopsTheStartWithTheReasonAndANonZeroExit() throws Exception {
        Ports ports = Ports.free();
        try (ServerSocket taken = new ServerSocket(ports.hub())) {
            Run run = Run.start(data, ports);
            assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.process.exitValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(run.output()).anyMatch(l -> l.contains("port " + ports.hub() + " (hub) is in use")));
        }
    }

    record Ports(int hub, int center, int postgres, int kafka) {
        static Ports free() throws IOException {
            List<Integer> found = new ArrayList<>();
            while (found.size() < 4) {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                // hub+centers, and Kafka+controller, take consecutive ports
                if (isFree(port + 1) && isFree(port + 2)) {
                    found.add(port);
                }
            }
            return new Ports(found.get(0), found.get(1), found.get(2), found.get(3));
        }

        private static boolean isFree(int port) {
            try (ServerSocket s = new ServerSocket(port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** One run of the platform as its own JVM; its output goes to a file (stopping a process closes its pipes). */
    static final class Run {
        final Process process;
        private final Path log;

        private Run(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Run start(Path data, Ports ports) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = List.of(java, "-Xmx1g", "-cp", classpath, Main.class.getName(),
                    "--data-dir", data.toString(), "--centers", "PAV,MIL", "--subjects", "6",
                    "--hub-port", String.valueOf(ports.hub()), "--center-port", String.valueOf(ports.center()),
                    "--postgres-port", String.valueOf(ports.postgres()), "--kafka-port", String.valueOf(ports.kafka()));
            Files.createDirectories(data);
            Path log = Files.createTempFile(data.getParent(), "platform", ".log");
            return new Run(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        }

        List<String> output() {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void awaitSummary() {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(process.isAlive()).as("still running; output so far:\n%s", String.join("\n", output())).isTrue();
                assertThat(output()).anyMatch(l -> l.startsWith("Press Ctrl-C to stop"));
            });
            assertThat(output()).anyMatch(l -> l.startsWith("  ledger ") && l.contains(" 0 quarantined"));
        }

        void stopAndAssertClean() throws InterruptedException {
            process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook runs
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exits").isTrue();
            assertThat(process.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(output()).contains("StudyLedger stopped cleanly"));
        }
    }
}
