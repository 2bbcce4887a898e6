package org.studyledger.local.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.studyledger.local.HubClient;
import org.studyledger.local.LoadAverage;

/**
 * A rebuild of every projection through the hub's own endpoint ({@code POST /api/v1/admin/projections/rebuild}),
 * watched while it runs: when each projection passed half the ledger and when it reached the head, so that each one's
 * rate over the first and the second half of the ledger can be compared (a rebuild that slows as its tables grow is not
 * linear).
 */
final class RebuildRun {
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * @param head        the ledger's head the projections were rebuilt to
     * @param seconds     the whole rebuild, as the hub reports it (stopping, resetting, replaying every projection)
     * @param projections per projection: seconds to half the ledger and to its head from the request (NaN when a poll
     *                    did not see it); each reached the head when the rebuild answered
     */
    record Result(long head, double seconds, Map<String, double[]> projections, String loadAverage) {
        /** A projection's rate over the second half of the ledger over its rate over the first half (1: linear). */
        static double linearity(double[] halfAndDone) {
            double first = halfAndDone[0];
            double second = halfAndDone[1] - halfAndDone[0];
            return first / second;
        }
    }

    private RebuildRun() {
    }

    static Result run(HubClient client, String hubUrl) {
        String status = hubUrl + "/api/v1/admin/projections";
        long head = client.get(status).get("head").asLong();
        Map<String, double[]> seen = new LinkedHashMap<>();
        Map<String, Boolean> reset = new LinkedHashMap<>();
        client.get(status).path("processors").forEach(p -> {
            seen.put(p.get("name").asText(), new double[] {Double.NaN, Double.NaN});
            reset.put(p.get("name").asText(), false);
        });
        long t0 = System.nanoTime();
        CompletableFuture<JsonNode> rebuild = CompletableFuture.supplyAsync(() ->
                client.post(status + "/rebuild?timeout=PT30M", Duration.ofMinutes(31)));
        while (!rebuild.isDone()) {
            JsonNode now = client.get(status);
            double at = (System.nanoTime() - t0) / 1e9;
            for (JsonNode p : now.path("processors")) {
                String name = p.get("name").asText();
                long position = p.path("position").asLong(-1);
                double[] times = seen.get(name);
                if (times == null) {
                    continue;
                }
                if (!reset.get(name)) {
                    // the reset shows as a position back at the start, or replaying
                    reset.put(name, position < head / 2 || p.path("replaying").asBoolean());
                }
                if (reset.get(name)) {
                    if (Double.isNaN(times[0]) && position >= head / 2) {
                        times[0] = at;
                    }
                    if (Double.isNaN(times[1]) && position >= head && p.path("caught_up").asBoolean()) {
                        times[1] = at;
                    }
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        JsonNode result = rebuild.join();
        if (!result.path("caught_up").asBoolean()) {
            throw new IllegalStateException("the rebuild did not catch up within its timeout: " + result);
        }
        double seconds = result.get("millis").asLong() / 1000.0;
        seen.values().forEach(t -> {
            if (Double.isNaN(t[1])) {
                t[1] = seconds;
            }
        });
        return new Result(result.get("head").asLong(), seconds, seen, LoadAverage.now());
    }
}
