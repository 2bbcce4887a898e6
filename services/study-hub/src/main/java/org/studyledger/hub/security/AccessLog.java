package org.studyledger.hub.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.Tables;
import org.studyledger.support.security.AccessRecord;
import org.studyledger.support.security.AccessRecorder;

/** The access log's table ({@code access_log}, V50): appended by the security rules, listed for auditors. */
@Repository
public class AccessLog implements AccessRecorder {
    static final List<String> COLUMNS = List.of("id", "requested_at", "user_id", "user_name", "role", "client_id",
            "method", "path", "query", "status", "ledger_position", "content_sha256");

    private final JdbcTemplate jdbc;

    AccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AccessRecord r) {
        jdbc.update("""
                INSERT INTO access_log (requested_at, user_id, user_name, role, client_id, method, path, query, status,
                                        ledger_position, content_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Timestamp.from(r.at()), r.userId(), r.userName(), r.role(), r.client(), r.method(), r.path(), r.query(),
                r.status(), position(r.ledgerPosition()), r.contentSha256());
    }

    /**
     * Filters of a listing: only this user, role, path (a prefix), status, time range ({@code from} inclusive,
     * {@code to} exclusive), entries after id {@code after}; at most {@code limit}.
     */
    public record Filter(String userId, String role, String pathPrefix, Integer status, Instant from, Instant to,
                         Long after, int limit) {
    }

    public Table find(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", COLUMNS) + " FROM access_log WHERE TRUE");
        List<Object> args = new ArrayList<>();
        condition(sql, args, "user_id = ?", f.userId());
        condition(sql, args, "role = ?", f.role());
        if (f.pathPrefix() != null) {
            sql.append(" AND left(path, ?) = ?");
            args.add(f.pathPrefix().length());
            args.add(f.pathPrefix());
        }
        condition(sql, args, "status = ?", f.status());
        condition(sql, args, "requested_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
        condition(sql, args, "requested_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
        condition(sql, args, "id > ?", f.after());
        sql.append(" ORDER BY id LIMIT ?");
        args.add(f.limit());
        return new Table(COLUMNS, jdbc.query(sql.toString(), (rs, i) -> Tables.values(rs, COLUMNS.size()), args.toArray()));
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }

    /** The answer's X-Ledger-Position, a whole number the hub wrote itself; anything else is not kept. */
    private static Long position(String header) {
        try {
            return header == null ? null : Long.valueOf(header);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
