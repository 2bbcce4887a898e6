package org.studyledger.local.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.studyledger.cohort.load.AccessTokens;
import org.studyledger.local.HubClient;

/**
 * Freshness at a fixed offered load: concurrent clients write at the centers' REST intake at a steady rate (new
 * subjects, each enrolled and then assessed with MADRS at the scheduled visits), and a watcher sees each event arrive in
 * the hub's ledger (its row, read from the hub's database) and each projection pass it (the processor's position, from
 * the hub's status endpoint). Freshness of an event in a stage is the time from the center's answer (the event is
 * recorded) to the first look that shows it there; the look repeats every {@link #POLL}, which bounds the resolution.
 */
final class FreshnessProbe {
    static final Duration POLL = Duration.ofMillis(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Scheduled MADRS visits and a time for each, after the enrolment date below. */
    private static final String[][] VISITS = {{"T0", "2026-01-05T09:30:00Z"}, {"W1", "2026-01-12T09:30:00Z"},
            {"M1", "2026-02-02T09:30:00Z"}, {"M2", "2026-03-02T09:30:00Z"}, {"M3", "2026-04-06T09:30:00Z"},
            {"M6", "2026-07-06T09:30:00Z"}};
    private static final int WRITES_PER_SUBJECT = 1 + VISITS.length;
    static final String LEDGER = "ledger";

    /**
     * @param offeredPerSecond the rate the clients were asked to keep
     * @param writes           events written (each recorded by a center)
     * @param achievedPerSecond writes divided by the time from the first to the last answer
     * @param clients          concurrent clients
     * @param percentiles      per stage (the ledger, then each projection): p50, p90, p99, max in milliseconds
     * @param unseen           events a stage had not shown when the probe gave up waiting (0 when all arrived)
     */
    record Result(double offeredPerSecond, int writes, double achievedPerSecond, int clients, double seconds,
                  Map<String, double[]> percentiles, Map<String, Integer> unseen, long pollMillis) {
    }

    private record Write(String center, String path, String body) {
    }

    /** One written event as the probe follows it. */
    private static final class Tracked {
        final long recordedAt;
        volatile long position = -1;
        final Map<String, Long> seenAt = new ConcurrentHashMap<>();

        Tracked(long recordedAt) {
            this.recordedAt = recordedAt;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, URI> centers;
    private final AccessTokens tokens;
    private final HubClient hub;
    private final String hubUrl;
    private final Supplier<Connection> hubDatabase;

    FreshnessProbe(Map<String, URI> centers, AccessTokens tokens, HubClient hub, String hubUrl,
                   Supplier<Connection> hubDatabase) {
        this.centers = centers;
        this.tokens = tokens;
        this.hub = hub;
        this.hubUrl = hubUrl;
        this.hubDatabase = hubDatabase;
    }

    /**
     * Writes {@code rate × seconds} events with {@code clientsPerCenter} clients at each center, its new subjects
     * numbered from {@code firstSubject} on; returns when every event is in every projection (or after a minute more).
     */
    /** The highest subject number a run of {@code rate × seconds} events numbered from {@code firstSubject} gives a center. */
    static int lastSubject(double rate, int seconds, int centers, int firstSubject) {
        int total = (int) Math.round(rate * seconds);
        int subjects = (total + WRITES_PER_SUBJECT - 1) / WRITES_PER_SUBJECT;
        return firstSubject + (subjects - 1) / centers;
    }

    Result run(double rate, int seconds, int clientsPerCenter, int firstSubject) throws Exception {
        int total = (int) Math.round(rate * seconds);
        int perCenterCapacity = (999 - firstSubject + 1) * WRITES_PER_SUBJECT;
        if (perCenterCapacity * centers.size() < total) {
            throw new IllegalArgumentException("only " + perCenterCapacity * centers.size() + " new events fit in the subject"
                    + " ids left (<CENTER>-" + firstSubject + " .. 999); lower the rate or the duration");
        }
        List<String> centerCodes = new ArrayList<>(centers.keySet());
        int clients = centerCodes.size() * clientsPerCenter;
        List<List<Write>> queues = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            queues.add(new ArrayList<>());
        }
        // Subjects go round the clients, a subject's writes in order on its client; every client's queue grows alike.
        int written = 0;
        for (int n = 0; written < total; n++) {
            int client = n % clients;
            String center = centerCodes.get(client % centerCodes.size());
            String subject = "%s-%03d".formatted(center, firstSubject + n / centerCodes.size());
            queues.get(client).add(new Write(center, "/api/v1/subjects", enrolment(subject)));
            written++;
            for (int f = 0; f < VISITS.length && written < total; f++, written++) {
                queues.get(client).add(new Write(center, "/api/v1/subjects/" + subject + "/assessments",
                        madrs(subject, f, n)));
            }
        }
        Map<String, Tracked> tracked = new ConcurrentHashMap<>();
        Map<String, long[]> arrivedEarly = new ConcurrentHashMap<>();
        List<String> projections = new ArrayList<>();
        hub.get(hubUrl + "/api/v1/admin/projections").path("processors").forEach(p -> projections.add(p.get("name").asText()));
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] firstLast = {Long.MAX_VALUE, Long.MIN_VALUE};
        long t0 = System.nanoTime() + Duration.ofMillis(200).toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                List<Write> queue = queues.get(client);
                for (int i = 0; i < queue.size(); i++) {
                    long due = t0 + (long) ((i * (double) clients + client) / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    Write w = queue.get(i);
                    String eventId = send(w);
                    long at = System.nanoTime();
                    Tracked t = new Tracked(at);
                    long[] early = arrivedEarly.remove(eventId);
                    if (early != null) {
                        t.position = early[0];
                        t.seenAt.put(LEDGER, early[1]);
                    }
                    tracked.put(eventId, t);
                    synchronized (firstLast) {
                        firstLast[0] = Math.min(firstLast[0], at);
                        firstLast[1] = Math.max(firstLast[1], at);
                    }
                }
                done.incrementAndGet();
                return null;
            }));
        }
        try (Connection db = hubDatabase.get();
             PreparedStatement rows = db.prepareStatement(
                     "SELECT event_identifier, global_index FROM domain_event_entry WHERE global_index > ? ORDER BY global_index")) {
            long lastIndex = head(db);
            long deadline = Long.MAX_VALUE;
            while (true) {
                for (Future<?> f : futures) {
                    if (f.isDone()) {
                        f.get(); // a client that failed fails the probe
                    }
                }
                lastIndex = lookAtLedger(rows, lastIndex, tracked, arrivedEarly);
                JsonNode status = hub.get(hubUrl + "/api/v1/admin/projections");
                long now = System.nanoTime();
                Map<String, Long> positions = new LinkedHashMap<>();
                status.path("processors").forEach(p -> positions.put(p.get("name").asText(), p.path("position").asLong(-1)));
                boolean all = true;
                for (Tracked t : tracked.values()) {
                    if (t.position < 0) {
                        all = false;
                        continue;
                    }
                    for (String p : projections) {
                        if (!t.seenAt.containsKey(p)) {
                            if (positions.getOrDefault(p, -1L) >= t.position) {
                                t.seenAt.put(p, now);
                            } else {
                                all = false;
                            }
                        }
                    }
                }
                if (done.get() == clients) {
                    if (all && tracked.size() == total) {
                        break;
                    }
                    if (deadline == Long.MAX_VALUE) {
                        deadline = now + Duration.ofMinutes(1).toNanos();
                    } else if (now > deadline) {
                        break;
                    }
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> stages = new ArrayList<>(List.of(LEDGER));
        stages.addAll(projections);
        Map<String, double[]> percentiles = new LinkedHashMap<>();
        Map<String, Integer> unseen = new LinkedHashMap<>();
        for (String stage : stages) {
            double[] millis = tracked.values().stream().filter(t -> t.seenAt.containsKey(stage))
                    .mapToDouble(t -> Math.max(0, t.seenAt.get(stage) - t.recordedAt) / 1e6).sorted().toArray();
            percentiles.put(stage, new double[] {rank(millis, 0.50), rank(millis, 0.90), rank(millis, 0.99),
                    millis.length == 0 ? Double.NaN : millis[millis.length - 1]});
            unseen.put(stage, total - millis.length);
        }
        double span = (firstLast[1] - firstLast[0]) / 1e9;
        return new Result(rate, tracked.size(), span > 0 ? (tracked.size() - 1) / span : Double.NaN, clients, span,
                percentiles, unseen, POLL.toMillis());
    }

    private static long head(Connection db) throws SQLException {
        try (var s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long lookAtLedger(PreparedStatement rows, long after, Map<String, Tracked> tracked,
                                     Map<String, long[]> arrivedEarly) throws SQLException {
        rows.setLong(1, after);
        long last = after;
        try (ResultSet rs = rows.executeQuery()) {
            long now = System.nanoTime();
            while (rs.next()) {
                String id = rs.getString(1);
                long position = rs.getLong(2);
                last = Math.max(last, position);
                Tracked t = tracked.get(id);
                if (t != null) {
                    t.position = position;
                    t.seenAt.put(LEDGER, now);
                } else {
                    // the answer to its writer may still be on its way
                    arrivedEarly.put(id, new long[] {position, now});
                }
            }
        }
        return last;
    }

    /** Nearest-rank percentile of sorted values. */
    static double rank(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private String send(Write w) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(centers.get(w.center()).resolve(w.path()))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.forCenter(w.center()))
                .POST(HttpRequest.BodyPublishers.ofString(w.body(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + w.path() + " at " + w.center() + " → " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body()).get("event_id").asText();
    }

    private static String enrolment(String subject) {
        return "{\"subject_id\":\"" + subject + "\",\"enrolment_date\":\"2026-01-05\",\"consent_date\":\"2026-01-05\","
                + "\"consent_version\":\"2.1\",\"birth_year\":1971,\"sex\":\"F\",\"episode_duration_months\":14,"
                + "\"failed_antidepressant_trials\":3}";
    }

    private static String madrs(String subject, int visit, int seed) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            items.append(i == 0 ? "" : ",").append("\"MADRS_%02d\":%d".formatted(i + 1, (seed + visit + i) % 6));
        }
        return "{\"visit\":\"%s\",\"instrument\":\"MADRS\",\"administered_at\":\"%s\",\"rater\":\"rater-017\",\"items\":{%s}}"
                .formatted(VISITS[visit][0], VISITS[visit][1], items);
    }
}
