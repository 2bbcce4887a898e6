package org.studyledger.infrastructure.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealInfrastructure
class PostgresHarnessTest {

    private final TestDatabase database;

    PostgresHarnessTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    static void createSchema(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE visit (subject text NOT NULL, number int NOT NULL, PRIMARY KEY (subject, number))");
        }
    }

    @Test
    void roundTripsRowsThroughJdbc() throws SQLException {
        try (Connection connection = database.connect()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO visit VALUES (?, ?)")) {
                insert.setString(1, "S-001");
                insert.setInt(2, 1);
                insert.executeUpdate();
                insert.setString(1, "S-001");
                insert.setInt(2, 2);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT number FROM visit WHERE subject = ? ORDER BY number")) {
                select.setString(1, "S-001");
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                    assertThat(rows.next()).isFalse();
                }
            }
        }
    }

    @Test
    void everyInjectionPointOfTheClassGetsTheSameDatabase(TestDatabase parameter) throws SQLException {
        assertThat(parameter).isSameAs(database);
        try (Connection connection = parameter.connect()) {
            assertThat(connection.getCatalog()).isEqualTo(database.name());
            assertThat(tableExists(connection, "visit")).as("table created in @BeforeAll").isTrue();
        }
        assertThat(database.name())
                .startsWith("t_postgresharnesstest_")
                .matches("[a-z0-9_]{1,63}");
        assertThat(database.jdbcUrl()).contains("/" + database.name());
    }

    @Test
    void aFreshDatabaseSeesNothingOfThisOne() throws SQLException {
        TestDatabase other = TestInfrastructure.newDatabase("somebody else");

        assertThat(other.name()).isNotEqualTo(database.name()).startsWith("t_somebody_else_");
        try (Connection connection = other.connect()) {
            assertThat(connection.getCatalog()).isEqualTo(other.name());
            assertThat(tableExists(connection, "visit")).isFalse();
        }
    }

    static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
