package org.studyledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.studyledger.benchmark.load.LoadSummary;
import org.studyledger.benchmark.load.SyntheticCohort;
import org.studyledger.benchmark.report.BenchmarkReport;
import org.studyledger.benchmark.report.Json;

/**
 * The benchmark's database: created (or dropped and created) on the server, and checked before it is used. Loading
 * 100 000 subjects takes a while, so a database that already holds the same cohort is reused, and one that holds a part
 * of it (an interrupted load) is loaded on from there; the benchmark notes a finished load in a table of its own,
 * {@value #LOAD_TABLE}, beside the hub's tables.
 */
final class BenchmarkDatabase {
    static final String LOAD_TABLE = "export_benchmark_load";

    private final BenchmarkOptions options;

    BenchmarkDatabase(BenchmarkOptions options) {
        this.options = options;
    }

    /** What the database holds. */
    enum Contents {
        /** Nothing yet. */
        EMPTY,
        /** The first centers of the cohort: a load was interrupted, and the next one resumes it. */
        PARTIAL,
        /** The whole cohort. */
        LOADED
    }

    private Contents contents;

    /** What {@link #prepare()} found. */
    Contents contents() {
        return contents;
    }

    /**
     * Makes the database ready; returns the earlier load when it already holds this cohort, empty when it must be
     * loaded (or an interrupted load resumed: {@link #contents()}).
     */
    Optional<LoadSummary> prepare() throws SQLException {
        if (options.jdbcUrl() == null) {
            try (Connection admin = connect(options.postgres()); Statement s = admin.createStatement()) {
                if (options.fresh()) {
                    s.execute("DROP DATABASE IF EXISTS \"" + options.database() + "\" WITH (FORCE)");
                }
                if (!exists(admin, options.database())) {
                    s.execute("CREATE DATABASE \"" + options.database() + "\"");
                }
            }
        } else if (options.fresh()) {
            throw new IllegalArgumentException("--fresh drops the database it creates; with --jdbc-url, give an empty database");
        }
        try (Connection db = connect(options.databaseUrl())) {
            Optional<LoadSummary> earlier = loaded(db);
            contents = earlier.isPresent() ? Contents.LOADED : holdsEvents(db) ? Contents.PARTIAL : Contents.EMPTY;
            return earlier;
        }
    }

    /** Notes a finished load of the cohort. */
    void markLoaded(LoadSummary summary) throws SQLException {
        try (Connection db = connect(options.databaseUrl()); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + LOAD_TABLE + " (seed BIGINT NOT NULL, subjects INTEGER NOT NULL,"
                    + " subjects_per_center INTEGER NOT NULL, summary TEXT NOT NULL,"
                    + " loaded_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + LOAD_TABLE
                    + " (seed, subjects, subjects_per_center, summary) VALUES (?, ?, ?, ?)")) {
                SyntheticCohort c = options.cohort();
                insert.setLong(1, c.seed());
                insert.setInt(2, c.subjects());
                insert.setInt(3, c.subjectsPerCenter());
                insert.setString(4, Json.line(summary));
                insert.executeUpdate();
            }
        }
    }

    BenchmarkReport.Database describe() throws SQLException {
        try (Connection db = connect(options.databaseUrl()); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), version(), pg_database_size(current_database()),"
                     + " pg_total_relation_size('domain_event_entry')")) {
            rs.next();
            return new BenchmarkReport.Database(rs.getString(1), rs.getString(2).split(" on ")[0], rs.getLong(3), rs.getLong(4));
        }
    }

    private Optional<LoadSummary> loaded(Connection db) throws SQLException {
        if (!tableExists(db, LOAD_TABLE)) {
            return Optional.empty();
        }
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT seed, subjects, subjects_per_center, summary FROM " + LOAD_TABLE)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            SyntheticCohort there = new SyntheticCohort(rs.getLong(1), rs.getInt(2), rs.getInt(3));
            if (!there.equals(options.cohort())) {
                throw new IllegalStateException("database " + options.databaseUrl() + " holds another cohort (" + there
                        + "); use --fresh (or another --database)");
            }
            return Optional.of(Json.read(rs.getString(4), LoadSummary.class));
        }
    }

    private static boolean holdsEvents(Connection db) throws SQLException {
        if (!tableExists(db, "domain_event_entry")) {
            return false;
        }
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM domain_event_entry)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean tableExists(Connection db, String table) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement q = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", options.user());
        if (options.password() != null && !options.password().isEmpty()) {
            p.setProperty("password", options.password());
        }
        return DriverManager.getConnection(url, p);
    }
}
