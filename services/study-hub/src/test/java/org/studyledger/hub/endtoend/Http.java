package org.studyledger.hub.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.testing.TestIssuer;

/**
 * A plain HTTP client for the services' public APIs, as any other client would use them: with an access token of the
 * test issuer, of a given staff member for a write, of the service's default reader ({@link #reader}) for a read.
 */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String audience;
    private final String center;
    private final Identity reader;

    private Http(String base, String audience, String center, Identity reader) {
        this.base = base;
        this.audience = audience;
        this.center = center;
        this.reader = reader;
    }

    /** The hub, read by a study-wide caller in every role but the data manager's. */
    static Http hub(String base) {
        return new Http(base, TestIssuer.HUB_AUDIENCE, null, Identity.study("e2e-reader", "analyst", "auditor", "hub-admin"));
    }

    /** A center's service, read by a member of its staff in every center role. */
    static Http center(String base, String center) {
        return new Http(base, TestIssuer.CENTER_AUDIENCE, center, Identity.staff(center, "e2e-staff", "investigator", "rater",
                "study-nurse", "data-manager", "center-admin"));
    }

    /** A token of staff member (or study-wide caller) {@code actor} in {@code role} only. */
    String token(String actor, String role) {
        return TestIssuer.get().token(new Identity(actor, "Test " + actor, List.of(role), center), audience);
    }

    /** POSTs JSON as a staff member; fails unless the answer is 201, and returns the body. */
    JsonNode post(String path, String actor, String role, String json) {
        return postWith(path, token(actor, role), "application/json", json);
    }

    /** POSTs {@code body} with {@code token}; fails unless the answer is 201, and returns the body. */
    JsonNode postWith(String path, String token, String contentType, String body) {
        HttpResponse<String> response = send(path, token, contentType, body, new String[0]);
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** POSTs {@code body} with {@code token} and further headers (name, value, …); returns the answer as it is. */
    HttpResponse<String> send(String path, String token, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                "Bearer " + TestIssuer.get().token(reader, audience)).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    String getText(String path, String accept) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .header("Authorization", "Bearer " + TestIssuer.get().token(reader, audience)).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
