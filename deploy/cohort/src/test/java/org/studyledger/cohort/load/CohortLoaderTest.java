package org.studyledger.cohort.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studyledger.cohort.model.CohortGenerator;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlannedRequest;

/** The loader against a tiny in-JVM HTTP server that records what it receives and plays a center's intake. */
class CohortLoaderTest {
    static {
        // The JDK server writes headers and body in separate packets; without TCP_NODELAY each exchange waits for a
        // delayed ACK (~40 ms). Read once when the server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Each center's client's token, as the loader would get it from the issuer. */
    private static final AccessTokens TOKENS = center -> "token-of-" + center;

    private static final CohortLoader.Options NO_WAIT = CohortLoader.Options.defaults()
            .withBackoff(Duration.ZERO, Duration.ZERO).withMaxAttempts(4);

    /** A request as the server saw it. */
    record Received(String method, String path, String contentType, String actorId, String authorization,
                    String idempotencyKey, String fileName, String body) {
    }

    /** What the server answers. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    private HttpServer server;
    private URI url;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> seenKeys = Collections.synchronizedSet(new HashSet<>());
    private final Set<String> seenFiles = Collections.synchronizedSet(new HashSet<>());
    private volatile Function<Received, Answer> answer = this::likeACenter;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        var h = exchange.getRequestHeaders();
        Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), h.getFirst("Content-Type"),
                h.getFirst("X-Actor-Id"), h.getFirst("Authorization"), h.getFirst("Idempotency-Key"), h.getFirst("X-File-Name"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(r);
        Answer a = answer.apply(r);
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", a.status() >= 400 ? "application/problem+json" : "application/json");
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(a.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Idempotent like the center: a known key replays, a known CSV file is "already imported". */
    private Answer likeACenter(Received r) {
        if (r.path().startsWith("/api/v1/imports")) {
            int rows = (int) r.body().lines().count() - 1;
            String events = String.join(",", Collections.nCopies(rows, "{\"line\":2,\"event\":{}}"));
            boolean again = !seenFiles.add(r.body());
            return Answer.of(again ? 200 : 201, "{\"applied\":" + !again + ",\"already_imported\":" + again
                    + ",\"events\":[" + events + "]}");
        }
        boolean again = !seenKeys.add(r.idempotencyKey());
        return new Answer(201, "{\"event_id\":\"x\",\"sequence\":1}", again ? Map.of("Idempotent-Replayed", "true") : Map.of());
    }

    private static CohortPlan smallPlan(List<String> centers) {
        return CohortGenerator.generate(42, centers, 2 * centers.size());
    }

    @Test
    void sends_every_request_in_plan_order_with_its_headers_and_body() {
        CohortPlan plan = smallPlan(List.of("PAV"));
        List<LoadProgress> progress = Collections.synchronizedList(new ArrayList<>());

        LoadReport report = new CohortLoader(Map.of("PAV", url), TOKENS, NO_WAIT).load(plan, progress::add);

        assertThat(received).hasSize(plan.requests().size());
        for (int i = 0; i < received.size(); i++) {
            PlannedRequest expected = plan.requests().get(i);
            Received got = received.get(i);
            assertThat(got.method()).isEqualTo("POST");
            assertThat(got.path()).isEqualTo(expected.path());
            assertThat(got.contentType()).isEqualTo(expected.contentType());
            assertThat(got.idempotencyKey()).isEqualTo(expected.idempotencyKey());
            assertThat(got.actorId()).as("no actor header: the token says who").isNull();
            assertThat(got.authorization()).isEqualTo("Bearer token-of-PAV");
            assertThat(got.fileName()).isEqualTo(expected.headers().get("X-File-Name"));
            assertThat(got.body()).isEqualTo(expected.body());
        }
        assertThat(received).anyMatch(r -> r.path().equals("/api/v1/imports?kind=enrolments"));
        LoadProgress pav = report.centers().get("PAV");
        assertThat(pav.done()).isTrue();
        assertThat(pav.eventsCreated()).isEqualTo(plan.expectedEvents());
        assertThat(pav.requestsReplayed()).isZero();
        assertThat(progress).hasSize(plan.requests().size()).last().isEqualTo(pav);
    }

    @Test
    void centers_load_in_parallel_each_in_its_own_order() {
        CohortPlan plan = smallPlan(List.of("PAV", "MIL", "ROM"));

        LoadReport report = new CohortLoader(Map.of("PAV", url, "MIL", url, "ROM", url), TOKENS, NO_WAIT).load(plan, LoadListener.NONE);

        for (String center : plan.centers()) {
            List<String> keys = received.stream().map(Received::idempotencyKey)
                    .filter(k -> k.contains("-" + center + "-")).toList();
            assertThat(keys).isEqualTo(plan.requestsFor(center).stream().map(PlannedRequest::idempotencyKey).toList());
            assertThat(report.centers().get(center).eventsCreated()).isEqualTo(plan.expectedEvents(center));
        }
        assertThat(report.requestsSent()).isEqualTo(plan.requests().size());
    }

    @Test
    void loading_the_same_plan_again_sends_the_same_keys_and_records_nothing_twice() {
        CohortPlan plan = smallPlan(List.of("PAV"));
        CohortLoader loader = new CohortLoader(Map.of("PAV", url), TOKENS, NO_WAIT);
        loader.load(plan, LoadListener.NONE);
        List<Received> first = List.copyOf(received);
        received.clear();

        LoadReport again = loader.load(plan, LoadListener.NONE);

        assertThat(received).extracting(Received::idempotencyKey)
                .containsExactlyElementsOf(first.stream().map(Received::idempotencyKey).toList());
        assertThat(received).extracting(Received::body).containsExactlyElementsOf(first.stream().map(Received::body).toList());
        LoadProgress pav = again.centers().get("PAV");
        assertThat(pav.eventsCreated()).isZero();
        assertThat(pav.requestsReplayed()).isEqualTo(plan.requests().size());
        assertThat(pav.eventsReplayed()).isEqualTo(plan.expectedEvents());
    }

    @Test
    void a_refusal_stops_the_load_with_the_problem_details_in_the_message() {
        CohortPlan plan = smallPlan(List.of("PAV"));
        String problem = "{\"type\":\"https://studyledger.org/problems/refused\",\"status\":409,"
                + "\"errors\":[{\"field\":\"subject_id\",\"message\":\"subject PAV-001 withdrew consent\"}]}";
        AtomicInteger calls = new AtomicInteger();
        answer = r -> calls.incrementAndGet() == 5 ? Answer.of(409, problem) : likeACenter(r);

        assertThatThrownBy(() -> new CohortLoader(Map.of("PAV", url), TOKENS, NO_WAIT).load(plan, LoadListener.NONE))
                .isInstanceOfSatisfying(LoadFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.responseBody()).isEqualTo(problem);
                    assertThat(e.request()).isEqualTo(plan.requests().get(4));
                })
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("subject PAV-001 withdrew consent")
                .hasMessageContaining(plan.requests().get(4).idempotencyKey());
        assertThat(received).hasSize(5);
    }

    @Test
    void a_validation_problem_is_not_retried() {
        CohortPlan plan = smallPlan(List.of("PAV"));
        answer = r -> Answer.of(422, "{\"errors\":[{\"field\":\"items.MADRS_03\",\"message\":\"must be an integer\"}]}");

        assertThatThrownBy(() -> new CohortLoader(Map.of("PAV", url), TOKENS, NO_WAIT).load(plan, LoadListener.NONE))
                .isInstanceOf(LoadFailedException.class).hasMessageContaining("items.MADRS_03");
        assertThat(received).hasSize(1);
    }

    @Test
    void a_503_is_retried_and_the_request_then_succeeds() {
        CohortPlan plan = smallPlan(List.of("PAV"));
        AtomicInteger calls = new AtomicInteger();
        answer = r -> calls.incrementAndGet() == 3 ? Answer.of(503, "{\"detail\":\"starting\"}") : likeACenter(r);

        LoadReport report = new CohortLoader(Map.of("PAV", url), TOKENS, NO_WAIT).load(plan, LoadListener.NONE);

        assertThat(received).hasSize(plan.requests().size() + 1);
        assertThat(received.get(2).idempotencyKey()).isEqualTo(received.get(3).idempotencyKey());
        assertThat(received.get(2).body()).isEqualTo(received.get(3).body());
        LoadProgress pav = report.centers().get("PAV");
        assertThat(pav.retries()).isEqualTo(1);
        assertThat(pav.eventsCreated()).isEqualTo(plan.expectedEvents());
    }

    @Test
    void a_center_that_stays_unavailable_fails_after_the_last_attempt() throws IOException {
        CohortPlan plan = smallPlan(List.of("PAV"));
        answer = r -> Answer.of(503, "{\"detail\":\"down\"}");

        assertThatThrownBy(() -> new CohortLoader(Map.of("PAV", url), TOKENS, NO_WAIT).load(plan, LoadListener.NONE))
                .isInstanceOf(LoadFailedException.class).hasMessageContaining("gave up after 4 attempts");
        assertThat(received).hasSize(4);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> new CohortLoader(Map.of("PAV", nobody), TOKENS, NO_WAIT).load(plan, LoadListener.NONE))
                .isInstanceOfSatisfying(LoadFailedException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("gave up after 4 attempts");
    }

    @Test
    void every_center_of_the_plan_needs_a_url() {
        CohortPlan plan = smallPlan(List.of("PAV", "MIL"));

        assertThatThrownBy(() -> new CohortLoader(Map.of("PAV", url), TOKENS, NO_WAIT).load(plan, LoadListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MIL");
        assertThat(received).isEmpty();
    }
}
