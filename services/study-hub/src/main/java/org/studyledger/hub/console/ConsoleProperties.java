package org.studyledger.hub.console;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web console's sign-in (docs/console.md): without a client id the hub serves no console at all.
 *
 * @param clientId        the console's public OpenID Connect client (authorization code with PKCE, no secret); empty:
 *                        no console
 * @param issuerUri       the issuer people sign in at; by default the one the API's access tokens come from
 * @param registrationId  the last part of the address the issuer sends people back to,
 *                        {@code /login/oauth2/code/<registration-id>}
 * @param refreshInterval how often the overview refreshes itself while data arrives
 */
@ConfigurationProperties("studyledger.console")
@Validated
public record ConsoleProperties(
        String clientId,
        URI issuerUri,
        @DefaultValue("studyledger") @NotNull String registrationId,
        @DefaultValue("5s") @NotNull Duration refreshInterval) {

    /** The property whose value switches the console on. */
    public static final String CLIENT_ID = "studyledger.console.client-id";
}
