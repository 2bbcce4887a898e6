package org.studyledger.support.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.studyledger.kernel.envelope.Actor;

/**
 * What a token must be to be accepted at all (else 401): unexpired (within the clock skew), of the configured issuer,
 * for this service's audience, and naming its holder by an id that can be an event's actor id.
 */
final class TokenValidators {
    private TokenValidators() {
    }

    static OAuth2TokenValidator<Jwt> of(SecurityProperties settings) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(settings.clockSkew()),
                new JwtIssuerValidator(settings.issuerUri().toString()),
                jwt -> audience(jwt, settings.audience()),
                jwt -> holder(jwt, settings.idClaim(), settings.nameClaim())));
    }

    private static OAuth2TokenValidatorResult audience(Jwt jwt, String audience) {
        List<String> audiences = jwt.getAudience() == null ? List.of() : jwt.getAudience();
        if (audiences.contains(audience)) {
            return OAuth2TokenValidatorResult.success();
        }
        return failure("the token is for the audience " + audiences + ", not for this service's audience '" + audience + "'");
    }

    private static OAuth2TokenValidatorResult holder(Jwt jwt, String claim, String nameClaim) {
        Object id = jwt.getClaims().get(claim);
        List<String> problems = new ArrayList<>();
        Object name = jwt.getClaims().get(nameClaim);
        if (name instanceof String n && !n.isBlank()) {
            try {
                new Actor("system", "system", n);
            } catch (IllegalArgumentException e) {
                problems.add("the token's '" + nameClaim + "' claim cannot be recorded: " + e.getMessage());
            }
        }
        if (!(id instanceof String s) || s.isBlank()) {
            problems.add("the token has no '" + claim + "' claim naming its holder");
        } else {
            try {
                new Actor(s, "system");
            } catch (IllegalArgumentException e) {
                problems.add("the token's '" + claim + "' claim cannot be an actor id: " + e.getMessage());
            }
        }
        return problems.isEmpty() ? OAuth2TokenValidatorResult.success() : failure(String.join("; ", problems));
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
