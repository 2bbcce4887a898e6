package org.studyledger.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.studyledger.infrastructure.postgres.PostgresEndpoint;

/**
 * Each service's own database login, created by the platform as the server's administrator, as a database
 * administrator would before a service's first start: a {@code LOGIN} role with the platform's generated password,
 * member of the service's runtime role (which the service's migrations grant: {@code studyledger_hub_runtime} in the
 * hub's V4, {@code studyledger_center_runtime} in the center's V30), and the only login besides the administrator that
 * may connect to the service's database. The service's migrations run as the administrator, who owns the tables.
 */
final class DatabaseLogins {
    static final String HUB_RUNTIME_ROLE = "studyledger_hub_runtime";
    static final String CENTER_RUNTIME_ROLE = "studyledger_center_runtime";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{12,}");

    private DatabaseLogins() {
    }

    /** The hub's login. */
    static String hubLogin() {
        return "studyledger_hub_app";
    }

    /** A center's login, e.g. {@code studyledger_center_pav_app}. */
    static String centerLogin(String databaseName) {
        return databaseName + "_app";
    }

    /**
     * Creates (or updates the password of) {@code login} in {@code runtimeRole}, creating the runtime role if the
     * service's migration has not yet, and lets only that login (and the administrator) connect to {@code database}.
     */
    static void provision(PostgresEndpoint admin, String database, String login, String password, String runtimeRole) {
        requireIdentifier(database);
        requireIdentifier(login);
        requireIdentifier(runtimeRole);
        if (!PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("a generated password is letters and digits only");
        }
        try (Connection c = admin.connect(admin.adminDatabase()); Statement s = c.createStatement()) {
            if (!roleExists(c, runtimeRole)) {
                s.execute("CREATE ROLE " + runtimeRole + " NOLOGIN");
            }
            if (roleExists(c, login)) {
                s.execute("ALTER ROLE " + login + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
            } else {
                s.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + password + "'");
            }
            s.execute("GRANT " + runtimeRole + " TO " + login);
            s.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + login);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database login " + login + " for " + database + " ("
                    + e.getMessage() + "); the PostgreSQL user must be allowed to create roles", e);
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, role);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case identifier: " + name);
        }
    }
}
