package org.studyledger.local.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.studyledger.cohort.load.AccessTokens;
import org.studyledger.cohort.load.CohortLoader;
import org.studyledger.cohort.load.LoadProgress;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlannedRequest;

/**
 * The cohort through the centers' intake, every center at once (one client each: a center's requests depend on its
 * earlier ones), each request timed by what it is: a CSV file import (sent by the product's own loader) or REST writes
 * (by the loader one at a time, or as batches).
 */
final class CenterIntake {
    /**
     * What the intake took.
     *
     * @param clients        concurrent clients (one per center)
     * @param csvEvents      events recorded by CSV file imports
     * @param csvSeconds     the time the clients spent in those imports, summed
     * @param restWrites     events recorded by REST writes
     * @param restSeconds    the time the clients spent in those writes, summed
     * @param wallSeconds    from the first request to the last answer
     */
    record Result(int clients, long csvEvents, double csvSeconds, long restWrites, double restSeconds, double wallSeconds) {
        long events() {
            return csvEvents + restWrites;
        }

        /** The centers' combined rate of CSV import: each client's rate while importing, times the clients. */
        double csvPerSecond() {
            return csvEvents / (csvSeconds / clients);
        }

        /** The same for REST writes. */
        double restPerSecond() {
            return restWrites / (restSeconds / clients);
        }
    }

    private CenterIntake() {
    }

    /**
     * Sends the plan, every center at once. With {@code batchSize} 1 every REST write is a request of its own, as the
     * platform loads a cohort; with more, a center's consecutive REST writes go as batches of up to that many
     * ({@code POST /api/v1/events:batch}, in order, in one transaction), its CSV files in between as they come.
     */
    static Result run(CohortPlan plan, Map<String, URI> centers, AccessTokens tokens, int batchSize) throws Exception {
        CohortLoader loader = new CohortLoader(centers, tokens);
        Map<String, List<PlannedRequest>> byCenter = plan.byCenter();
        ExecutorService pool = Executors.newFixedThreadPool(byCenter.size());
        long t0 = System.nanoTime();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            byCenter.forEach((center, requests) -> futures.add(pool.submit(() -> {
                // csv events, csv nanos, rest events, rest nanos
                long[] totals = new long[4];
                List<PlannedRequest> batch = new ArrayList<>();
                for (PlannedRequest request : requests) {
                    if (batchSize > 1 && !request.isCsv()) {
                        batch.add(request);
                        if (batch.size() == batchSize) {
                            sendBatch(centers.get(center), tokens.forCenter(center), batch, totals);
                        }
                        continue;
                    }
                    if (!batch.isEmpty()) {
                        sendBatch(centers.get(center), tokens.forCenter(center), batch, totals);
                    }
                    long start = System.nanoTime();
                    LoadProgress done = loader.loadCenter(center, List.of(request), progress -> { });
                    long nanos = System.nanoTime() - start;
                    int k = request.isCsv() ? 0 : 2;
                    totals[k] += done.eventsCreated();
                    totals[k + 1] += nanos;
                }
                if (!batch.isEmpty()) {
                    sendBatch(centers.get(center), tokens.forCenter(center), batch, totals);
                }
                return totals;
            })));
            long[] sum = new long[4];
            for (Future<long[]> f : futures) {
                long[] t = f.get();
                for (int i = 0; i < 4; i++) {
                    sum[i] += t[i];
                }
            }
            return new Result(byCenter.size(), sum[0], sum[1] / 1e9, sum[2], sum[3] / 1e9, (System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1";

    /** One batch of REST writes, timed with the REST writes; a refused batch stops the run with the center's answer. */
    private static void sendBatch(URI center, String token, List<PlannedRequest> batch, long[] totals) throws Exception {
        ArrayNode items = JSON.createArrayNode();
        for (PlannedRequest r : batch) {
            items.addObject().put("path", r.path().substring(API.length())).set("body", JSON.readTree(r.body()));
        }
        HttpRequest request = HttpRequest.newBuilder(center.resolve(API + "/events:batch")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(items), StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("a batch of " + batch.size() + " writes from " + batch.get(0).step() + " was"
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        totals[2] += JSON.readTree(response.body()).path("events").size();
        totals[3] += nanos;
        batch.clear();
    }
}
