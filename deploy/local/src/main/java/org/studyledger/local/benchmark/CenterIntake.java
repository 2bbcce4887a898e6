package org.studyledger.local.benchmark;

import java.net.URI;
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
 * earlier ones), each request sent by the product's own loader and timed by what it is: a CSV file import or a REST
 * write.
 */
final class CenterIntake {
    /**
     * What the intake took.
     *
     * @param clients        concurrent clients (one per center)
     * @param csvEvents      events recorded by CSV file imports
     * @param csvSeconds     the time the clients spent in those imports, summed
     * @param restWrites     events recorded by single REST writes
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

    static Result run(CohortPlan plan, Map<String, URI> centers, AccessTokens tokens) throws Exception {
        CohortLoader loader = new CohortLoader(centers, tokens);
        Map<String, List<PlannedRequest>> byCenter = plan.byCenter();
        ExecutorService pool = Executors.newFixedThreadPool(byCenter.size());
        long t0 = System.nanoTime();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            byCenter.forEach((center, requests) -> futures.add(pool.submit(() -> {
                // csv events, csv nanos, rest events, rest nanos
                long[] totals = new long[4];
                for (PlannedRequest request : requests) {
                    long start = System.nanoTime();
                    LoadProgress done = loader.loadCenter(center, List.of(request), progress -> { });
                    long nanos = System.nanoTime() - start;
                    int k = request.isCsv() ? 0 : 2;
                    totals[k] += done.eventsCreated();
                    totals[k + 1] += nanos;
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
}
