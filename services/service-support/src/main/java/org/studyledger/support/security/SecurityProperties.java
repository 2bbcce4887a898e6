package org.studyledger.support.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where a service's access tokens come from and how their claims are read (docs/security.md, "Settings").
 *
 * @param issuerUri          the OpenID Connect issuer: a token's {@code iss} must equal it; its keys are found through
 *                           its discovery document unless {@code jwkSetUri} names them
 * @param jwkSetUri          the issuer's JWK set, when it should not be discovered (an issuer not reachable at its
 *                           public name, say); optional
 * @param audience           the audience a token must name in {@code aud} to be accepted here
 * @param idClaim            the claim that identifies the caller uniquely: the actor id of what they record (1–64
 *                           characters)
 * @param nameClaim          the caller's display name
 * @param rolesClaim         the claim listing the caller's roles; a dotted path reaches into objects (Keycloak's realm
 *                           roles: {@code realm_access.roles})
 * @param centerClaim        the claim naming the center a staff member belongs to
 * @param clockSkew          how far the issuer's clock may be from ours when expiry and not-before are checked
 * @param corsAllowedOrigins browser origins allowed to call the API from another origin; none by default
 */
@ConfigurationProperties("studyledger.security")
@Validated
public record SecurityProperties(
        @NotNull URI issuerUri,
        URI jwkSetUri,
        @NotBlank String audience,
        @DefaultValue("sub") @NotBlank String idClaim,
        @DefaultValue("name") @NotBlank String nameClaim,
        @DefaultValue("roles") @NotBlank String rolesClaim,
        @DefaultValue("center") @NotBlank String centerClaim,
        @DefaultValue("60s") @NotNull Duration clockSkew,
        @DefaultValue List<String> corsAllowedOrigins) {
}
