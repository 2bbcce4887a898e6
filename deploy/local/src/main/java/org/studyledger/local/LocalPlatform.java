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
import org.apache.kafka.common.acl.AclBinding;
import org.studyledger.hub.HubProperties;
import org.studyledger.infrastructure.kafka.ExternalKafka;
import org.studyledger.infrastructure.kafka.KafkaAcls;
import org.studyledger.infrastructure.kafka.KafkaCredentials;
import org.studyledger.infrastructure.kafka.KafkaBroker;
import org.studyledger.infrastructure.kafka.KafkaEndpoint;
import org.studyledger.infrastructure.postgres.EmbeddedPostgresServer;
import org.studyledger.infrastructure.postgres.ExternalPostgres;
import org.studyledger.infrastructure.postgres.PostgresEndpoint;
import org.studyledger.kernel.study.CenterTopics;
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
 * <p>Every service has credentials of its own, generated at the first start and kept in the data directory
 * ({@link PlatformSecrets}): a Kafka user that may only do what its role needs ({@link KafkaAcls}: a center writes its
 * own topic, the hub reads the study's topics with its group; the embedded broker refuses clients without
 * credentials), and a database login in the service's runtime role ({@link DatabaseLogins}), which cannot change a
 * recorded event; the migrations run as the server's administrator, who owns the tables.
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
    private final Map<String, Map<String, Object>> centerSettings = new LinkedHashMap<>();
    private String hubUrl;
    private ConfigurableApplicationContext hubContext;
    private KeyDirectory keys;
    private PlatformSecrets secrets;

    /** The study the platform runs: its topics, its consumer group and its permissions are named after it. */
    static final String STUDY = "ESK-TRD";
    /** The embedded broker's own principal, its only super user. */
    static final String KAFKA_BROKER_USER = "broker";
    static final String KAFKA_HUB_USER = "hub";
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
                describe(kafka));
        Map<String, Map<String, String>> kafkaClients = kafkaUsers();
        saveSecrets();

        long t1 = System.nanoTime();
        issuer = LocalIssuer.start(options.issuerPort(), options.issuerDirectory(), options.centers(),
                List.of(LocalIssuer.consoleRedirect(options.hubPort())));
        started.add(issuer);
        hubUrl = "http://127.0.0.1:" + options.hubPort();
        Map<String, Object> hub = new LinkedHashMap<>(Map.of(
                "server.port", options.hubPort(),
                "studyledger.hub.study-id", STUDY,
                "studyledger.hub.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.hub.signing.keys-directory", keys.path(),
                // The hub's web console, signed in to at the platform's issuer (docs/console.md).
                "studyledger.console.client-id", Accounts.CONSOLE));
        hub.putAll(ownDatabase(HUB_DATABASE, DatabaseLogins.hubLogin(), DatabaseLogins.HUB_RUNTIME_ROLE));
        kafkaClients.getOrDefault(KAFKA_HUB_USER, Map.of()).forEach((k, v) -> hub.put("studyledger.hub.consumer." + k, v));
        List<String> logins = new ArrayList<>(List.of(DatabaseLogins.hubLogin()));
        for (int i = 0; i < options.centers().size(); i++) {
            String center = options.centers().get(i);
            String database = "studyledger_center_" + center.toLowerCase(Locale.ROOT);
            Map<String, Object> settings = new LinkedHashMap<>(Map.of(
                    "server.port", options.centerPort(i),
                    "studyledger.center.id", center,
                    "studyledger.center.study-id", STUDY,
                    "studyledger.publication.bootstrap-servers", kafka.bootstrapServers(),
                    "studyledger.center.signing.key-directory", keys.path()));
            settings.putAll(ownDatabase(database, DatabaseLogins.centerLogin(database), DatabaseLogins.CENTER_RUNTIME_ROLE));
            kafkaClients.getOrDefault(kafkaCenterUser(center), Map.of())
                    .forEach((k, v) -> settings.put("studyledger.publication.producer." + k, v));
            centerSettings.put(center, settings);
            logins.add(DatabaseLogins.centerLogin(database));
        }
        saveSecrets();
        out.println("credentials in " + secrets.file() + ": database logins " + String.join(", ", logins)
                + (kafkaClients.isEmpty() ? "" : "; Kafka users " + String.join(", ", kafkaClients.keySet())));

        hubContext = run(StudyHubApplication.application(), hub);
        started.add(hubContext);
        for (int i = 0; i < options.centers().size(); i++) {
            String center = options.centers().get(i);
            started.add(run(CenterIngestApplication.application(), centerSettings.get(center)));
            centerUrls.put(center, "http://127.0.0.1:" + options.centerPort(i));
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
            secrets = PlatformSecrets.open(options.secretsDirectory());
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
                .serverConfig("hba_file", writeHbaFile().toString())
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
                .dataDirectory(options.dataDir().resolve("kafka")).deleteDataOnClose(false)
                .sasl(secrets.kafkaUser(KAFKA_BROKER_USER)).build().start();
        started.add(Math.min(1, started.size()), broker);
        return broker;
    }

    /**
     * A service's own database (created on first start) and its login ({@link DatabaseLogins}): the service's
     * datasource settings, with its migrations run as the administrator, who owns what they create.
     */
    private Map<String, Object> ownDatabase(String name, String login, String runtimeRole) {
        if (!postgres.databaseExists(name)) {
            postgres.createDatabase(name);
        }
        String password = secrets.databasePassword(login);
        DatabaseLogins.provision(postgres, name, login, password, runtimeRole);
        String adminPassword = postgres.password() == null ? "" : postgres.password();
        return Map.of(
                "spring.datasource.url", postgres.jdbcUrl(name),
                "spring.datasource.username", login,
                "spring.datasource.password", password,
                "spring.flyway.user", postgres.user(),
                "spring.flyway.password", adminPassword);
    }

    /**
     * On the embedded broker: a SCRAM user per service, with the permissions its role needs and no more; returns each
     * user's client settings by user name. An external Kafka is the operators' to secure: nothing then.
     */
    private Map<String, Map<String, String>> kafkaUsers() {
        Map<String, Map<String, String>> clients = new LinkedHashMap<>();
        if (!(kafka instanceof KafkaBroker broker) || !broker.isSecured()) {
            return clients;
        }
        CenterTopics topics = CenterTopics.of(STUDY);
        List<KafkaCredentials> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        KafkaCredentials hub = secrets.kafkaUser(KAFKA_HUB_USER);
        users.add(hub);
        acls.addAll(KafkaAcls.hub(hub.principal(), topics.studyPrefix(), HubProperties.defaultConsumerGroup(STUDY)));
        for (String center : options.centers()) {
            KafkaCredentials user = secrets.kafkaUser(kafkaCenterUser(center));
            users.add(user);
            acls.addAll(KafkaAcls.center(user.principal(), topics.topicOf(center), true));
        }
        broker.upsertUsers(users);
        broker.grant(acls);
        users.forEach(u -> clients.put(u.username(), u.scramClientSettings("SASL_PLAINTEXT")));
        return clients;
    }

    static String kafkaCenterUser(String center) {
        return "center-" + center;
    }

    private void saveSecrets() {
        try {
            secrets.save();
        } catch (IOException e) {
            throw new StartFailed("could not write the generated credentials to " + secrets.file() + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * The embedded PostgreSQL's client authentication: every service login by password (SCRAM); the administrator
     * ({@code postgres}) without one, from this machine only, as the embedded server has always allowed.
     */
    private Path writeHbaFile() {
        Path file = options.dataDir().resolve("postgres-hba.conf");
        String superuser = "postgres";
        String rules = """
                # Written by the local platform at every start.
                # TYPE  DATABASE  USER       ADDRESS       METHOD
                local   all       %1$s                   trust
                host    all       %1$s       127.0.0.1/32  trust
                host    all       %1$s       ::1/128       trust
                host    all       all        127.0.0.1/32  scram-sha-256
                host    all       all        ::1/128       scram-sha-256
                """.formatted(superuser);
        try {
            Files.writeString(file, rules);
        } catch (IOException e) {
            throw new StartFailed("could not write " + file + " (" + e.getMessage() + ")", e);
        }
        return file;
    }

    private ConfigurableApplicationContext run(SpringApplicationBuilder application, Map<String, Object> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
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

    /** The hub's web console. */
    public String consoleUrl() {
        return hubUrl + "/console";
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
    public HubClient client() {
        AccessTokens centers = loaderTokens();
        AccessTokens hub = new ClientCredentials(issuer.tokenEndpoint(), Map.of("hub",
                new ClientCredentials.Client(Accounts.PLATFORM, issuer.secret(Accounts.PLATFORM))));
        return new HubClient(url -> url.startsWith(hubUrl) ? hub.forCenter("hub") : centerUrls.entrySet().stream()
                .filter(e -> url.startsWith(e.getValue())).map(e -> centers.forCenter(e.getKey())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a service of the platform: " + url)));
    }

    /** The hub's application context: a benchmark pauses its ledger consumer to measure the stages one by one. */
    public ConfigurableApplicationContext hubContext() {
        return hubContext;
    }

    /** The PostgreSQL every service's database is on, for reading the hub's database as its administrator. */
    public PostgresEndpoint postgres() {
        return postgres;
    }

    /** The hub's database. */
    public static final String HUB_DATABASE = "studyledger_hub";

    /**
     * A client of the hub as one of its demo accounts ({@code hub-auditor}, say), for what the platform's own client may
     * not read: the full ODM export with its audit records is the auditors'.
     */
    public HubClient hubClientAs(String account) {
        AccessTokens hub = new ClientCredentials(issuer.tokenEndpoint(), Map.of("hub",
                new ClientCredentials.Client(account, issuer.secret(account))));
        return new HubClient(url -> hub.forCenter("hub"));
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

    private static String describe(KafkaEndpoint kafka) {
        return kafka.bootstrapServers() + (kafka instanceof KafkaBroker b && b.isSecured()
                ? " (SASL/SCRAM, ACLs: each service its own user)" : "");
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
