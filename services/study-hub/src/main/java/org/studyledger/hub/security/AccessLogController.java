package org.studyledger.hub.security;

import java.time.Instant;
import java.util.Arrays;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.kernel.access.Role;

/**
 * {@code GET /api/v1/access-log}: who read which study data, oldest first, filtered by user, role, path prefix, status
 * and a time range ({@code from} inclusive, {@code to} exclusive), paged by {@code after} (the last id seen) and
 * {@code limit}. JSON or CSV.
 */
@RestController
public class AccessLogController {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10000;

    private final AccessLog log;

    AccessLogController(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/access-log")
    public ResponseEntity<byte[]> accessLog(@RequestParam(name = "user", required = false) String user,
                                            @RequestParam(name = "role", required = false) String role,
                                            @RequestParam(name = "path", required = false) String path,
                                            @RequestParam(name = "status", required = false) String status,
                                            @RequestParam(name = "from", required = false) String from,
                                            @RequestParam(name = "to", required = false) String to,
                                            @RequestParam(name = "after", required = false) String after,
                                            @RequestParam(name = "limit", required = false) String limit,
                                            @RequestParam(name = "format", required = false) String format,
                                            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters p = new QueryParameters();
        if (user != null && (user.isBlank() || user.length() > 64)) {
            p.problem("user", "must be a user id of 1–64 characters");
        }
        String roleName = role == null ? null : p.oneOf("role", role, Arrays.stream(Role.values()).map(Role::value).toList());
        if (path != null && !path.startsWith("/")) {
            p.problem("path", "must be a path prefix starting with /, e.g. /api/v1/datasets");
        }
        Integer statusCode = status == null ? null : p.integer("status", status, 100, 599);
        Instant fromInstant = p.instant("from", from);
        Instant toInstant = p.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            p.problem("to", "must be after from (" + from + "); the range is from inclusive to exclusive");
        }
        Long afterId = null;
        if (after != null && !after.isBlank()) {
            try {
                afterId = Long.parseLong(after.trim());
            } catch (NumberFormatException e) {
                p.problem("after", "must be the id of an access log entry (a whole number), got '" + after + "'");
            }
        }
        Integer max = limit == null || limit.isBlank() ? Integer.valueOf(DEFAULT_LIMIT) : p.integer("limit", limit, 1, MAX_LIMIT);
        TableResponses.Format f = TableResponses.negotiate(format, accept, p);
        p.check();
        return TableResponses.render(log.find(new AccessLog.Filter(user, roleName, path, statusCode, fromInstant, toInstant,
                afterId, max)), f, "access-log");
    }
}
