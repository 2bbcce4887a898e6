package org.studyledger.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the path every event takes — recorded at a center, published to Kafka, taken into the hub's ledger, processed
 * by each projection — by polling the services' public status endpoints in a thread of its own, and keeps every
 * sample. When a stage was done is only known once the whole path has settled (its final count is the target), so the
 * times are worked out from the samples afterwards ({@link #times}): a stage is done at the first sample that shows
 * what the settled path shows.
 */
public final class StageWatch implements AutoCloseable {
    private final HubClient client;
    private final Map<String, String> centerUrls;
    private final String hubUrl;
    private final Duration every;
    private final long started = System.nanoTime();
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /**
     * One look at the path.
     *
     * @param seconds     since the watch started
     * @param stored      events the centers hold
     * @param published   of those, the events Kafka acknowledged
     * @param ledger      events in the hub's ledger plus those it quarantined
     * @param head        the ledger's highest position (-1 when empty)
     * @param projections each projection processor's position (the lowest of its segments; -1 before its first)
     * @param loadAverage the machine's load averages then ({@link LoadAverage})
     */
    public record Sample(double seconds, long stored, long published, long ledger, long head,
                         Map<String, Long> projections, String loadAverage) {
        /** Every projection has processed the ledger up to {@code position}. */
        boolean projected(String projection, long position) {
            Long at = projections.get(projection);
            return at != null && at >= position;
        }
    }

    /**
     * When each stage of the path was done, in seconds since the watch started (null: not within the samples).
     *
     * @param events      events the centers hold at the end
     * @param published   the last of them acknowledged by Kafka
     * @param ledger      the last of them in the hub's ledger (or its quarantine)
     * @param projections each projection caught up with the ledger's final head
     */
    public record StageTimes(long events, Double published, Double ledger, Map<String, Double> projections) {
        /** The stage timings as the platform's summary prints them, measured from {@code since} (the intake's start). */
        public void print(PrintStream out, double since, double intakeSeconds) {
            out.printf(Locale.ROOT, "  timings  centers' intake %.1f s, outbox to Kafka %s, ledger caught up %s%n",
                    intakeSeconds, after(published, since), after(ledger, since));
            StringBuilder line = new StringBuilder("           projections caught up:");
            projections.forEach((name, at) -> line.append(' ').append(name).append(' ').append(after(at, since)).append(','));
            line.setLength(line.length() - 1);
            out.println(line + "   (" + events + " events; seconds since the intake started)");
        }

        private static String after(Double at, double since) {
            return at == null ? "–" : String.format(Locale.ROOT, "%.1f s", Math.max(0, at - since));
        }
    }

    private StageWatch(HubClient client, Map<String, String> centerUrls, String hubUrl, Duration every) {
        this.client = client;
        this.centerUrls = Map.copyOf(centerUrls);
        this.hubUrl = hubUrl;
        this.every = every;
        this.thread = new Thread(this::poll, "stage-watch");
        this.thread.setDaemon(true);
    }

    /** Starts polling every {@code every}. */
    public static StageWatch start(HubClient client, Map<String, String> centerUrls, String hubUrl, Duration every) {
        StageWatch watch = new StageWatch(client, centerUrls, hubUrl, every);
        watch.thread.start();
        return watch;
    }

    /** Seconds since the watch started, on the samples' clock. */
    public double now() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** A sample taken now, in the calling thread (and kept with the others). */
    public Sample sample() {
        double at = now();
        long stored = 0;
        long published = 0;
        for (String url : centerUrls.values()) {
            JsonNode publication = client.get(url + "/api/v1/publication");
            stored += publication.get("stored").asLong();
            published += publication.get("stored").asLong() - publication.get("pending").asLong();
        }
        JsonNode ledger = client.get(hubUrl + "/api/v1/ledger/status");
        JsonNode projections = client.get(hubUrl + "/api/v1/admin/projections");
        Map<String, Long> positions = new LinkedHashMap<>();
        projections.path("processors").forEach(p -> positions.put(p.get("name").asText(),
                p.path("position").isNull() ? -1 : p.path("position").asLong(-1)));
        Sample sample = new Sample(at, stored, published, ledger.get("events").asLong() + ledger.get("quarantined").asLong(),
                projections.get("head").asLong(), positions, LoadAverage.now());
        samples.add(sample);
        return sample;
    }

    /** Whether the whole path has settled: everything published, in the ledger, and processed by every projection. */
    public static boolean settled(Sample s) {
        return s.published() >= s.stored() && s.ledger() >= s.stored()
                && s.projections().values().stream().allMatch(p -> p >= s.head());
    }

    /** Waits (polling) until {@code condition} holds for a fresh sample; throws after {@code timeout}. */
    public Sample await(java.util.function.Predicate<Sample> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            throwIfFailed();
            Sample s = sample();
            if (condition.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeout + ": " + what + "; last seen " + s);
            }
            LockSupport.parkNanos(every.toNanos());
        }
    }

    /** When each stage reached what {@code settled} (a sample of the settled path) shows, from the samples so far. */
    public StageTimes times(Sample settled) {
        List<Sample> all;
        synchronized (samples) {
            all = new ArrayList<>(samples);
        }
        all.sort(java.util.Comparator.comparingDouble(Sample::seconds));
        Double published = null;
        Double ledger = null;
        Map<String, Double> projections = new LinkedHashMap<>();
        settled.projections().keySet().forEach(p -> projections.put(p, null));
        for (Sample s : all) {
            if (published == null && s.published() >= settled.stored()) {
                published = s.seconds();
            }
            if (ledger == null && s.ledger() >= settled.stored()) {
                ledger = s.seconds();
            }
            for (String p : settled.projections().keySet()) {
                if (projections.get(p) == null && s.head() >= settled.head() && s.projected(p, settled.head())) {
                    projections.put(p, s.seconds());
                }
            }
        }
        return new StageTimes(settled.stored(), published, ledger, projections);
    }

    /** The load average of the first sample at or after {@code seconds}. */
    public String loadAt(double seconds) {
        return samples().stream().filter(s -> s.seconds() >= seconds).findFirst().map(Sample::loadAverage)
                .orElseGet(LoadAverage::now);
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private void poll() {
        while (running) {
            try {
                sample();
            } catch (RuntimeException e) {
                if (running) {
                    failure = e;
                }
                return;
            }
            LockSupport.parkNanos(every.toNanos());
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new IllegalStateException("watching the path failed: " + failure.getMessage(), failure);
        }
    }

    /** Stops polling (the samples stay). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
