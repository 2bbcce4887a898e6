package org.studyledger.infrastructure.testing;

import java.util.Optional;

import org.studyledger.infrastructure.kafka.ExternalKafka;
import org.studyledger.infrastructure.kafka.KafkaBroker;
import org.studyledger.infrastructure.kafka.KafkaEndpoint;
import org.studyledger.infrastructure.kafka.TestcontainersKafka;
import org.studyledger.infrastructure.postgres.EmbeddedPostgresServer;
import org.studyledger.infrastructure.postgres.ExternalPostgres;
import org.studyledger.infrastructure.postgres.PostgresEndpoint;
import org.studyledger.infrastructure.postgres.TestcontainersPostgres;
import org.testcontainers.DockerClientFactory;

/**
 * Decides where tests get PostgreSQL and Kafka from, independently for each: an external server named by the
 * environment, else Testcontainers if Docker answers, else embedded in this JVM (Kafka) or as a child process
 * (PostgreSQL). Whatever is started here is returned as a lifecycle to close at JVM exit.
 */
final class Providers {

    /** Each Spring test context brings its own connection pool, and all of them share this one server. */
    private static final String EMBEDDED_MAX_CONNECTIONS = "300";

    private static Boolean dockerAvailable;

    private Providers() {
    }

    /**
     * @param lifecycle what to close at JVM exit; {@code null} for servers we did not start
     * @param reason    why this one was chosen, for the log
     */
    record Chosen<T>(T endpoint, AutoCloseable lifecycle, String reason) {
    }

    static Chosen<PostgresEndpoint> postgres() {
        Optional<Settings.Setting> url = Settings.find(Settings.JDBC_URL);
        if (url.isPresent()) {
            ExternalPostgres server = new ExternalPostgres(url.get().value(),
                    Settings.valueOrNull(Settings.JDBC_USER), Settings.valueOrNull(Settings.JDBC_PASSWORD));
            // Named explicitly, so falling back to something else would hide a broken CI setup.
            if (!server.isReachable()) {
                throw new IllegalStateException(server + " (from " + url.get().source()
                        + ") does not accept connections");
            }
            return new Chosen<>(server, null, "it is named by " + url.get().source());
        }
        if (dockerAvailable()) {
            TestcontainersPostgres container = TestcontainersPostgres.start();
            return new Chosen<>(container, container, Settings.JDBC_URL + " is not set and Docker is available");
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.builder()
                .serverConfig("max_connections", EMBEDDED_MAX_CONNECTIONS)
                .build();
        try {
            embedded.start();
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
        return new Chosen<>(embedded, embedded, Settings.JDBC_URL + " is not set and Docker is not available");
    }

    static Chosen<KafkaEndpoint> kafka() {
        Optional<Settings.Setting> bootstrap = Settings.find(Settings.KAFKA_BOOTSTRAP);
        if (bootstrap.isPresent()) {
            return new Chosen<>(new ExternalKafka(bootstrap.get().value()), null,
                    "it is named by " + bootstrap.get().source());
        }
        if (dockerAvailable()) {
            TestcontainersKafka container = TestcontainersKafka.start();
            return new Chosen<>(container, container, Settings.KAFKA_BOOTSTRAP + " is not set and Docker is available");
        }
        KafkaBroker embedded = KafkaBroker.builder().build();
        try {
            embedded.start();
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
        return new Chosen<>(embedded, embedded, Settings.KAFKA_BOOTSTRAP + " is not set and Docker is not available");
    }

    /** Asked once per JVM, so PostgreSQL and Kafka cannot get different answers if Docker comes and goes. */
    private static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAvailable;
    }
}
