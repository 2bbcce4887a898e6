package org.studyledger.infrastructure.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A running PostgreSQL server that we may create databases on. Whether it is embedded, external or in a
 * container is the implementation's business; callers only ever see JDBC coordinates.
 */
public interface PostgresEndpoint {

    /** JDBC URL of {@code database} on this server. */
    String jdbcUrl(String database);

    String user();

    String password();

    /** A database that always exists; databases are created and dropped from a connection to it. */
    String adminDatabase();

    default Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        if (user() != null) {
            properties.setProperty("user", user());
        }
        if (password() != null) {
            properties.setProperty("password", password());
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    default void createDatabase(String name) {
        executeOnAdminDatabase("CREATE DATABASE " + quoted(name), "create database " + name);
    }

    /** Drops {@code name} if it exists, disconnecting whoever still uses it (PostgreSQL 13+). */
    default void dropDatabase(String name) {
        executeOnAdminDatabase("DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)", "drop database " + name);
    }

    default boolean databaseExists(String name) {
        try (Connection connection = connect(adminDatabase());
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up database " + name + " on " + this, e);
        }
    }

    private void executeOnAdminDatabase(String sql, String what) {
        try (Connection connection = connect(adminDatabase()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what + " on " + this, e);
        }
    }

    /**
     * Database names end up inside SQL and JDBC URLs, so only plain lower-case identifiers are accepted rather
     * than escaping them correctly in both places. PostgreSQL silently truncates identifiers beyond 63 bytes,
     * which would make two distinct long names collide.
     */
    private static String quoted(String name) {
        String identifier = "[a-z_][a-z0-9_]{0,62}";
        if (name == null || !name.matches(identifier)) {
            throw new IllegalArgumentException("Database name must match " + identifier + ": " + name);
        }
        return '"' + name + '"';
    }
}
