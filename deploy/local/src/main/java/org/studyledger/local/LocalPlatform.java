package org.studyledger.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.cohort.load.AccessTokens;
import org.studyledger.cohort.load.ClientCredentials;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.infrastructure.DataDirectory;
import org.studyledger.infrastructure.kafka.ExternalKafka;
import org.studyledger.infrastructure.kafka.KafkaBroker;
import org.studyledger.infrastructure.kafka.KafkaEndpoint;
import org.studyledger.infrastructure.postgres.EmbeddedPostgresServer;
import org.studyledger.infrastructure.postgres.ExternalPostgres;
import org.studyledger.infrastructure.postgres.PostgresEndpoint;
import org.studyledger.local.issuer.Accounts;
import org.studyledger.local.issuer.LocalIssuer;

/**
 * The whole platform on one machine: PostgreSQL and a KRaft Kafka broker (embedded unless external ones
 * are named), one center-ingest service per center and the study hub, each with its own database, all
 * started through the same application entry points and configuration as a real deployment; only where
 * the infrastructure comes from differs. Then the synthetic cohort goes in through the centers' intake.
 *
 * <p>Signing keys need no setup: every center is given the platform's one key directory and creates its key
 * there at its first start; the hub reads the public records from the same directory, so each key is
 * registered as soon as it exists. The keys stay with the data directory, so a resumed platform signs with
 * the same keys, and {@code --fresh} removes them with the rest (unless an external PostgreSQL keeps the events
 * they signed).
 *
 * <p>Identity needs no setup either: the platform starts its own OpenID Connect issuer first ({@link LocalIssuer}), and
 * every service accepts its tokens; the cohort goes in as each center's loader client.
 */
public final class LocalPlatform implements AutoCloseable {
    private final PlatformOptions options;
    private final PrintStream out;
    private final List<AutoCloseable> started = new ArrayList<>();
    private PostgresEndpoint postgres;
    private KafkaEndpoint kafka;
    private final Map<String, String> centerUrls = new LinkedHashMap<>();
    private String hubUrl;
    private KeyDirectory keys;
    private LocalIssuer issuer;
    /** Boot's own authorization-server configuration, which the services must not get from the issuer's jars. */
    private static final String WITHOUT_ISSUER = "org.springframework.boot.autoconfigure.security.oauth2.server.servlet"
            + ".OAuth2AuthorizationServerAutoConfiguration,org.springframework.boot.autoconfigure.security.oauth2.server"
            + ".servlet.OAuth2AuthorizationServerJwtAutoConfiguration";

    private LocalPlatform(PlatformOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Starts everything (not the cohort); on any failure stops what was started and throws {@link StartFailed}. */
    public static LocalPlatform start(PlatformOptions options, PrintStream out) {
        LocalPlatform platform = new LocalPlatform(options, out);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e instanceof StartFailed sf ? sf : new StartFailed(rootMessage(e), e);
        }
    }

    private void startAll() {
        prepareDataDirectory();
        checkPortsFree();
        long t0 = System.nanoTime();
        postgres = startPostgres();
        kafka = startKafka();
        out.printf("infrastructure up in %.1f s: PostgreSQL %s, Kafka %s%n", seconds(t0), describe(postgres),
                kafka.bootstrapServers());

        long t1 = System.nanoTime();
        issuer = LocalIssuer.start(options.issuerPort(), options.issuerDirectory(), options.centers(),
                List.of(LocalIssuer.CONSOLE_REDIRECT));
        started.add(issuer);
        hubUrl = "http://127.0.0.1:" + options.hubPort();
        started.add(run(StudyHubApplication.application(), Map.of(
                "server.port", options.hubPort(),
                "spring.datasource.url", database("studyledger_hub"),
                "studyledger.hub.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.hub.signing.keys-directory", keys.path())));
        for (int i = 0; i < options.centers().size(); i++) {
            String center = options.centers().get(i);
            int port = options.centerPort(i);
            started.add(run(CenterIngestApplication.application(), Map.of(
                    "server.port", port,
                    "spring.datasource.url", database("studyledger_center_" + center.toLowerCase(Locale.ROOT)),
                    "studyledger.center.id", center,
                    "studyledger.publication.bootstrap-servers", kafka.bootstrapServers(),
                    "studyledger.center.signing.key-directory", keys.path())));
            centerUrls.put(center, "http://127.0.0.1:" + port);
        }
        out.printf("services up in %.1f s: issuer %s, hub %s, centers %s%n", seconds(t1), issuer.issuer(), hubUrl, centerUrls);
        out.println("signing keys in " + keys.path() + ": " + requireSigningKeys());
    }

    /**
     * Each center's key id. A center that started without one could not sign, and the hub would refuse everything
     * it sends: better to stop here with the reason than to quarantine a whole cohort.
     */
    private Map<String, String> requireSigningKeys() {
        Map<String, String> active = keys.activeKeyIds(options.centers());
        List<String> without = active.entrySet().stream().filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey).toList();
        if (!without.isEmpty()) {
            throw new StartFailed("no signing key of " + String.join(", ", without) + " in " + keys.path()
                    + " after the centers started; check that the directory is writable", null);
        }
        return active;
    }

    private void prepareDataDirectory() {
        Path dir = options.dataDir();
        try {
            if (options.fresh() && Files.exists(dir)) {
                out.println(freshStart(dir, options.keyDirectory(), options.jdbcUrl() != null));
            }
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, "probe", ".tmp");
            Files.delete(probe);
            keys = KeyDirectory.prepare(options.keyDirectory());
        } catch (IOException e) {
            throw new StartFailed("the data directory " + dir + " is not writable (" + e.getMessage()
                    + "); free some disk space or choose another with --data-dir", e);
        }
    }

    /**
     * Deletes the data directory for {@code --fresh}; with {@code keepKeys} all of it but the key directory, since an
     * external PostgreSQL keeps the events the keys signed, and without their keys those could never be verified
     * again. Returns what it did, for the user.
     */
    static String freshStart(Path dir, Path keyDirectory, boolean keepKeys) throws IOException {
        if (!keepKeys) {
            DataDirectory.deleteRecursively(dir);
            return "started fresh: deleted " + dir;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(c -> !c.equals(keyDirectory)).toList()) {
                DataDirectory.deleteRecursively(child);
            }
        }
        return "started fresh: deleted " + dir + " except the signing keys in " + keyDirectory
                + " (the external PostgreSQL keeps the events they signed)";
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("issuer", options.issuerPort());
        ports.put("hub", options.hubPort());
        for (int i = 0; i < options.centers().size(); i++) {
            ports.put("center " + options.centers().get(i), options.centerPort(i));
        }
        if (options.jdbcUrl() == null) {
            ports.put("PostgreSQL", options.postgresPort());
        }
        if (options.kafkaBootstrap() == null) {
            ports.put("Kafka", options.kafkaPort());
            ports.put("Kafka controller", options.kafkaPort() + 1);
        }
        ports.forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new StartFailed("port " + port + " (" + what + ") is in use; stop what uses it or choose"
                        + " other ports (--hub-port, --center-port, --postgres-port, --kafka-port, --issuer-port)", e);
            }
        });
    }

    private PostgresEndpoint startPostgres() {
        if (options.jdbcUrl() != null) {
            ExternalPostgres external = new ExternalPostgres(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
            if (!external.isReachable()) {
                throw new StartFailed("PostgreSQL at " + options.jdbcUrl() + " (STUDYLEDGER_JDBC_URL) does not answer", null);
            }
            return external;
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().port(options.postgresPort())
                .dataDirectory(options.dataDir().resolve("postgres")).deleteDataOnClose(false)
                // stopped by close(), after the services: its own hook would race them
                .registerShutdownHook(false).build().start();
        started.add(0, server);
        return server;
    }

    private KafkaEndpoint startKafka() {
        if (options.kafkaBootstrap() != null) {
            return new ExternalKafka(options.kafkaBootstrap());
        }
        KafkaBroker broker = KafkaBroker.builder().port(options.kafkaPort()).controllerPort(options.kafkaPort() + 1)
                .dataDirectory(options.dataDir().resolve("kafka")).deleteDataOnClose(false).build().start();
        started.add(Math.min(1, started.size()), broker);
        return broker;
    }

    /** The JDBC URL of a service's own database, created on first start. */
    private String database(String name) {
        if (!postgres.databaseExists(name)) {
            postgres.createDatabase(name);
        }
        return postgres.jdbcUrl(name);
    }

    private ConfigurableApplicationContext run(SpringApplicationBuilder application, Map<String, Object> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--spring.datasource.username=" + postgres.user());
        args.add("--spring.datasource.password=" + (postgres.password() == null ? "" : postgres.password()));
        args.add("--spring.main.banner-mode=off");
        args.add("--studyledger.security.issuer-uri=" + issuer.issuer());
        args.add("--spring.autoconfigure.exclude=" + WITHOUT_ISSUER);
        args.add("--logging.level.root=WARN");
        args.add("--logging.level.org.apache.kafka=ERROR");
        // The platform stops the services itself, before Kafka and PostgreSQL: their own shutdown hooks would
        // race with that and lose the infrastructure under them.
        return application.registerShutdownHook(false).run(args.toArray(String[]::new));
    }

    public Map<String, String> centerUrls() {
        return centerUrls;
    }

    public String hubUrl() {
        return hubUrl;
    }

    /** The platform's OpenID Connect issuer. */
    public LocalIssuer issuer() {
        return issuer;
    }

    /** Each center's loader client's tokens (client credentials at the issuer). */
    public AccessTokens loaderTokens() {
        Map<String, ClientCredentials.Client> clients = new LinkedHashMap<>();
        options.centers().forEach(c -> clients.put(c, new ClientCredentials.Client(Accounts.loader(c),
                issuer.secret(Accounts.loader(c)))));
        return new ClientCredentials(issuer.tokenEndpoint(), clients);
    }

    /**
     * A client of the platform's services as the platform itself: at a center as its loader client, at the hub as the
     * platform's client (analyst and hub admin).
     */
    HubClient client() {
        AccessTokens centers = loaderTokens();
        AccessTokens hub = new ClientCredentials(issuer.tokenEndpoint(), Map.of("hub",
                new ClientCredentials.Client(Accounts.PLATFORM, issuer.secret(Accounts.PLATFORM))));
        return new HubClient(url -> url.startsWith(hubUrl) ? hub.forCenter("hub") : centerUrls.entrySet().stream()
                .filter(e -> url.startsWith(e.getValue())).map(e -> centers.forCenter(e.getKey())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a service of the platform: " + url)));
    }

    /** The key directory every center and the hub are given. */
    public Path keyDirectory() {
        return keys.path();
    }

    public PlatformOptions options() {
        return options;
    }

    /** Stops the services first (they flush and release their tokens), then Kafka, then PostgreSQL. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println("while stopping: " + rootMessage(e));
            }
        }
        started.clear();
    }

    private static String describe(PostgresEndpoint postgres) {
        return postgres instanceof EmbeddedPostgresServer e ? "embedded on port " + e.port() + " (data in "
                + e.dataDirectory() + ")" : "external";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t.getMessage() + ")";
    }

    /** The platform could not start; the message says why and what to do. */
    public static class StartFailed extends RuntimeException {
        public StartFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
