package org.studyledger.hub.rebuild;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.InvalidQuery;

/**
 * {@code POST /api/v1/admin/projections/rebuild?timeout=PT2M}: rebuilds every projection from the ledger and
 * answers 200 once they have caught up with it, or 202 (with {@code Location: /api/v1/admin/projections})
 * if they have not within the timeout — they go on replaying. {@code GET /api/v1/admin/projections}: where
 * each projection processor stands.
 */
@RestController
public class RebuildController {
    static final String STATUS = "/api/v1/admin/projections";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(30);

    private final ProjectionRebuild rebuild;

    RebuildController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @GetMapping(STATUS)
    public ProjectionRebuild.Status status() {
        return rebuild.status();
    }

    @PostMapping(STATUS + "/rebuild")
    public ResponseEntity<ProjectionRebuild.Result> rebuild(@RequestParam(name = "timeout", required = false) String timeout) {
        ProjectionRebuild.Result result = rebuild.rebuild(timeout(timeout));
        return result.caughtUp() ? ResponseEntity.ok(result)
                : ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(STATUS)).body(result);
    }

    static Duration timeout(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
                throw new InvalidQuery("timeout", "must be a duration above zero and at most " + MAX_TIMEOUT + ", got " + value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidQuery("timeout", "must be an ISO-8601 duration such as PT2M, got '" + value + "'");
        }
    }
}
