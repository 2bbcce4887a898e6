package org.studyledger.infrastructure.testing;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studyledger.infrastructure.kafka.KafkaBroker;
import org.studyledger.infrastructure.kafka.KafkaCredentials;
import org.studyledger.infrastructure.kafka.KafkaEndpoint;
import org.studyledger.infrastructure.postgres.ExternalPostgres;
import org.studyledger.infrastructure.postgres.PostgresEndpoint;

/**
 * The JVM-wide PostgreSQL and Kafka for tests, and fresh databases and topic namespaces on them.
 *
 * <p>Static, because Spring's {@code @DynamicPropertySource} runs before JUnit resolves parameters; tests without
 * Spring can use {@link RealInfrastructure} instead. Each server is chosen (see the module README) and started on
 * first use, at most once per JVM, and stopped when the JVM exits.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static final Object postgresLock = new Object();
    private static final Object kafkaLock = new Object();
    private static Providers.Chosen<PostgresEndpoint> postgres;
    private static Providers.Chosen<KafkaEndpoint> kafka;
    private static final Object securedKafkaLock = new Object();
    private static KafkaBroker securedKafka;
    private static RuntimeException securedKafkaFailure;
    // A failed start is remembered, so that not every remaining test class waits for the same failure again.
    private static RuntimeException postgresFailure;
    private static RuntimeException kafkaFailure;
    private static final List<String> createdDatabases = new ArrayList<>();
    private static boolean shutdownHookAdded;

    private TestInfrastructure() {
    }

    /** The PostgreSQL server all tests of this JVM share. */
    public static PostgresEndpoint postgres() {
        synchronized (postgresLock) {
            if (postgresFailure != null) {
                throw new IllegalStateException("PostgreSQL for tests failed to start earlier", postgresFailure);
            }
            if (postgres == null) {
                try {
                    postgres = Providers.postgres();
                } catch (RuntimeException e) {
                    postgresFailure = e;
                    throw e;
                }
                addShutdownHook();
                log.info("PostgreSQL for tests: {}, because {}", postgres.endpoint(), postgres.reason());
            }
            return postgres.endpoint();
        }
    }

    /** The Kafka cluster all tests of this JVM share. */
    public static KafkaEndpoint kafka() {
        synchronized (kafkaLock) {
            if (kafkaFailure != null) {
                throw new IllegalStateException("Kafka for tests failed to start earlier", kafkaFailure);
            }
            if (kafka == null) {
                try {
                    kafka = Providers.kafka();
                } catch (RuntimeException e) {
                    kafkaFailure = e;
                    throw e;
                }
                addShutdownHook();
                log.info("Kafka for tests: {}, because {}", kafka.endpoint(), kafka.reason());
            }
            return kafka.endpoint();
        }
    }

    /**
     * The secured broker all tests of this JVM share: always an embedded {@link KafkaBroker} with SASL/SCRAM and the
     * standard authorizer, started on first use (a second broker beside {@link #kafka()}, which stays open).
     */
    public static KafkaBroker securedKafka() {
        synchronized (securedKafkaLock) {
            if (securedKafkaFailure != null) {
                throw new IllegalStateException("The secured Kafka for tests failed to start earlier", securedKafkaFailure);
            }
            if (securedKafka == null) {
                KafkaBroker broker = KafkaBroker.builder().sasl(KafkaCredentials.generate("broker")).build();
                try {
                    broker.start();
                } catch (RuntimeException e) {
                    broker.close();
                    securedKafkaFailure = e;
                    throw e;
                }
                securedKafka = broker;
                addShutdownHook();
                log.info("Secured Kafka for tests: {}", broker);
            }
            return securedKafka;
        }
    }

    /** A fresh namespace (topics, groups, users) on {@link #securedKafka()}, named after {@code ownerHint}. */
    public static SecuredTestKafka newSecuredKafka(String ownerHint) {
        return new SecuredTestKafka(securedKafka(), UniqueNames.topicPrefix(ownerHint));
    }

    /**
     * Creates an empty database named after {@code ownerHint} (usually the test class) plus a random suffix.
     * On an external server it is dropped at JVM exit unless {@code STUDYLEDGER_TEST_KEEP_DATABASES=true}.
     */
    public static TestDatabase newDatabase(String ownerHint) {
        PostgresEndpoint server = postgres();
        String name = UniqueNames.database(ownerHint);
        server.createDatabase(name);
        synchronized (createdDatabases) {
            createdDatabases.add(name);
        }
        log.debug("Created test database {}", name);
        return new TestDatabase(server, name);
    }

    /**
     * A fresh topic namespace named after {@code ownerHint} (usually the test class) plus a random suffix.
     * Topics are created by {@link TestKafka#createTopic} or, where the cluster allows it, on first use.
     */
    public static TestKafka newKafka(String ownerHint) {
        return new TestKafka(kafka(), UniqueNames.topicPrefix(ownerHint));
    }

    private static void addShutdownHook() {
        synchronized (TestInfrastructure.class) {
            if (!shutdownHookAdded) {
                Runtime.getRuntime().addShutdownHook(
                        new Thread(TestInfrastructure::shutDown, "studyledger-test-infrastructure-shutdown"));
                shutdownHookAdded = true;
            }
        }
    }

    private static void shutDown() {
        Providers.Chosen<KafkaEndpoint> kafkaToStop;
        Providers.Chosen<PostgresEndpoint> postgresToStop;
        KafkaBroker securedToStop;
        synchronized (kafkaLock) {
            kafkaToStop = kafka;
        }
        synchronized (securedKafkaLock) {
            securedToStop = securedKafka;
        }
        if (securedToStop != null) {
            try {
                securedToStop.close();
            } catch (RuntimeException e) {
                log.warn("Could not stop {}", securedToStop, e);
            }
        }
        synchronized (postgresLock) {
            postgresToStop = postgres;
        }
        if (kafkaToStop != null) {
            close(kafkaToStop);
        }
        if (postgresToStop != null) {
            dropCreatedDatabases(postgresToStop.endpoint());
            close(postgresToStop);
        }
    }

    /** Servers we started vanish with their data; an external one would collect test databases run after run. */
    private static void dropCreatedDatabases(PostgresEndpoint server) {
        if (!(server instanceof ExternalPostgres) || "true".equalsIgnoreCase(Settings.valueOrNull(Settings.KEEP_DATABASES))) {
            return;
        }
        List<String> names;
        synchronized (createdDatabases) {
            names = List.copyOf(createdDatabases);
        }
        for (String name : names) {
            try {
                server.dropDatabase(name);
            } catch (RuntimeException e) {
                log.warn("Could not drop test database {} on {}", name, server, e);
            }
        }
    }

    private static void close(Providers.Chosen<?> chosen) {
        if (chosen.lifecycle() == null) {
            return;
        }
        try {
            chosen.lifecycle().close();
        } catch (Exception e) {
            log.warn("Could not stop {}", chosen.endpoint(), e);
        }
    }
}
