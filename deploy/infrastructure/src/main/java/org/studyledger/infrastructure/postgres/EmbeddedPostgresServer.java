package org.studyledger.infrastructure.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.studyledger.infrastructure.DataDirectory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from binaries that come as a Maven artifact (zonky), so neither an installed
 * server nor Docker is needed.
 *
 * <p>Two uses: tests take the defaults (random port, throw-away data directory deleted on {@link #close()});
 * the local platform sets a fixed port and its own data directory, which is kept, so a second {@link #start()}
 * — also in a later JVM — finds the same databases. {@link #stop()} never deletes data, so stop/start on one
 * instance keeps the data and the port in either mode.
 *
 * <p>Authentication is {@code trust} on localhost: the server is for development and tests only.
 */
public final class EmbeddedPostgresServer implements PostgresEndpoint, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";

    private final Path dataDirectory;
    private final boolean deleteDataOnClose;
    private final boolean registerShutdownHook;
    private final Map<String, String> serverConfig;
    private int port;
    private EmbeddedPostgres running;

    private EmbeddedPostgresServer(Builder builder) {
        this.port = builder.port;
        this.serverConfig = Map.copyOf(builder.serverConfig);
        DataDirectory data = DataDirectory.of(builder.dataDirectory, builder.deleteDataOnClose, "postgres");
        this.dataDirectory = data.path();
        this.deleteDataOnClose = data.deleteOnClose();
        this.registerShutdownHook = builder.registerShutdownHook;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server, running {@code initdb} first if the data directory holds no cluster yet. After the first
     * start the port is fixed for this instance, so clients configured with {@link #jdbcUrl} keep working across
     * a restart.
     */
    public synchronized EmbeddedPostgresServer start() {
        if (running != null) {
            throw new IllegalStateException("PostgreSQL is already running on port " + port);
        }
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // zonky's own cleaning would re-run initdb on every start; deletion is decided in close().
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(registerShutdownHook)
                    .setPort(port);
            serverConfig.forEach(zonky::setServerConfig);
            running = zonky.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
        }
        port = running.getPort();
        log.info("Embedded PostgreSQL started on port {} with data in {}", port, dataDirectory);
        return this;
    }

    /** Stops the server and keeps the data directory, so {@link #start()} can bring the same data back. */
    public synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL on port " + port, e);
        } finally {
            running = null;
        }
        log.info("Embedded PostgreSQL on port {} stopped", port);
    }

    /** Stops the server and, for a throw-away data directory, deletes it. */
    @Override
    public synchronized void close() {
        stop();
        if (deleteDataOnClose) {
            try {
                DataDirectory.deleteRecursively(dataDirectory);
            } catch (IOException e) {
                log.warn("Could not delete PostgreSQL data directory {}", dataDirectory, e);
            }
        }
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** The port; {@code 0} before the first start of a server built without a fixed port. */
    public synchronized int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public synchronized String jdbcUrl(String database) {
        if (port == 0) {
            throw new IllegalStateException("The port is chosen on the first start; start() the server first");
        }
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public String user() {
        return SUPERUSER;
    }

    /** Ignored by the server (trust authentication), but frameworks tend to insist on having one. */
    @Override
    public String password() {
        return SUPERUSER;
    }

    @Override
    public String adminDatabase() {
        return "postgres";
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL 17 on port " + port + " (data in " + dataDirectory + ")";
    }

    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private Boolean deleteDataOnClose;
        private boolean registerShutdownHook = true;
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /** A fixed port; without it a free one is chosen on the first start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A data directory to keep: created (with {@code initdb}) on the first start and reused afterwards.
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

        /** A {@code postgresql.conf} setting passed on the command line, e.g. {@code max_connections}. */
        /**
         * Whether the server stops itself when the JVM exits (the default). Off for an owner that stops it in its
         * own order, after the services using it: a JVM runs shutdown hooks concurrently.
         */
        public Builder registerShutdownHook(boolean registerShutdownHook) {
            this.registerShutdownHook = registerShutdownHook;
            return this;
        }

        public Builder serverConfig(String name, String value) {
            serverConfig.put(name, value);
            return this;
        }

        public EmbeddedPostgresServer build() {
            return new EmbeddedPostgresServer(this);
        }
    }
}
