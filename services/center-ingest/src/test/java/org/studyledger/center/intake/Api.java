package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.support.security.testing.DefaultCaller;

/**
 * HTTP helpers for the intake API tests: who calls (the default caller, or a token of another), JSON and CSV posts, and
 * a {@link Reply} that reads the body with Jackson and asserts problem details (status, media type and
 * the exact set of field paths) or a recorded event (sequence, hash chain).
 */
final class Api {
    static final String GENESIS = "0".repeat(64);
    static final String HEX64 = "[0-9a-f]{64}";
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final TestRestTemplate http;

    Api(TestRestTemplate http) {
        this.http = http;
    }

    // ------------------------------------------------------------------ requests

    /** The center every intake test runs as ({@link org.studyledger.center.CenterInfrastructure}). */
    static final String CENTER = "PAV";

    /**
     * The headers of a request as the test class's default caller: none of its own, so the test's
     * {@code TestRestTemplate} adds the default caller's token ({@link DefaultCaller}).
     */
    static HttpHeaders actor() {
        return new HttpHeaders();
    }

    /** The headers of a request as staff member {@code id} of this center acting in {@code roles} only. */
    static HttpHeaders actor(String id, String... roles) {
        return as(Identity.staff(CENTER, id, roles));
    }

    /** The headers of a request with a token of {@code who}. */
    static HttpHeaders as(Identity who) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(TestIssuer.centerToken(who));
        return h;
    }

    static HttpHeaders withKey(String idempotencyKey) {
        HttpHeaders h = actor();
        h.add("Idempotency-Key", idempotencyKey);
        return h;
    }

    Reply post(String path, Object body) {
        return post(path, body, actor());
    }

    /** POSTs {@code body} as JSON: a String is sent verbatim, anything else is serialized. */
    Reply post(String path, Object body, HttpHeaders headers) {
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        if (h.getContentType() == null) {
            h.setContentType(MediaType.APPLICATION_JSON);
        }
        String text = body instanceof String s ? s : json(body);
        return exchange(HttpMethod.POST, path, new HttpEntity<>(text, h));
    }

    /** POSTs raw bytes as JSON (a body that is not valid UTF-8, say). */
    Reply postBytes(String path, byte[] body) {
        HttpHeaders h = actor();
        h.setContentType(MediaType.APPLICATION_JSON);
        return exchange(HttpMethod.POST, path, new HttpEntity<>(body, h));
    }

    Reply postCsv(String query, String csv) {
        return postCsv(query, csv.getBytes(StandardCharsets.UTF_8), actor());
    }

    Reply postCsv(String query, byte[] csv, HttpHeaders headers) {
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        h.setContentType(MediaType.parseMediaType("text/csv"));
        return exchange(HttpMethod.POST, "/api/v1/imports" + query, new HttpEntity<>(csv, h));
    }

    Reply get(String path) {
        return get(path, actor());
    }

    Reply get(String path, HttpHeaders headers) {
        return exchange(HttpMethod.GET, path, new HttpEntity<>(headers));
    }

    /** The subject as GET returns it; asserts 200. */
    JsonNode subject(String subjectId) {
        return get("/api/v1/subjects/" + subjectId).ok().body();
    }

    /** The subject's event history length (0 when it is not enrolled). */
    int historySize(String subjectId) {
        Reply r = get("/api/v1/subjects/" + subjectId);
        return r.status() == 404 ? 0 : r.ok().body().get("history").size();
    }

    private Reply exchange(HttpMethod method, String path, HttpEntity<?> entity) {
        ResponseEntity<String> r = http.exchange(path.startsWith("/api") ? path : "/api/v1" + path, method, entity,
                String.class);
        JsonNode body = null;
        if (r.getBody() != null && !r.getBody().isBlank()) {
            try {
                body = JSON.readTree(r.getBody());
            } catch (JsonProcessingException e) {
                throw new AssertionError("response to " + method + " " + path + " is not JSON: " + r.getBody(), e);
            }
        }
        return new Reply(method + " " + path, r.getStatusCode().value(), r.getHeaders(), body, r.getBody());
    }

    // ------------------------------------------------------------------ bodies

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An ordered map from alternating keys and values: {@code fields("a", 1, "b", "x")}. */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A copy of {@code base} with some fields replaced (a null value removes the field). */
    static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                m.remove((String) keysAndValues[i]);
            } else {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return m;
    }

    /** A valid enrolment on 2026-01-05 (an adult, consented the same day). */
    static Map<String, Object> enrolment(String subjectId) {
        return fields("subject_id", subjectId, "enrolment_date", "2026-01-05", "consent_date", "2026-01-05",
                "consent_version", "2.1", "birth_year", 1971, "sex", "F", "episode_duration_months", 14,
                "failed_antidepressant_trials", 3);
    }

    /** Item responses {@code PREFIX_01 … PREFIX_nn} from the values given, in order. */
    static Map<String, Object> items(String prefix, int... values) {
        Map<String, Object> items = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            items.put("%s_%02d".formatted(prefix, i + 1), values[i]);
        }
        return items;
    }

    static Map<String, Object> madrs(int... values) {
        assertThat(values).hasSize(10);
        return items("MADRS", values);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ replies

    record Reply(String request, int status, HttpHeaders headers, JsonNode body, String raw) {

        Reply ok() {
            return status(200);
        }

        Reply status(int expected) {
            assertThat(status).as(request + " → " + raw).isEqualTo(expected);
            return this;
        }

        /** A 201 with the stored event: its id, type, sequence and a previous hash; returns its hash. */
        String created(String eventType, long sequence, String previousHash) {
            status(201);
            assertThat(headers.getContentType()).isNotNull();
            assertThat(headers.getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
            assertThat(UUID.fromString(text("event_id"))).isNotNull();
            assertThat(text("event_type")).isEqualTo(eventType);
            assertThat(body.get("sequence").asLong()).as("sequence of " + raw).isEqualTo(sequence);
            assertThat(text("previous_hash")).as("previous_hash of " + raw).isEqualTo(previousHash);
            assertThat(text("hash")).matches(HEX64).isNotEqualTo(previousHash);
            return text("hash");
        }

        String text(String field) {
            JsonNode v = body == null ? null : body.get(field);
            assertThat(v).as(field + " in " + raw).isNotNull();
            return v.asText();
        }

        /** A numeric score of the recorded form ({@code scores.scores.CODE}). */
        BigDecimal score(String code) {
            JsonNode v = body.path("scores").path("scores").get(code);
            assertThat(v).as(code + " in " + raw).isNotNull();
            return v.decimalValue();
        }

        String category(String code) {
            JsonNode v = body.path("scores").path("categories").get(code);
            assertThat(v).as(code + " in " + raw).isNotNull();
            return v.asText();
        }

        /**
         * Problem details with this status, media type {@code application/problem+json}, the RFC 7807
         * members, and exactly these {@code errors[].field} values.
         */
        Reply problem(int expectedStatus, String... expectedFields) {
            status(expectedStatus);
            assertThat(headers.getContentType()).as("Content-Type of " + request).isNotNull();
            assertThat(headers.getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("Content-Type of " + request + ": " + headers.getContentType()).isTrue();
            assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(body.path("type").asText()).startsWith("https://studyledger.org/problems/");
            assertThat(body.path("title").asText()).isNotBlank();
            assertThat(body.path("detail").asText()).isNotBlank();
            assertThat(body.get("errors")).as("errors in " + raw).isNotNull();
            for (JsonNode e : body.get("errors")) {
                assertThat(e.has("field")).as("every error has a field: " + raw).isTrue();
                assertThat(e.path("message").asText()).as("every error has a message: " + raw).isNotBlank();
            }
            assertThat(fields()).as("errors[].field of " + raw).isEqualTo(new TreeSet<>(List.of(expectedFields)));
            return this;
        }

        Set<String> fields() {
            Set<String> fields = new TreeSet<>();
            body.get("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }

        /** The messages of the errors on {@code field}, joined (there is usually one). */
        String message(String field) {
            List<String> messages = new ArrayList<>();
            body.get("errors").forEach(e -> {
                if (field.equals(e.path("field").asText())) {
                    messages.add(e.path("message").asText());
                }
            });
            assertThat(messages).as("errors on " + field + " in " + raw).isNotEmpty();
            return String.join(" | ", messages);
        }

        /** Asserts the message on {@code field} contains every one of {@code words}; returns this for chaining. */
        Reply says(String field, String... words) {
            assertThat(message(field)).contains(words);
            return this;
        }

        /** CSV problems as {@code line:field} strings, e.g. {@code 3:enrolment_date}. */
        Set<String> lineFields() {
            Set<String> found = new TreeSet<>();
            body.get("errors").forEach(e -> found.add(e.path("line").asInt() + ":" + e.path("field").asText()));
            return found;
        }

        /** The CSV problem message at {@code line} and {@code field}. */
        String messageAt(int line, String field) {
            List<String> messages = new ArrayList<>();
            body.get("errors").forEach(e -> {
                if (e.path("line").asInt() == line && field.equals(e.path("field").asText())) {
                    messages.add(e.path("message").asText());
                }
            });
            assertThat(messages).as("errors at line " + line + " on " + field + " in " + raw).isNotEmpty();
            return String.join(" | ", messages);
        }
    }
}
