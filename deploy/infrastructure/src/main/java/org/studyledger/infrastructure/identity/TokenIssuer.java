package org.studyledger.infrastructure.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * An issuer on {@code http://127.0.0.1:<port>}: {@code /.well-known/openid-configuration} and {@code /jwks} for the
 * services, and {@link #token} for the callers. Tokens carry {@code sub}, {@code name}, {@code roles} and, for center
 * staff, {@code center}, as the platform's issuers do (docs/security.md). Keys live in memory only.
 */
public final class TokenIssuer implements AutoCloseable {
    /** How long a token lives unless asked otherwise. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TokenIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new key and its documents served on a free loopback port. */
    public static TokenIssuer start() {
        RSAKey key = newKey();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "token-issuer");
                t.setDaemon(true);
                return t;
            }));
            TokenIssuer issuer = new TokenIssuer(key, server);
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            server.createContext("/jwks", exchange -> answer(exchange, jwks));
            server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange,
                    "{\"issuer\":\"" + issuer.issuer + "\",\"jwks_uri\":\"" + issuer.jwkSetUri() + "\","
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"subject_types_supported\":[\"public\"],"
                            + "\"response_types_supported\":[\"code\"]}"));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve the token issuer's keys", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    /**
     * The settings that make a service accept this issuer's tokens for {@code audience}
     * ({@code studyledger.security.*}, docs/security.md).
     */
    public Map<String, String> settings(String audience) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("studyledger.security.issuer-uri", issuer);
        settings.put("studyledger.security.jwk-set-uri", jwkSetUri());
        settings.put("studyledger.security.audience", audience);
        return settings;
    }

    /** An access token of {@code who} for {@code audience}, valid for {@link #LIFETIME}. */
    public String token(Identity who, String audience) {
        return sign(claims(who, audience, Instant.now(), LIFETIME).build(), key);
    }

    /** The claims of {@link #token}, to change before {@link #sign(JWTClaimsSet)} (a test of refusals). */
    public JWTClaimsSet.Builder claims(Identity who, String audience, Instant issuedAt, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(who.id())
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", who.roles());
        if (who.name() != null) {
            claims.claim("name", who.name());
        }
        if (who.center() != null) {
            claims.claim("center", who.center());
        }
        return claims;
    }

    /** {@code claims} signed with this issuer's key. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** {@code claims} signed with a key of nobody's, under this issuer's key id: a forgery. */
    public String forge(JWTClaimsSet claims) {
        RSAKey other = newKey();
        try {
            return sign(claims, new RSAKey.Builder(other).keyID(key.getKeyID()).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(with));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return jwt.serialize();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA key", e);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The roles claim of a token (for tests that read tokens back). */
    public static List<String> roles(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles");
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
