package org.studyledger.local.issuer;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running local issuer: {@code http://127.0.0.1:<port>}, its accounts and their secrets. Standard endpoints:
 * {@code /.well-known/openid-configuration}, {@code /oauth2/jwks}, {@code /oauth2/token}, {@code /oauth2/authorize},
 * {@code /userinfo}, {@code /login}.
 */
public final class LocalIssuer implements AutoCloseable {
    /** Where the web console of a hub on its default port (8080) is sent back to after signing in. */
    public static final String CONSOLE_REDIRECT = consoleRedirect(8080);

    /** Where the web console of the hub on {@code hubPort} of this machine is sent back to after signing in. */
    public static String consoleRedirect(int hubPort) {
        return "http://127.0.0.1:" + hubPort + "/login/oauth2/code/studyledger";
    }

    private final ConfigurableApplicationContext context;
    private final String issuer;
    private final Accounts accounts;
    private final Map<String, String> secrets;

    private LocalIssuer(ConfigurableApplicationContext context, String issuer, Accounts accounts, Map<String, String> secrets) {
        this.context = context;
        this.issuer = issuer;
        this.accounts = accounts;
        this.secrets = secrets;
    }

    /**
     * Starts the issuer on {@code port} of the loopback interface for the accounts of {@code centers}, with its key
     * and secrets in {@code directory} (made at the first start).
     */
    public static LocalIssuer start(int port, Path directory, List<String> centers, List<String> consoleRedirectUris) {
        Accounts accounts = Accounts.of(centers);
        Map<String, String> secrets = IssuerFiles.secrets(directory, accounts);
        RSAKey key = IssuerFiles.signingKey(directory);
        String issuer = "http://127.0.0.1:" + port;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IssuerConfiguration.class)
                .initializers(c -> {
                    c.getBeanFactory().registerSingleton("accounts", accounts);
                    c.getBeanFactory().registerSingleton("issuerSecrets", new IssuerConfiguration.IssuerSecrets(secrets));
                    c.getBeanFactory().registerSingleton("signingKey", key);
                    c.getBeanFactory().registerSingleton("issuerSettings",
                            new IssuerConfiguration.IssuerSettings(issuer, consoleRedirectUris));
                })
                .properties(Map.of("spring.config.name", "local-issuer"))
                .registerShutdownHook(false)
                .run("--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN", "--spring.application.name=studyledger-issuer");
        return new LocalIssuer(context, issuer, accounts, secrets);
    }

    public String issuer() {
        return issuer;
    }

    public URI tokenEndpoint() {
        return URI.create(issuer + "/oauth2/token");
    }

    public Accounts accounts() {
        return accounts;
    }

    /** The secret of an account: its client secret and its browser password. */
    public String secret(String account) {
        String secret = secrets.get(account);
        if (secret == null) {
            throw new IllegalArgumentException("no account " + account);
        }
        return secret;
    }

    @Override
    public void close() {
        context.close();
    }
}
