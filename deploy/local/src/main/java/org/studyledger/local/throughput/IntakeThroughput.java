package org.studyledger.local.throughput;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.hub.ledger.LedgerConsumer;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.study.CenterTopics;

/**
 * Measures the ledger path through the product itself, in one JVM as the local platform runs it: a center's CSV
 * import, its REST intake with concurrent clients (one write per request, or batches of them), its outbox draining
 * to Kafka, and the hub taking the filled topics into its ledger; beside them a raw PostgreSQL {@code COPY} of the
 * same event rows, as the yardstick of what the database alone can take on this machine in the same run.
 *
 * <p>The infrastructure is the test harness's ({@link TestInfrastructure}: external servers when named, else
 * Testcontainers or embedded ones), each service on a database of its own. Callable from a benchmark
 * ({@link #run(Options)}), or on its own:
 * {@code java … IntakeThroughput [subjects] [forms] [clients] [writes-per-request] [projections-running]}.
 */
public final class IntakeThroughput {
    private static final String ENROLMENT_HEADER = "subject_id,enrolment_date,consent_date,consent_version,birth_year,"
            + "sex,episode_duration_months,failed_antidepressant_trials\n";
    private static final String MADRS_HEADER = "subject_id,visit,instrument,administered_at,rater,"
            + "MADRS_01,MADRS_02,MADRS_03,MADRS_04,MADRS_05,MADRS_06,MADRS_07,MADRS_08,MADRS_09,MADRS_10\n";
    /** Visits with MADRS scheduled, and a date for each (the reference cohort's first weeks). */
    private static final List<String[]> VISITS = List.of(new String[] {"T0", "2026-01-05T09:30:00Z"},
            new String[] {"W1", "2026-01-12T09:30:00Z"}, new String[] {"M1", "2026-02-02T09:30:00Z"},
            new String[] {"M2", "2026-03-02T09:30:00Z"}, new String[] {"M3", "2026-04-06T09:30:00Z"},
            new String[] {"M6", "2026-07-06T09:30:00Z"});

    /**
     * @param subjects  subjects per center (at most 999: a subject id has three digits)
     * @param forms     MADRS forms per subject (at most 6, one per scheduled visit)
     * @param clients   concurrent REST clients
     * @param batchSize writes per REST request: 1 for one request per write, more for the batch endpoint
     * @param projections whether the hub's projections run while its ledger takes the events (as they do in
     *                    production), or wait until it has them (the ledger intake alone)
     */
    public record Options(int subjects, int forms, int clients, int batchSize, boolean projections) {
        public Options {
            if (subjects < 1 || subjects > 999 || forms < 1 || forms > VISITS.size() || clients < 1 || batchSize < 1) {
                throw new IllegalArgumentException("1..999 subjects, 1..6 forms, at least 1 client and 1 write per request");
            }
        }
    }

    /**
     * What was measured, each stage's events and seconds.
     *
     * @param hubSeconds           from the start of the hub's ledger consumer until the ledger holds every event
     * @param hubFirstEventSeconds from the start of the consumer until the first event is in the ledger (joining the
     *                             consumer group, the first fetch): the rest of {@code hubSeconds} is the intake itself
     * @param loadAverage          the machine's one-minute load average when the run ended
     */
    public record Report(int csvEvents, double csvSeconds, int restWrites, double restSeconds, int published,
                         double publishSeconds, int ledgerEvents, double hubSeconds, double hubFirstEventSeconds,
                         boolean projections, long copyRows, double copySeconds, double loadAverage) {
        public double csvPerSecond() {
            return csvEvents / csvSeconds;
        }

        public double restPerSecond() {
            return restWrites / restSeconds;
        }

        public double publishPerSecond() {
            return published / publishSeconds;
        }

        public double hubPerSecond() {
            return ledgerEvents / hubSeconds;
        }

        /** From the first event in the ledger to the last. */
        public double hubSustainedPerSecond() {
            return ledgerEvents / (hubSeconds - hubFirstEventSeconds);
        }

        public double copyPerSecond() {
            return copyRows / copySeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, """
                    center CSV import   %6d events in %7.2f s: %8.0f events/s
                    center REST intake  %6d writes in %7.2f s: %8.0f writes/s
                    outbox to Kafka     %6d events in %7.2f s: %8.0f events/s (after the intake)
                    hub ledger intake   %6d events in %7.2f s: %8.0f events/s (topics filled beforehand; %s)
                      after its first   %6d events in %7.2f s: %8.0f events/s
                    PostgreSQL COPY     %6d rows   in %7.2f s: %8.0f rows/s (the same event rows)
                    load average %.2f""", csvEvents, csvSeconds, csvPerSecond(), restWrites, restSeconds,
                    restPerSecond(), published, publishSeconds, publishPerSecond(), ledgerEvents, hubSeconds,
                    hubPerSecond(), projections ? "projections running" : "projections paused", ledgerEvents,
                    hubSeconds - hubFirstEventSeconds, hubSustainedPerSecond(), copyRows, copySeconds, copyPerSecond(),
                    loadAverage);
        }
    }

    /** Subjects of the warm-up center, before anything is measured (twice: by CSV, and by REST). */
    private static final int WARM_UP_SUBJECTS = 50;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Options options = new Options(arg(args, 0, 200), arg(args, 1, 4), arg(args, 2, 8), arg(args, 3, 1),
                args.length <= 4 || Boolean.parseBoolean(args[4]));
        System.out.println(new IntakeThroughput().run(options));
        System.exit(0);
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    /**
     * One run: center {@code TPC} imports its subjects and forms as two CSV files, center {@code TPR} takes its
     * subjects' forms over REST from concurrent clients (its subjects enrolled by CSV first, not measured); both
     * publish to Kafka; then the hub's ledger consumer (stopped until then) takes every event into its ledger, with
     * the hub's projections running as they do; then the COPY.
     */
    public Report run(Options options) throws Exception {
        TestKafka kafka = TestInfrastructure.newKafka("throughput");
        Path keys = Files.createTempDirectory("studyledger-throughput-keys-");
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            // The hub first, its consumer stopped at once: its start is not part of what is measured.
            TestDatabase hubDb = TestInfrastructure.newDatabase("throughput-hub");
            ConfigurableApplicationContext hub = start(StudyHubApplication.application(), Map.of(
                    "spring.datasource.url", hubDb.jdbcUrl(), "spring.datasource.username", hubDb.user(),
                    "spring.datasource.password", hubDb.password() == null ? "" : hubDb.password(),
                    "studyledger.hub.bootstrap-servers", kafka.bootstrapServers(),
                    "studyledger.hub.topic-prefix", kafka.topicPrefix(),
                    "studyledger.hub.consumer-group", kafka.groupId("hub"),
                    "studyledger.hub.signing.keys-directory", keys.toString()));
            started.add(hub);
            LedgerConsumer consumer = hub.getBean(LedgerConsumer.class);
            consumer.stop();
            URI csvCenter = center(started, kafka, keys, "TPC");
            URI restCenter = center(started, kafka, keys, "TPR");
            URI warmUpCenter = center(started, kafka, keys, "TPW");
            warmUp(warmUpCenter, options);

            long t0 = System.nanoTime();
            post(csvCenter, "/api/v1/imports?kind=enrolments", "text/csv", enrolments("TPC", options.subjects()), null);
            post(csvCenter, "/api/v1/imports?kind=assessments", "text/csv", forms("TPC", options), null);
            double csvSeconds = seconds(t0);
            int csvEvents = options.subjects() * (1 + options.forms());

            post(restCenter, "/api/v1/imports?kind=enrolments", "text/csv", enrolments("TPR", options.subjects()), null);
            long t1 = System.nanoTime();
            int writes = rest(restCenter, options);
            double restSeconds = seconds(t1);

            long t2 = System.nanoTime();
            int expected = 2 * (options.subjects() + WARM_UP_SUBJECTS) * (1 + options.forms());
            awaitPublished(List.of(csvCenter, restCenter, warmUpCenter), expected);
            double publishSeconds = seconds(t2);

            EventProcessingConfiguration processing = hub.getBean(EventProcessingConfiguration.class);
            if (!options.projections()) {
                processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            }
            long t3 = System.nanoTime();
            consumer.start();
            double firstSeconds = awaitLedger(hubDb, expected, t3);
            double hubSeconds = seconds(t3);
            if (!options.projections()) {
                processing.eventProcessors().values().forEach(EventProcessor::start);
            }

            long[] copied = copy(hubDb);
            return new Report(csvEvents, csvSeconds, writes, restSeconds, expected, publishSeconds, expected, hubSeconds,
                    firstSeconds, options.projections(), copied[0], copied[1] / 1e9, loadAverage());
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    /**
     * The same writes as the measured stages, on a center of its own, before them: what is measured is the running
     * code, not the JIT compiling it on first use. Its events go through the outbox and the hub with the others.
     */
    private void warmUp(URI center, Options options) {
        Options few = new Options(WARM_UP_SUBJECTS, options.forms(), options.clients(), options.batchSize(),
                options.projections());
        post(center, "/api/v1/imports?kind=enrolments", "text/csv", enrolments("TPW", WARM_UP_SUBJECTS), null);
        post(center, "/api/v1/imports?kind=assessments", "text/csv", forms("TPW", few), null);
        for (int n = 1; n <= WARM_UP_SUBJECTS; n++) {
            post(center, "/api/v1/subjects", "application/json", "{\"subject_id\":\"" + subject("TPW", 500 + n)
                    + "\",\"enrolment_date\":\"2026-01-05\",\"consent_date\":\"2026-01-05\",\"consent_version\":\"2.1\","
                    + "\"birth_year\":1971,\"sex\":\"F\",\"episode_duration_months\":14,\"failed_antidepressant_trials\":3}",
                    null);
            List<String> batch = new ArrayList<>();
            for (int f = 0; f < options.forms(); f++) {
                batch.add("{\"path\":\"/subjects/" + subject("TPW", 500 + n) + "/assessments\",\"body\":"
                        + formJson("TPW", 500 + n, f) + "}");
            }
            sendBatch(center, batch);
        }
    }

    private URI center(List<ConfigurableApplicationContext> started, TestKafka kafka, Path keys, String center) {
        TestDatabase db = TestInfrastructure.newDatabase("throughput-" + center.toLowerCase(Locale.ROOT));
        ConfigurableApplicationContext context = start(CenterIngestApplication.application(), Map.of(
                "spring.datasource.url", db.jdbcUrl(), "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password() == null ? "" : db.password(),
                "studyledger.center.id", center,
                "studyledger.center.signing.key-directory", keys.toString(),
                "studyledger.publication.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.publication.topic", new CenterTopics(kafka.topicPrefix(), "ESK-TRD").topicOf(center)));
        started.add(context);
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder application, Map<String, Object> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--spring.main.banner-mode=off");
        args.add("--logging.level.root=WARN");
        args.add("--logging.level.org.apache.kafka=ERROR");
        return application.registerShutdownHook(false).run(args.toArray(String[]::new));
    }

    private static String subject(String center, int n) {
        return "%s-%03d".formatted(center, n);
    }

    private static String enrolments(String center, int subjects) {
        StringBuilder csv = new StringBuilder(ENROLMENT_HEADER);
        for (int n = 1; n <= subjects; n++) {
            csv.append(subject(center, n)).append(",2026-01-05,2026-01-05,2.1,1971,F,14,3\n");
        }
        return csv.toString();
    }

    private static String forms(String center, Options options) {
        StringBuilder csv = new StringBuilder(MADRS_HEADER);
        for (int n = 1; n <= options.subjects(); n++) {
            for (int f = 0; f < options.forms(); f++) {
                csv.append(subject(center, n)).append(',').append(VISITS.get(f)[0]).append(",MADRS,")
                        .append(VISITS.get(f)[1]).append(",rater-017").append(items(n + f)).append('\n');
            }
        }
        return csv.toString();
    }

    private static String items(int seed) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            items.append(',').append((seed + i) % 6);
        }
        return items.toString();
    }

    private static String formJson(String center, int n, int f) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            items.append(i == 0 ? "" : ",").append("\"MADRS_%02d\":%d".formatted(i + 1, (n + f + i) % 6));
        }
        return "{\"subject_id\":\"%s\",\"visit\":\"%s\",\"instrument\":\"MADRS\",\"administered_at\":\"%s\","
                .formatted(subject(center, n), VISITS.get(f)[0], VISITS.get(f)[1])
                + "\"rater\":\"rater-017\",\"items\":{" + items + "}}";
    }

    /**
     * Each client takes every {@code clients}-th subject and sends its forms: one request per form, or batches of
     * {@code batchSize} forms ({@code POST /api/v1/events:batch}).
     */
    private int rest(URI center, Options options) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        AtomicInteger writes = new AtomicInteger();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    List<String> batch = new ArrayList<>();
                    for (int n = 1 + client; n <= options.subjects(); n += options.clients()) {
                        for (int f = 0; f < options.forms(); f++) {
                            String path = "/subjects/" + subject("TPR", n) + "/assessments";
                            if (options.batchSize() == 1) {
                                post(center, "/api/v1" + path, "application/json", formJson("TPR", n, f), "tp-" + n + "-" + f);
                                writes.incrementAndGet();
                            } else {
                                batch.add("{\"path\":\"" + path + "\",\"body\":" + formJson("TPR", n, f) + "}");
                                if (batch.size() == options.batchSize()) {
                                    writes.addAndGet(sendBatch(center, batch));
                                }
                            }
                        }
                    }
                    if (!batch.isEmpty()) {
                        writes.addAndGet(sendBatch(center, batch));
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return writes.get();
    }

    private int sendBatch(URI center, List<String> batch) {
        post(center, "/api/v1/events:batch", "application/json", "[" + String.join(",", batch) + "]", null);
        int sent = batch.size();
        batch.clear();
        return sent;
    }

    private String post(URI base, String path, String type, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", type).header("X-Actor-Id", "dm-01").header("X-Actor-Role", "data-manager")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " → " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitPublished(List<URI> centers, int expected) throws InterruptedException {
        while (true) {
            int published = 0;
            for (URI center : centers) {
                HttpRequest request = HttpRequest.newBuilder(center.resolve("/api/v1/publication")).GET().build();
                try {
                    String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                    published += Integer.parseInt(body.replaceAll("(?s).*\"published\":(\\d+).*", "$1"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (published >= expected) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the ledger holds {@code expected} events; returns the seconds from {@code since} to its first. */
    private static double awaitLedger(TestDatabase db, int expected, long since) throws SQLException, InterruptedException {
        double first = -1;
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM ledger_event_hash")) {
                    rs.next();
                    long count = rs.getLong(1);
                    if (count > 0 && first < 0) {
                        first = seconds(since);
                    }
                    if (count >= expected) {
                        return first;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    /** The ledger's event rows copied out, then timed: {@code COPY} into a table of the same shape. */
    private static long[] copy(TestDatabase db) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            CopyYardstick.Result copied = CopyYardstick.copyEventRows(connection);
            return new long[] {copied.rows(), (long) (copied.seconds() * 1e9)};
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
