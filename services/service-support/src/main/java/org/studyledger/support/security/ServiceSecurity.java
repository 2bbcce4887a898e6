package org.studyledger.support.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The security every StudyLedger service applies (docs/security.md): stateless OAuth2 resource server on JWT access
 * tokens ({@link SecurityProperties}), every request decided by the service's {@link AccessRules} bean (deny by
 * default), 401 and 403 as problem details, no sessions, no cookies (so no CSRF token), CORS closed unless origins
 * are configured. A service with an {@link AccessRecorder} bean gets its logged endpoints written to it. A service
 * run without a web server (a batch job on its beans) has no HTTP to secure and gets none of this.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // nothing to secure without HTTP
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ServiceSecurity {
    /** The name of the bearer scheme in the OpenAPI description. */
    public static final String BEARER = "bearer";

    @Bean
    SecurityFilterChain studyLedgerSecurity(HttpSecurity http, AccessRules rules, SecurityProperties settings,
                                            JwtDecoder decoder, ObjectProvider<AccessRecorder> recorder) throws Exception {
        ProblemEntryPoint unauthorized = new ProblemEntryPoint();
        ProblemAccessDenied forbidden = new ProblemAccessDenied();
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .cors(c -> {
                    if (settings.corsAllowedOrigins().isEmpty()) {
                        c.disable();
                    } else {
                        c.configurationSource(cors(settings.corsAllowedOrigins()));
                    }
                })
                // An export streams on an async dispatch, and an error page is an error dispatch, of a request that
                // was decided when it came in.
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().access(new RuleAuthorization(rules, settings)))
                .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(authentication(settings)))
                        .authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        recorder.ifAvailable(r -> http.addFilterAfter(new AccessLogFilter(rules, r, settings, Clock.systemUTC()),
                AnonymousAuthenticationFilter.class));
        return http.build();
    }

    /**
     * Verifies tokens with the issuer's keys: those at {@code jwk-set-uri}, or those its discovery document names,
     * fetched at the first request rather than at start-up, so a service starts while its issuer is still starting.
     */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties settings) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = settings.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString()).build()
                    : NimbusJwtDecoder.withIssuerLocation(settings.issuerUri().toString()).build();
            decoder.setJwtValidator(TokenValidators.of(settings));
            return decoder;
        });
    }

    /** Every API answer describes itself as needing a bearer token; the rule table says which role. */
    @Bean
    OpenApiCustomizer bearerScheme(SecurityProperties settings) {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An access token (JWT) of the study's OpenID Connect issuer " + settings.issuerUri()
                            + " for the audience '" + settings.audience() + "'; docs/security.md"));
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        };
    }

    private static Converter<Jwt, AbstractAuthenticationToken> authentication(SecurityProperties settings) {
        return jwt -> {
            Caller caller = Caller.of(jwt, settings);
            return new JwtAuthenticationToken(jwt, caller.roles().stream().map(SimpleGrantedAuthority::new).toList(),
                    caller.id());
        };
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key", "X-File-Name"));
        cors.setExposedHeaders(List.of(AccessLogFilter.LEDGER_POSITION, AccessLogFilter.CONTENT_SHA256,
                "X-Subject-Ledger-Position", "X-As-Of-Position", "Idempotent-Replayed", "Location", "Content-Disposition"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
