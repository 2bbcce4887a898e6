package org.studyledger.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.infrastructure.kafka.KafkaCredentials;
import org.studyledger.cohort.load.ClientCredentials;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SignatureCheck;

/**
 * The README's run command, as a user runs it: the platform starts as its own process on embedded
 * PostgreSQL and Kafka with a small cohort, reaches its summary, answers on the hub's API, stops cleanly on
 * SIGTERM (what Ctrl-C sends), and a second start on the same data resumes without recording anything twice.
 * Every center signs with a key it created in the data directory's key directory; the hub accepts and
 * verifies the signed ledger, and so does an auditor offline with the same directory. Every service runs with
 * credentials of its own, generated at the first start and kept for the second. The platform's own issuer
 * gives the demo accounts their tokens; without one, the hub answers 401.
 */
class LocalPlatformSmokeTest {
    private static final List<String> CENTERS = List.of("PAV", "MIL");
    private static final Pattern KEY_FILE = Pattern.compile("([A-Z]+)-[0-9a-f]{16}\\.(key|json)");

    @TempDir
    Path data;

    @Test
    void startsLoadsSummarisesStopsAndResumesWithoutLoadingTwice() throws Exception {
        Ports ports = Ports.free();

        Run first = Run.start(data, ports);
        first.awaitSummary();
        String hub = "http://127.0.0.1:" + ports.hub();
        assertThat(get(hub + "/api/v1/subjects", null).statusCode()).as("no token, no data").isEqualTo(401);
        assertThat(first.output()).anyMatch(l -> l.startsWith("Every service wants an access token of the issuer"
                + " http://127.0.0.1:" + ports.issuer()));
        HubClient client = client(ports);
        JsonNode subjects = client.get(hub + "/api/v1/subjects");
        assertThat(subjects).hasSize(6);
        String subject = subjects.get(0).get("subject_id").asText();
        assertThat(client.get(hub + "/api/v1/subjects/" + subject + "/timeline").size()).isGreaterThan(5);
        int adqs = client.get(hub + "/api/v1/datasets/adqs").size();
        assertThat(adqs).isGreaterThan(6);
        long ledger = client.get(hub + "/api/v1/ledger/status").get("events").asLong();
        assertThat(first.output()).anyMatch(l -> l.startsWith("cohort loaded") && !l.contains(": 0 events created"));
        assertThat(first.output()).as("the summary says when each stage of the path had every event")
                .anyMatch(l -> l.matches("  timings  centers' intake [0-9.]+ s, outbox to Kafka [0-9.]+ s, ledger caught up [0-9.]+ s"))
                .anyMatch(l -> l.startsWith("           projections caught up: timeline ") && l.contains(" analysis-dataset "));
        Map<String, String> keyIds = assertOneKeyPairPerCenterInTheSummary(first);
        assertTheHubVerifiesTheLedger(client, hub);
        assertEveryExportedEventIsSignedByItsCentersKey(hub, ledger);
        String credentials = assertEachServiceUsesCredentialsOfItsOwn(ports);
        first.stopAndAssertClean();

        Run second = Run.start(data, ports);
        second.awaitSummary();
        assertThat(second.output()).anyMatch(l -> l.startsWith("cohort loaded") && l.contains(": 0 events created"));
        assertThat(client.get(hub + "/api/v1/ledger/status").get("events").asLong()).isEqualTo(ledger);
        assertThat(client.get(hub + "/api/v1/datasets/adqs").size()).isEqualTo(adqs);
        assertThat(assertOneKeyPairPerCenterInTheSummary(second)).as("the resumed platform signs with the same keys")
                .isEqualTo(keyIds);
        assertTheHubVerifiesTheLedger(client, hub);
        assertThat(Files.readString(data.resolve("secrets").resolve("credentials.properties")))
                .as("the resumed platform uses the credentials generated at the first start").isEqualTo(credentials);
        second.stopAndAssertClean();
    }

    /** The key directory holds one .key/.json pair per center, private halves owner-only; the summary names them. */
    private Map<String, String> assertOneKeyPairPerCenterInTheSummary(Run run) throws IOException {
        Path keys = data.resolve("keys");
        Map<String, String> keyIds = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(keys)) {
            files = list.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            Matcher m = KEY_FILE.matcher(name);
            assertThat(m.matches()).as("a key file: %s", name).isTrue();
            String id = name.substring(0, name.lastIndexOf('.'));
            assertThat(keys.resolve(id + ".key")).as("private half of %s", id).isRegularFile();
            assertThat(keys.resolve(id + ".json")).as("public record of %s", id).isRegularFile();
            if (name.endsWith(".key")) {
                assertThat(Files.getPosixFilePermissions(file)).as("%s readable by its owner only", name)
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
                assertThat(keyIds.put(m.group(1), id)).as("one key of %s", m.group(1)).isNull();
            }
        }
        assertThat(keyIds).containsOnlyKeys(CENTERS);
        assertThat(files).hasSize(2 * CENTERS.size());
        keyIds.forEach((center, id) -> assertThat(run.output()).as("the summary names %s's key", center)
                .anyMatch(l -> l.startsWith("  center   " + center) && l.endsWith("signing key " + id)));
        assertThat(run.output()).anyMatch(l -> l.startsWith("  keys     " + keys));
        return keyIds;
    }

    /**
     * The generated credentials are kept owner-only in the data directory; Kafka refuses a client without
     * credentials and lets the hub's user see the centers' topics; a center's database login owns nothing, cannot
     * change an event and cannot connect to another center's database. Returns the credentials file's content.
     */
    private String assertEachServiceUsesCredentialsOfItsOwn(Ports ports) throws Exception {
        Path secrets = data.resolve("secrets");
        Path file = secrets.resolve("credentials.properties");
        assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Properties credentials = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            credentials.load(in);
        }
        assertThat(credentials.stringPropertyNames()).containsExactlyInAnyOrder("kafka.broker", "kafka.hub",
                "kafka.center-PAV", "kafka.center-MIL", "postgres.studyledger_hub_app",
                "postgres.studyledger_center_pav_app", "postgres.studyledger_center_mil_app");
        assertThat(credentials.values()).as("each one generated").doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v.toString()).matches("[A-Za-z0-9]{32}"));

        String bootstrap = "127.0.0.1:" + ports.kafka();
        Map<String, Object> anonymous = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000));
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("no credentials, no connection").hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        Map<String, Object> asHub = new HashMap<>(anonymous);
        asHub.putAll(new KafkaCredentials("hub", credentials.getProperty("kafka.hub")).scramClientSettings("SASL_PLAINTEXT"));
        try (Admin admin = Admin.create(asHub)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .contains("studyledger.ESK-TRD.PAV.events", "studyledger.ESK-TRD.MIL.events");
        }

        String pav = "jdbc:postgresql://localhost:" + ports.postgres() + "/studyledger_center_pav";
        String mil = "jdbc:postgresql://localhost:" + ports.postgres() + "/studyledger_center_mil";
        String login = "studyledger_center_pav_app";
        String password = credentials.getProperty("postgres." + login);
        try (Connection c = DriverManager.getConnection(pav, login, password); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isPositive();
            }
            assertThatThrownBy(() -> s.executeUpdate("UPDATE domain_event_entry SET payload_revision = '2'"))
                    .hasMessageContaining("permission denied for table domain_event_entry");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("owns no table").isZero();
            }
        }
        assertThatThrownBy(() -> DriverManager.getConnection(mil, login, password).close())
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> DriverManager.getConnection(pav, login, "not-the-password").close())
                .hasMessageContaining("password authentication failed");
        return Files.readString(file);
    }

    private static void assertTheHubVerifiesTheLedger(HubClient client, String hub) {
        JsonNode report = client.get(hub + "/api/v1/audit/verify");
        assertThat(report.get("failures")).as("verify report %s", report).isEmpty();
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("events_checked").asLong()).isPositive();
    }

    /**
     * A client of the running platform as its demo accounts: the hub's analyst for the data, its auditor for the ledger
     * and its verification, each with a token of the platform's issuer (client credentials, the secrets from the data
     * directory).
     */
    private HubClient client(Ports ports) throws IOException {
        Properties secrets = new Properties();
        try (var in = Files.newBufferedReader(data.resolve("issuer").resolve("secrets.properties"))) {
            secrets.load(in);
        }
        URI tokens = URI.create("http://127.0.0.1:" + ports.issuer() + "/oauth2/token");
        ClientCredentials analyst = new ClientCredentials(tokens, Map.of("hub",
                new ClientCredentials.Client("hub-analyst", secrets.getProperty("hub-analyst"))));
        ClientCredentials auditor = new ClientCredentials(tokens, Map.of("hub",
                new ClientCredentials.Client("hub-auditor", secrets.getProperty("hub-auditor"))));
        auditorToken = () -> auditor.forCenter("hub");
        return new HubClient(url -> url.contains("/api/v1/ledger/") || url.contains("/api/v1/audit")
                ? auditor.forCenter("hub") : analyst.forCenter("hub"));
    }

    private java.util.function.Supplier<String> auditorToken;

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** What an auditor does with the export and the key directory, with the kernel's own signature check. */
    private void assertEveryExportedEventIsSignedByItsCentersKey(String hub, long ledgerEvents) throws Exception {
        HttpResponse<String> export = get(hub + "/api/v1/ledger/export", auditorToken.get());
        assertThat(export.statusCode()).isEqualTo(200);
        KeyRing ring = KeyFiles.readRing(data.resolve("keys"));
        List<String> lines = export.body().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize((int) ledgerEvents);
        for (String line : lines) {
            EventEnvelope envelope = EnvelopeCodec.decode(line);
            SignatureCheck check = EnvelopeSignatures.check(envelope, ring);
            assertThat(check.isValid()).as("%s #%d: %s", envelope.subjectId(), envelope.sequence(), check.reason()).isTrue();
        }
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

    record Ports(int hub, int center, int postgres, int kafka, int issuer) {
        static Ports free() throws IOException {
            List<Integer> found = new ArrayList<>();
            while (found.size() < 5) {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                // hub+centers, and Kafka+controller, take consecutive ports
                if (isFree(port + 1) && isFree(port + 2)) {
                    found.add(port);
                }
            }
            return new Ports(found.get(0), found.get(1), found.get(2), found.get(3), found.get(4));
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
                    "--postgres-port", String.valueOf(ports.postgres()), "--kafka-port", String.valueOf(ports.kafka()),
                    "--issuer-port", String.valueOf(ports.issuer()));
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
