package org.studyledger.hub.console;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.studyledger.support.security.SecurityProperties;

/**
 * The console's own security chain, beside the API's stateless one: its paths only, people signed in with
 * authorization code and PKCE at the study's issuer (a public client: no secret to keep), kept in a session, CSRF
 * tokens on every form that changes something. What a signed-in person may see is decided per page by the API's rule
 * table ({@link ConsoleAccess}), not here.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ConsoleConfigured.class)
public class ConsoleSecurity {
    /** Where the console starts. */
    public static final String HOME = "/console";

    @Bean
    @Order(1) // before the API's chain, which matches every request
    SecurityFilterChain consoleChain(HttpSecurity http, ConsoleProperties console) throws Exception {
        String signIn = "/oauth2/authorization/" + console.registrationId();
        http.securityMatcher(HOME, HOME + "/**", "/login/oauth2/**", "/oauth2/**", "/webjars/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/webjars/**", HOME + "/console.css", HOME + "/signed-out").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(o -> o.loginPage(signIn).defaultSuccessUrl(HOME, false))
                .logout(l -> l.logoutUrl(HOME + "/sign-out").logoutSuccessUrl(HOME + "/signed-out"));
        return http.build();
    }

    /**
     * The issuer's endpoints come from its discovery document, read when the first person signs in rather than at
     * start-up, so the hub starts while its issuer is still starting (as the API's token check does).
     */
    @Bean
    ClientRegistrationRepository consoleClient(ConsoleProperties console, SecurityProperties security) {
        URI issuer = console.issuerUri() != null ? console.issuerUri() : security.issuerUri();
        AtomicReference<ClientRegistration> found = new AtomicReference<>();
        return id -> {
            if (!console.registrationId().equals(id)) {
                return null;
            }
            return found.updateAndGet(known -> known != null ? known
                    : ClientRegistrations.fromIssuerLocation(issuer.toString())
                            .registrationId(console.registrationId())
                            .clientId(console.clientId())
                            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                            // The ID token carries the name, roles and center; no user-info call is needed.
                            .scope("openid")
                            .userNameAttributeName(security.idClaim())
                            .build());
        };
    }
}
