package org.studyledger.local.issuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The issuer's Spring context: only the web server, MVC and security (the platform's JVM has the services' database,
 * Axon and Kafka on its class path too, none of which the issuer wants). The accounts, their secrets, the signing key
 * and the settings come in as beans ({@link LocalIssuer}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class, ErrorMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class})
class IssuerConfiguration {
    /** How long a client's access token lives; a browser user's is the server's default (5 minutes). */
    static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofMinutes(15);

    /** The issuer's endpoints (token, authorize, JWKS, discovery, userinfo); a browser is sent to the login form. */
    @Bean
    @Order(1)
    SecurityFilterChain issuerEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer issuer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(issuer.getEndpointsMatcher())
                .with(issuer, i -> i.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The login form the browser users sign in with. */
    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
        return http.build();
    }

    /**
     * Secrets are stored as bcrypt hashes of the lowest cost: the demo's secrets sit in plain text beside the issuer
     * (and are printed), so a high cost would protect nothing and only slow the platform's start by seconds.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
    }

    @Bean
    UserDetailsService users(Accounts accounts, IssuerSecrets secrets, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(accounts.all().stream().filter(Account::user)
                .map(a -> User.withUsername(a.id()).password(encoder.encode(secrets.of(a.id())))
                        .roles(a.roleNames().stream().map(r -> r.replace('-', '_').toUpperCase()).toArray(String[]::new))
                        .build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients(Accounts accounts, IssuerSecrets secrets, PasswordEncoder encoder,
                                       IssuerSettings settings) {
        List<RegisteredClient> clients = new java.util.ArrayList<>(accounts.all().stream().map(a ->
                RegisteredClient.withId(UUID.nameUUIDFromBytes(a.id().getBytes()).toString())
                        .clientId(a.id())
                        .clientName(a.name())
                        .clientSecret(encoder.encode(secrets.of(a.id())))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(CLIENT_TOKEN_LIFETIME).build())
                        .build()).toList());
        clients.add(RegisteredClient.withId(UUID.nameUUIDFromBytes(Accounts.CONSOLE.getBytes()).toString())
                .clientId(Accounts.CONSOLE)
                .clientName("StudyLedger web console")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(settings.consoleRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build());
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(RSAKey key) {
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerSettings settings) {
        return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
    }

    /**
     * Access tokens name the service audience of their account, its roles, display name and (center staff) center;
     * ID tokens carry the name, roles and center too, for the console.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> studyLedgerClaims(Accounts accounts) {
        return context -> {
            boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean id = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!access && !id) {
                return;
            }
            String holder = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                    ? context.getRegisteredClient().getClientId() : context.getPrincipal().getName();
            accounts.get(holder).ifPresent(account -> {
                if (access) {
                    context.getClaims().audience(List.of(account.audience()));
                }
                context.getClaims().claim("name", account.name()).claim("roles", account.roleNames());
                if (account.center() != null) {
                    context.getClaims().claim("center", account.center());
                }
            });
        };
    }

    /** The accounts' secrets, by account id. */
    record IssuerSecrets(Map<String, String> secrets) {
        String of(String account) {
            return secrets.get(account);
        }
    }

    /** The issuer's URL and where the console may be sent back to. */
    record IssuerSettings(String issuer, List<String> consoleRedirectUris) {
    }
}
