package org.studyledger.infrastructure.postgres;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL 17 in a Docker container. Once started it is just another server reached over JDBC, so everything
 * but the lifecycle is delegated to {@link ExternalPostgres}.
 */
public final class TestcontainersPostgres implements PostgresEndpoint, AutoCloseable {

    public static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer<?> container;
    private final ExternalPostgres server;
    private final String description;

    private TestcontainersPostgres(PostgreSQLContainer<?> container) {
        this.container = container;
        this.server = new ExternalPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        // Computed while running: a stopped container no longer knows its mapped port.
        this.description = "Testcontainers PostgreSQL " + IMAGE + " at " + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    /** Pulls (if needed) and starts the container; requires a Docker engine. */
    @SuppressWarnings("resource") // closed in close()
    public static TestcontainersPostgres start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE))
                // One server serves every test class of the JVM, and each Spring context brings its own pool.
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        try {
            container.start();
            return new TestcontainersPostgres(container);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    @Override
    public String user() {
        return server.user();
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public String adminDatabase() {
        return server.adminDatabase();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return description;
    }
}
