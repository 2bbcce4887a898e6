package org.studyledger.cohort.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlannedRequest;

/**
 * Sends a plan to the centers' intake: each center's requests one after the other in plan order (a subject's
 * requests depend on the earlier ones), the centers in parallel. Connection failures, timeouts, 5xx answers,
 * 429 and the center's {@code concurrent-write} 409 are retried with exponential backoff; any other 4xx stops
 * the load at once with the center's problem details in the exception message.
 *
 * <p>Every request carries an access token of the center's client ({@link AccessTokens}): the events it records are
 * attributed to that client, in the role the center's rules let each request act in. Every request carries the plan's
 * deterministic {@code Idempotency-Key} (and CSV files are recognised by their
 * content), so loading the same plan again records nothing twice: replayed requests are counted, not re-applied.
 * That is how an interrupted load resumes.
 */
public final class CohortLoader {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param maxAttempts    attempts per request before giving up on a transient failure (at least 1)
     * @param initialBackoff wait before the second attempt, doubled for each further one; zero for no wait
     * @param maxBackoff     upper bound of the wait
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout timeout of one request (a large CSV file takes a while)
     */
    public record Options(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration connectTimeout,
                          Duration requestTimeout) {
        public Options {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }

        /** 6 attempts, 250 ms doubling up to 5 s, 5 s connect and 120 s request timeout. */
        public static Options defaults() {
            return new Options(6, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(120));
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(maxAttempts, initial, max, connectTimeout, requestTimeout);
        }

        public Options withMaxAttempts(int attempts) {
            return new Options(attempts, initialBackoff, maxBackoff, connectTimeout, requestTimeout);
        }
    }

    private final Map<String, URI> centerUrls;
    private final Options options;
    private final AccessTokens tokens;
    private final HttpClient http;

    /**
     * @param centerUrls base URL of each center's intake, e.g. {@code PAV → http://127.0.0.1:8081}
     * @param tokens     the access token of each center's client
     */
    public CohortLoader(Map<String, URI> centerUrls, AccessTokens tokens) {
        this(centerUrls, tokens, Options.defaults());
    }

    public CohortLoader(Map<String, URI> centerUrls, AccessTokens tokens, Options options) {
        this.centerUrls = Map.copyOf(centerUrls);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build();
    }

    /**
     * Loads the whole plan: every center of the plan must have a URL. Returns when every center is done; throws
     * the first {@link LoadFailedException} (others as suppressed) after stopping the other centers.
     */
    public LoadReport load(CohortPlan plan, LoadListener listener) {
        List<String> missing = plan.centers().stream().filter(c -> !centerUrls.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no URL for center(s) " + missing + "; known: " + centerUrls.keySet());
        }
        long started = System.nanoTime();
        Map<String, List<PlannedRequest>> byCenter = plan.byCenter();
        AtomicBoolean abort = new AtomicBoolean();
        Map<String, LoadProgress> results = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, byCenter.size()), runnable -> {
            Thread t = new Thread(runnable, "cohort-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<LoadProgress>> futures = new LinkedHashMap<>();
            byCenter.forEach((center, requests) ->
                    futures.put(center, pool.submit(() -> loadCenter(center, requests, listener, abort))));
            List<LoadFailedException> failures = new ArrayList<>();
            for (Map.Entry<String, Future<LoadProgress>> f : futures.entrySet()) {
                try {
                    results.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause() instanceof LoadFailedException l ? l
                            : new LoadFailedException(null, 0, null, "loading " + f.getKey() + " failed: " + e.getCause(),
                                    e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abort.set(true);
                    throw new LoadFailedException(null, 0, null, "interrupted while loading", e);
                }
            }
            // The center that failed first is the news; the others only stopped because of it.
            List<LoadFailedException> real = failures.stream().filter(x -> !(x.getCause() instanceof Aborted)).toList();
            if (!failures.isEmpty()) {
                LoadFailedException first = real.isEmpty() ? failures.get(0) : real.get(0);
                real.stream().filter(x -> x != first).forEach(first::addSuppressed);
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
        return new LoadReport(results, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Loads one center's requests in order, in the calling thread. */
    public LoadProgress loadCenter(String center, List<PlannedRequest> requests, LoadListener listener) {
        return loadCenter(center, requests, listener, new AtomicBoolean());
    }

    private LoadProgress loadCenter(String center, List<PlannedRequest> requests, LoadListener listener, AtomicBoolean abort) {
        URI base = centerUrls.get(center);
        if (base == null) {
            throw new IllegalArgumentException("no URL for center " + center);
        }
        int sent = 0;
        int created = 0;
        int replayed = 0;
        int eventsReplayed = 0;
        AtomicInteger retries = new AtomicInteger();
        LoadProgress progress = new LoadProgress(center, requests.size(), 0, 0, 0, 0, 0);
        for (PlannedRequest request : requests) {
            if (abort.get()) {
                throw new LoadFailedException(request, 0, null, "loading " + center + " stopped: another center failed",
                        new Aborted());
            }
            try {
                HttpResponse<String> response = send(base, request, retries);
                Outcome outcome = outcome(request, response);
                sent++;
                if (outcome.replayed()) {
                    replayed++;
                    eventsReplayed += outcome.events();
                } else {
                    created += outcome.events();
                }
            } catch (LoadFailedException e) {
                abort.set(true);
                throw e;
            }
            progress = new LoadProgress(center, requests.size(), sent, created, replayed, eventsReplayed, retries.get());
            listener.onProgress(progress);
        }
        return progress;
    }

    private record Outcome(boolean replayed, int events) {
    }

    private static Outcome outcome(PlannedRequest request, HttpResponse<String> response) {
        if (!request.isCsv()) {
            boolean replayed = response.headers().firstValue(REPLAYED_HEADER).map("true"::equalsIgnoreCase).orElse(false);
            return new Outcome(replayed, 1);
        }
        JsonNode result;
        try {
            result = JSON.readTree(response.body());
        } catch (IOException e) {
            throw failure(request, response.statusCode(), response.body(), "the import answer is not JSON", e);
        }
        JsonNode events = result.path("events");
        int count = events.isArray() ? events.size() : request.expectedEvents();
        if (result.path("already_imported").asBoolean(false)) {
            return new Outcome(true, count);
        }
        if (!result.path("applied").asBoolean(false)) {
            throw failure(request, response.statusCode(), response.body(), "the file was not applied", null);
        }
        return new Outcome(false, count);
    }

    private HttpResponse<String> send(URI base, PlannedRequest request, AtomicInteger retries) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(base, request.path()))
                .timeout(options.requestTimeout())
                .header("Content-Type", request.contentType())
                .header("Accept", "application/json, application/problem+json")
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(builder::header);
        String lastProblem = null;
        int lastStatus = 0;
        String lastBody = null;
        Throwable lastError = null;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            if (attempt > 1) {
                retries.incrementAndGet();
                backoff(attempt, request);
            }
            try {
                // asked each attempt: a retry after a long back-off gets a token that is still valid
                String token = tokens.forCenter(request.center());
                if (token != null) {
                    builder.setHeader("Authorization", "Bearer " + token);
                }
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                lastStatus = status;
                lastBody = response.body();
                lastError = null;
                if (!transientStatus(status, response.body())) {
                    throw failure(request, status, response.body(), "refused", null);
                }
                lastProblem = "HTTP " + status;
            } catch (IOException e) {
                lastError = e;
                lastStatus = 0;
                lastBody = null;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(request, 0, null, "interrupted", e);
            }
        }
        throw failure(request, lastStatus, lastBody, "gave up after " + options.maxAttempts() + " attempts (last: "
                + lastProblem + ")", lastError);
    }

    /** 5xx, 429 and a write that raced another one for the same subject are worth repeating; other 4xx are not. */
    private static boolean transientStatus(int status, String body) {
        return status >= 500 || status == 429 || (status == 409 && body != null && body.contains("concurrent-write"));
    }

    private void backoff(int attempt, PlannedRequest request) {
        long initial = options.initialBackoff().toMillis();
        if (initial <= 0) {
            return;
        }
        long wait = Math.min(options.maxBackoff().toMillis(), initial << Math.min(20, attempt - 2));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(request, 0, null, "interrupted", e);
        }
    }

    private static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private static LoadFailedException failure(PlannedRequest request, int status, String body, String what, Throwable cause) {
        String message = "%s %s%s for %s (%s, Idempotency-Key %s) %s%s%s".formatted(request.method(), request.path(),
                status > 0 ? " → HTTP " + status : "", request.center(),
                request.subjectId() == null ? request.step() : request.subjectId() + " " + request.step(),
                request.idempotencyKey(), what, body == null || body.isBlank() ? "" : ": ", body == null ? "" : body);
        return new LoadFailedException(request, status, body, message, cause);
    }

    /** Marks a center stopped because another one failed. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("aborted", null, false, false);
        }
    }
}
