package org.studyledger.infrastructure.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local platform's use: a kept data directory and a fixed port, where the next server started on them —
 * as after a restart of the platform — finds the databases of the previous one.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path workDirectory;

    @Test
    void aKeptDataDirectoryIsReusedByTheNextServer() throws SQLException {
        Path dataDirectory = workDirectory.resolve("pgdata");
        int port;
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.builder().dataDirectory(dataDirectory).build()) {
            first.start();
            port = first.port();
            first.createDatabase("ledger");
            try (Connection connection = first.connect("ledger"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE site (id text PRIMARY KEY)");
                statement.execute("INSERT INTO site VALUES ('berlin-01')");
            }
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).as("kept after close").isRegularFile();

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.builder()
                .dataDirectory(dataDirectory).port(port).build().start()) {
            assertThat(second.jdbcUrl("ledger")).isEqualTo("jdbc:postgresql://localhost:" + port + "/ledger");
            assertThat(second.databaseExists("ledger")).isTrue();
            try (Connection connection = second.connect("ledger");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id FROM site")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("berlin-01");
                assertThat(rows.next()).isFalse();
            }
            try (Connection connection = second.connect("postgres");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isBetween(170000, 179999);
            }
            second.stop();
            assertThat(second.isRunning()).isFalse();
        }
    }
}
