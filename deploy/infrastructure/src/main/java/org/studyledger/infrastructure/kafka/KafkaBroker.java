package org.studyledger.infrastructure.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.studyledger.infrastructure.DataDirectory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one node) inside this JVM, so neither an
 * installed Kafka nor Docker is needed. Client and broker jars must then be the same Kafka version.
 *
 * <p>Two uses: tests take the defaults (free ports, throw-away data directory deleted on {@link #close()});
 * the local platform sets fixed ports and its own data directory, which is kept. {@link #stop()} never deletes
 * data and the ports stay fixed after the first start, so stop/start on one instance brings back the same
 * topics and records at the same address — which is how tests simulate a broker outage.
 *
 * <p><b>Secured</b> ({@link Builder#sasl}): no listener accepts a client without credentials. Clients authenticate
 * with SASL/SCRAM-SHA-256 ({@link #clientProperties(KafkaCredentials)}; users are added with {@link #upsertUsers}),
 * and Kafka's {@code StandardAuthorizer} allows only what an ACL grants ({@link #grant}; {@link KafkaAcls}). The
 * broker's own principal is the only super user: it authenticates with SASL/PLAIN against the listeners' static
 * configuration, because the controller cannot use SCRAM (its credentials live in the metadata the controller
 * serves) and because it must also work on a data directory whose metadata holds no SCRAM credential yet, e.g. one
 * formatted before it was secured.
 */
public final class KafkaBroker implements KafkaEndpoint, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String SASL_LISTENER = "CLIENT";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final long PROPAGATION_TIMEOUT_MS = 30_000;

    private final Path dataDirectory;
    private final boolean deleteDataOnClose;
    private final boolean autoCreateTopics;
    private final Map<String, String> overrides;
    private final KafkaCredentials superUser;
    private int port;
    private int controllerPort;
    private KafkaRaftServer running;

    private KafkaBroker(Builder builder) {
        this.port = builder.port;
        this.controllerPort = builder.controllerPort;
        this.autoCreateTopics = builder.autoCreateTopics;
        this.overrides = Map.copyOf(builder.overrides);
        this.superUser = builder.superUser;
        DataDirectory data = DataDirectory.of(builder.dataDirectory, builder.deleteDataOnClose, "kafka");
        this.dataDirectory = data.path();
        this.deleteDataOnClose = data.deleteOnClose();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node, formatting the data directory first if it has never been formatted. Returns once the
     * broker is registered and unfenced, i.e. ready for clients.
     */
    public synchronized KafkaBroker start() {
        if (running != null) {
            throw new IllegalStateException("Kafka is already running at " + bootstrapServers());
        }
        long started = System.nanoTime();
        if (port == 0) {
            port = freePort(controllerPort);
        }
        if (controllerPort == 0) {
            controllerPort = freePort(port);
        }
        KafkaConfig config = new KafkaConfig(configuration(), false);
        formatIfNew();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException | Error e) {
            // A half-started node holds ports and non-daemon threads; release them before reporting.
            try {
                shutDown(server);
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw new IllegalStateException("Could not start Kafka at " + HOST + ":" + port + " with data in "
                    + dataDirectory, e);
        }
        running = server;
        log.info("Embedded Kafka {} started in {} ms at {} with data in {}", AppInfoParser.getVersion(),
                (System.nanoTime() - started) / 1_000_000, bootstrapServers(), dataDirectory);
        return this;
    }

    /** Stops the node and keeps the data directory, so {@link #start()} brings back the same topics and records. */
    public synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            shutDown(running);
        } finally {
            running = null;
        }
        log.info("Embedded Kafka at {} stopped", bootstrapServers());
    }

    /** Stops the node and, for a throw-away data directory, deletes it. */
    @Override
    public synchronized void close() {
        stop();
        if (deleteDataOnClose) {
            try {
                Utils.delete(dataDirectory.toFile());
            } catch (IOException e) {
                log.warn("Could not delete Kafka data directory {}", dataDirectory, e);
            }
        }
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    @Override
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("The port is chosen on the first start; start() the broker first");
        }
        return HOST + ":" + port;
    }

    /** Whether clients must authenticate and be authorised ({@link Builder#sasl}). */
    public boolean isSecured() {
        return superUser != null;
    }

    /** On a secured broker, authenticated as its super user: what {@link #admin()} and the topic helpers use. */
    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = KafkaEndpoint.super.clientProperties();
        if (superUser != null) {
            properties.putAll(superUser.clientSettings("SASL_PLAINTEXT", "PLAIN", PLAIN_LOGIN));
        }
        return properties;
    }

    /** Bootstrap servers and the settings that authenticate as {@code user} (SCRAM-SHA-256 over SASL_PLAINTEXT). */
    public Map<String, Object> clientProperties(KafkaCredentials user) {
        requireSecured();
        Map<String, Object> properties = KafkaEndpoint.super.clientProperties();
        properties.putAll(user.scramClientSettings("SASL_PLAINTEXT"));
        return properties;
    }

    /**
     * Creates the users' SCRAM-SHA-256 credentials, or replaces their passwords (through the Admin API, as the super
     * user), and returns once the broker authenticates with them.
     */
    public void upsertUsers(Collection<KafkaCredentials> users) {
        requireSecured();
        List<UserScramCredentialAlteration> alterations = users.stream()
                .<UserScramCredentialAlteration>map(u -> new UserScramCredentialUpsertion(u.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192), u.password()))
                .toList();
        Set<String> names = users.stream().map(KafkaCredentials::username).collect(Collectors.toSet());
        try (Admin admin = admin()) {
            await(admin.alterUserScramCredentials(alterations).all(), "create SCRAM users " + names);
            awaitPropagation("SCRAM users " + names, () -> await(admin.describeUserScramCredentials().all(),
                    "describe SCRAM users").keySet().containsAll(names));
        }
    }

    /** Creates the ACL bindings (existing ones are kept) and returns once the authorizer applies them. */
    public void grant(Collection<AclBinding> bindings) {
        requireSecured();
        try (Admin admin = admin()) {
            await(admin.createAcls(bindings).all(), "create ACLs " + bindings);
            awaitPropagation("ACLs " + bindings, () -> await(admin.describeAcls(AclBindingFilter.ANY).values(),
                    "describe ACLs").containsAll(bindings));
        }
    }

    private void requireSecured() {
        if (superUser == null) {
            throw new IllegalStateException("Users and ACLs need a secured broker (KafkaBroker.builder().sasl(...))");
        }
    }

    /** The controller commits first; the broker's authorizer and credential cache follow a moment later. */
    private static void awaitPropagation(String what, BooleanSupplier applied) {
        long deadline = System.nanoTime() + PROPAGATION_TIMEOUT_MS * 1_000_000;
        while (!applied.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not apply " + what + " within " + PROPAGATION_TIMEOUT_MS + " ms");
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(PROPAGATION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + " on " + this, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not " + what + " within " + PROPAGATION_TIMEOUT_MS + " ms", e);
        }
    }

    /** The client port; {@code 0} before the first start of a broker built without a fixed port. */
    public synchronized int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public synchronized String toString() {
        return "embedded Kafka (KRaft, single node" + (superUser == null ? "" : ", SASL and ACLs") + ") at " + HOST + ":"
                + port + " (data in " + dataDirectory + ")";
    }

    private Map<String, String> configuration() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        // A static voter set: nothing about the quorum is written into storage, so only the config has to agree
        // with itself on every start.
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        if (superUser == null) {
            config.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + port + ","
                    + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
            config.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + port);
            config.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            config.put("inter.broker.listener.name", CLIENT_LISTENER);
        } else {
            config.putAll(securedListeners());
        }
        config.put("log.dirs", dataDirectory.toString());
        // One node: internal topics cannot have more than one replica, and Kafka's defaults (3) would never be met.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        // 50 partitions per internal topic only cost start-up time on a single node with a handful of groups.
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.num.partitions", "1");
        // Consumers in tests join one at a time; waiting for more members only slows every test down.
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        config.put("num.partitions", "1");
        // The log cleaner otherwise reserves 128 MB of heap for compacting __consumer_offsets.
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        config.putAll(overrides);
        return config;
    }

    /**
     * SASL on both listeners, no PLAINTEXT one. Clients: SCRAM-SHA-256, whose credentials are in the cluster's
     * metadata; PLAIN only for the broker's own principal, from the static JAAS entry below, which lists no other
     * user. The controller listener: PLAIN for the broker principal only.
     */
    private Map<String, String> securedListeners() {
        String client = SASL_LISTENER.toLowerCase(Locale.ROOT);
        String controller = CONTROLLER_LISTENER.toLowerCase(Locale.ROOT);
        String brokerPlain = superUser.jaas(PLAIN_LOGIN,
                " user_" + superUser.username() + "=\"" + superUser.password() + "\"");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", SASL_LISTENER + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", SASL_LISTENER + "://" + HOST + ":" + port);
        config.put("listener.security.protocol.map", SASL_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        config.put("inter.broker.listener.name", SASL_LISTENER);
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name." + controller + ".plain.sasl.jaas.config", brokerPlain);
        config.put("listener.name." + client + ".sasl.enabled.mechanisms", KafkaCredentials.SCRAM_MECHANISM + ",PLAIN");
        config.put("listener.name." + client + ".plain.sasl.jaas.config", brokerPlain);
        config.put("listener.name." + client + "." + KafkaCredentials.SCRAM_MECHANISM.toLowerCase(Locale.ROOT)
                + ".sasl.jaas.config", SCRAM_LOGIN + " required;");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", superUser.principal());
        // Kafka's default, stated: a resource without ACLs is closed to everyone but the super user.
        config.put("allow.everyone.if.no.acl.found", "false");
        return config;
    }

    private void formatIfNew() {
        String directory = dataDirectory.toString();
        if (Files.exists(dataDirectory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(directory)
                    .addDirectory(directory)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + directory, e);
        }
    }

    private static void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Asks the OS for a free port. Another process could take it before Kafka binds it, but Kafka needs the
     * controller port in its configuration before it starts, so binding port 0 is not an option.
     */
    private static int freePort(int notThisOne) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                if (socket.getLocalPort() != notThisOne) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("Could not find a second free port on " + HOST);
    }

    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDirectory;
        private Boolean deleteDataOnClose;
        private boolean autoCreateTopics = true;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private KafkaCredentials superUser;

        private Builder() {
        }

        /**
         * Secures the broker: SASL on every listener, the standard authorizer, and {@code brokerUser} as the broker's
         * own principal and the only super user. Without it the broker is open (PLAINTEXT, no authorizer).
         */
        public Builder sasl(KafkaCredentials brokerUser) {
            this.superUser = brokerUser;
            return this;
        }

        /** A fixed client port; without it a free one is chosen on the first start. */
        public Builder port(int port) {
            this.port = requirePort(port);
            return this;
        }

        /** A fixed controller port; without it a free one is chosen on the first start. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = requirePort(controllerPort);
            return this;
        }

        /**
         * A data directory to keep, owned entirely by the broker: formatted on the first start, reused afterwards.
         * Without it a temporary directory is used and deleted on {@link #close()}.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Overrides the default: delete a temporary data directory on close, keep a given one. */
        public Builder deleteDataOnClose(boolean deleteDataOnClose) {
            this.deleteDataOnClose = deleteDataOnClose;
            return this;
        }

        /** Whether producing to or subscribing to an unknown topic creates it; on by default, as in Kafka. */
        public Builder autoCreateTopics(boolean autoCreateTopics) {
            this.autoCreateTopics = autoCreateTopics;
            return this;
        }

        /** Any broker setting, applied after (and so winning over) this class's own. */
        public Builder property(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public KafkaBroker build() {
            return new KafkaBroker(this);
        }

        private static int requirePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return port;
        }
    }
}
