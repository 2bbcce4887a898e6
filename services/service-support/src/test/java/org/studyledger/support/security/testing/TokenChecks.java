package org.studyledger.support.security.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.identity.TokenIssuer;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.support.security.AccessRule;

/**
 * Tokens a service must not accept, each answered 401 {@code unauthorized} as problem details naming
 * {@code Authorization}: forged (signed with another key), expired, of another issuer, for another audience, without
 * a subject; and a token without a role, answered 403.
 */
public final class TokenChecks {
    private TokenChecks() {
    }

    /** The tokens that must get 401, by what is wrong with them, all of {@code who} for {@code audience}. */
    public static Map<String, String> refusedTokens(Identity who, String audience) {
        TokenIssuer issuer = TestIssuer.get();
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("forged", issuer.forge(issuer.claims(who, audience, now, Duration.ofMinutes(5)).build()));
        tokens.put("expired", issuer.sign(issuer.claims(who, audience, now.minus(Duration.ofHours(2)), Duration.ofHours(1)).build()));
        tokens.put("other issuer", issuer.sign(new JWTClaimsSet.Builder(issuer.claims(who, audience, now, Duration.ofMinutes(5))
                .build()).issuer("https://idp.elsewhere.example").build()));
        tokens.put("other audience", issuer.sign(issuer.claims(who, "some-other-service", now, Duration.ofMinutes(5)).build()));
        tokens.put("no subject", issuer.sign(new JWTClaimsSet.Builder(issuer.claims(who, audience, now, Duration.ofMinutes(5))
                .build()).subject(null).build()));
        tokens.put("subject too long", issuer.sign(new JWTClaimsSet.Builder(issuer.claims(who, audience, now,
                Duration.ofMinutes(5)).build()).subject("x".repeat(65)).build()));
        tokens.put("not a JWT", "not-a-token");
        return tokens;
    }

    /** Asserts every refused token gets 401 at {@code GET path} (covered by {@code rule}), and a role-less token 403. */
    public static void assertRefused(String base, AccessRule rule, String path, Identity who, String audience,
                                     String rolesClaim) {
        assertThat(rule.method()).isEqualTo(HttpMethod.GET);
        refusedTokens(who, audience).forEach((what, token) -> {
            AccessMatrix.Answer a = AccessMatrix.call(base, rule, path, null, token);
            assertThat(a.status()).as("a token that is %s: %s", what, a.body()).isEqualTo(401);
            AccessMatrix.assertProblem(a, 401, "unauthorized", "Authorization");
        });
        AccessMatrix.Answer roleless = AccessMatrix.call(base, rule, path, null,
                TestIssuer.get().token(new Identity(who.id(), who.name(), java.util.List.of(), who.center()), audience));
        AccessMatrix.assertProblem(roleless, 403, "forbidden", rolesClaim);
        assertThat(roleless.body().path("detail").asText()).contains("no role");
    }
}
