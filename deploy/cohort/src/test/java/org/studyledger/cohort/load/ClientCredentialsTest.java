package org.studyledger.cohort.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loader's tokens: the client-credentials grant with each center's client, a token reused until near its expiry. */
class ClientCredentialsTest {
    private HttpServer server;
    private URI endpoint;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String client = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8);
            requests.add(client + " " + body);
            boolean known = client.endsWith(":s3cret");
            byte[] answer = (known ? "{\"access_token\":\"token-" + requests.size() + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                    : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 401, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksOncePerCenterAndAgainShortlyBeforeTheTokenExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        ClientCredentials tokens = new ClientCredentials(endpoint, Map.of("PAV", new ClientCredentials.Client("loader-pav", "s3cret"),
                "MIL", new ClientCredentials.Client("loader-mil", "s3cret")), clock);

        assertThat(tokens.forCenter("PAV")).isEqualTo("token-1");
        assertThat(tokens.forCenter("PAV")).isEqualTo("token-1");
        assertThat(tokens.forCenter("MIL")).isEqualTo("token-2");
        assertThat(requests).containsExactly("loader-pav:s3cret grant_type=client_credentials",
                "loader-mil:s3cret grant_type=client_credentials");
        clock.now = clock.now.plusSeconds(300).minus(ClientCredentials.MARGIN).minusSeconds(1);
        assertThat(tokens.forCenter("PAV")).isEqualTo("token-1");
        clock.now = clock.now.plusSeconds(2);
        assertThat(tokens.forCenter("PAV")).isEqualTo("token-3");
    }

    @Test
    void aRefusedClientOrAnUnknownCenterIsSaidPlainly() {
        ClientCredentials tokens = new ClientCredentials(endpoint, Map.of("PAV", new ClientCredentials.Client("loader-pav", "wrong")));
        assertThatThrownBy(() -> tokens.forCenter("PAV")).hasMessageContaining("refused client loader-pav")
                .hasMessageContaining("401");
        assertThatThrownBy(() -> tokens.forCenter("ROM")).hasMessageContaining("no client for center ROM");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
