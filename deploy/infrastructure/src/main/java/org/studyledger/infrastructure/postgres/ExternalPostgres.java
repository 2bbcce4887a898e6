package org.studyledger.infrastructure.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL server someone else runs, given by the JDBC URL of an admin database such as
 * {@code jdbc:postgresql://db:5432/postgres}. Other databases are reached by swapping the database name in
 * that URL, so host list and query parameters carry over.
 */
public final class ExternalPostgres implements PostgresEndpoint {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final String DEFAULT_USER = "postgres";

    private final String adminJdbcUrl;
    private final String hosts;
    private final String adminDatabase;
    private final String query;
    private final String user;
    private final String password;

    /**
     * @param user     {@code null} to take {@code user=} from the URL, else {@value #DEFAULT_USER}
     * @param password {@code null} to take {@code password=} from the URL, else empty (trust authentication)
     */
    public ExternalPostgres(String adminJdbcUrl, String user, String password) {
        if (adminJdbcUrl == null || !adminJdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + adminJdbcUrl);
        }
        this.adminJdbcUrl = adminJdbcUrl;
        String rest = adminJdbcUrl.substring(PREFIX.length());
        int questionMark = rest.indexOf('?');
        this.query = questionMark < 0 ? "" : rest.substring(questionMark);
        String path = questionMark < 0 ? rest : rest.substring(0, questionMark);
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            this.hosts = slash < 0 ? path : path.substring(0, slash);
            String database = slash < 0 ? "" : path.substring(slash + 1);
            // Without a database in the URL the driver would pick one named after the user.
            this.adminDatabase = database.isEmpty() ? "postgres" : database;
        } else {
            this.hosts = "";
            this.adminDatabase = path.isEmpty() ? "postgres" : path;
        }
        this.user = user != null ? user : queryParameter("user").orElse(DEFAULT_USER);
        this.password = password != null ? password : queryParameter("password").orElse("");
    }

    @Override
    public String jdbcUrl(String database) {
        return withoutQuery(database) + query;
    }

    private String withoutQuery(String database) {
        return PREFIX + (hosts.isEmpty() ? "" : hosts + "/") + database;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String adminDatabase() {
        return adminDatabase;
    }

    /** The admin URL as given, for diagnostics. */
    public String adminJdbcUrl() {
        return adminJdbcUrl;
    }

    /** Whether the server accepts a connection to the admin database right now. */
    public boolean isReachable() {
        try (Connection connection = connect(adminDatabase)) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private Optional<String> queryParameter(String name) {
        if (query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.substring(1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(pair.substring(equals + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        // The query may carry a password; it stays out of logs.
        return "external PostgreSQL " + withoutQuery(adminDatabase) + " as " + user;
    }
}
