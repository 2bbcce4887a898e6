package org.studyledger.cohort.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens by the OAuth2 client-credentials grant (RFC 6749 §4.4) at the issuer's token endpoint, one client per
 * center; each token is reused until shortly before it expires.
 */
public final class ClientCredentials implements AccessTokens {
    /** A token is replaced this long before it expires, so none runs out during a request. */
    static final Duration MARGIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A client's id and secret. */
    public record Client(String id, String secret) {
    }

    private record Token(String value, Instant expires) {
    }

    private final URI tokenEndpoint;
    private final Map<String, Client> clients;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clients each center's client, e.g. {@code PAV → cohort-loader-pav} */
    public ClientCredentials(URI tokenEndpoint, Map<String, Client> clients) {
        this(tokenEndpoint, clients, Clock.systemUTC());
    }

    ClientCredentials(URI tokenEndpoint, Map<String, Client> clients, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.clients = Map.copyOf(clients);
        this.clock = clock;
    }

    @Override
    public String forCenter(String center) {
        Token token = tokens.get(center);
        if (token == null || clock.instant().isAfter(token.expires().minus(MARGIN))) {
            token = fetch(center);
            tokens.put(center, token);
        }
        return token.value();
    }

    private Token fetch(String center) {
        Client client = clients.get(center);
        if (client == null) {
            throw new IllegalArgumentException("no client for center " + center + "; known: " + clients.keySet());
        }
        String basic = Base64.getEncoder().encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint " + tokenEndpoint + " refused client " + client.id()
                        + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            long expiresIn = body.path("expires_in").asLong(300);
            return new Token(body.path("access_token").asText(), clock.instant().plusSeconds(expiresIn));
        } catch (IOException e) {
            throw new IllegalStateException("the token endpoint " + tokenEndpoint + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a token", e);
        }
    }
}
