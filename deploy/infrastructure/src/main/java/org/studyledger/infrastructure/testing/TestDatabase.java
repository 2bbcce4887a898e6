package org.studyledger.infrastructure.testing;

import java.sql.Connection;
import java.sql.SQLException;

import org.studyledger.infrastructure.postgres.PostgresEndpoint;

/**
 * A database of its own for one test class (or one Spring test context): created empty, seen by nobody else.
 */
public final class TestDatabase {

    private final PostgresEndpoint server;
    private final String name;

    TestDatabase(PostgresEndpoint server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    @Override
    public String toString() {
        return "database " + name + " on " + server;
    }
}
