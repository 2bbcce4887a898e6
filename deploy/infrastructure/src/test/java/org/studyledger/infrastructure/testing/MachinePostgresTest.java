package org.studyledger.infrastructure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.studyledger.infrastructure.postgres.ExternalPostgres;

/**
 * The external path against a real server that someone else runs: the one named by
 * {@code STUDYLEDGER_TEST_JDBC_URL}, else the machine's own PostgreSQL on 5432 (as on the build machines and CI).
 */
class MachinePostgresTest {

    private static final String MACHINE_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @Test
    void createsUsesAndDropsADatabaseOnAnExternalServer() throws SQLException {
        String url = Settings.find(Settings.JDBC_URL).map(Settings.Setting::value).orElse(MACHINE_POSTGRES);
        String user = Settings.find(Settings.JDBC_USER).map(Settings.Setting::value).orElse("postgres");
        ExternalPostgres server = new ExternalPostgres(url, user, Settings.valueOrNull(Settings.JDBC_PASSWORD));
        assumeTrue(server.isReachable(), () -> "No PostgreSQL accepts connections at " + server
                + "; set " + Settings.JDBC_URL + " to run this test against another server");

        String name = UniqueNames.database(getClass().getSimpleName());
        server.createDatabase(name);
        try {
            assertThat(server.databaseExists(name)).isTrue();
            try (Connection connection = server.connect(name); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE consent (subject text PRIMARY KEY, given boolean NOT NULL)");
                statement.execute("INSERT INTO consent VALUES ('S-001', true)");
                try (ResultSet rows = statement.executeQuery("SELECT given, current_database() FROM consent")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getBoolean(1)).isTrue();
                    assertThat(rows.getString(2)).isEqualTo(name);
                }
            }
        } finally {
            server.dropDatabase(name);
        }
        assertThat(server.databaseExists(name)).isFalse();
    }
}
