package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.Text;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Makes a write idempotent on the client's request id ({@code Idempotency-Key} header): the command and
 * the record of its response commit in one transaction, so a retried request (after a timeout, say)
 * gets the first response back and records nothing twice. Reusing an id for a different request is refused.
 *
 * <p>A key is scoped to its endpoint and subject: the same key sent to another endpoint, or for another subject,
 * is another request. A key expires {@link IdempotencyProperties#retention()} after its first use: from then on it
 * is a new request (the old record is replaced), and a scheduled purge deletes expired keys.
 */
@Component
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 128;

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final IdempotencyProperties properties;

    IdempotentRequests(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json, Clock clock,
                       IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Where a key applies: the endpoint (method and route, e.g. {@code POST /subjects/{subjectId}/doses}) and the
     * subject the request is about ({@code ""} when it names none that is valid).
     */
    public record Scope(String endpoint, String subjectId) {
        public Scope {
            subjectId = subjectId == null ? "" : subjectId;
        }
    }

    private record Stored(String requestSha256, int status, String response) {
    }

    /**
     * Runs {@code write} once per request id within {@code scope}. {@code request} identifies the request's content
     * (method, path and body), so a reused id with other content is detected.
     */
    public ResponseEntity<Object> execute(String requestId, Scope scope, String request,
                                          Supplier<ResponseEntity<Object>> write) {
        if (requestId == null || requestId.isBlank()) {
            return transactions.execute(status -> write.get());
        }
        if (requestId.length() > MAX_KEY_LENGTH) {
            throw new ValidationException(new Problem(HEADER, "must be at most " + MAX_KEY_LENGTH + " characters"));
        }
        Text.problem(requestId).ifPresent(p -> {
            throw new ValidationException(new Problem(HEADER, p));
        });
        String sha = EventHashes.sha256Hex(request.getBytes(StandardCharsets.UTF_8));
        Instant now = clock.instant();
        Instant expiredBefore = now.minus(properties.retention());
        Optional<ResponseEntity<Object>> earlier = replay(requestId, scope, sha, expiredBefore);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return transactions.execute(status -> {
                // An expired use of the key is forgotten: this is a new request.
                jdbc.update("DELETE FROM intake_request WHERE request_id = ? AND endpoint = ? AND subject_id = ?"
                        + " AND recorded_at <= ?", requestId, scope.endpoint(), scope.subjectId(), Timestamp.from(expiredBefore));
                // Claim the id before writing: a concurrent request with the same id waits on this row until we
                // commit (then it fails on the key and replays our response) or roll back (then it runs itself).
                jdbc.update("INSERT INTO intake_request (request_id, endpoint, subject_id, request_sha256, status, response,"
                        + " recorded_at) VALUES (?, ?, ?, ?, 0, '', ?)", requestId, scope.endpoint(), scope.subjectId(), sha,
                        Timestamp.from(now));
                ResponseEntity<Object> response = write.get();
                jdbc.update("UPDATE intake_request SET status = ?, response = ? WHERE request_id = ? AND endpoint = ?"
                        + " AND subject_id = ?", response.getStatusCode().value(), serialize(response.getBody()), requestId,
                        scope.endpoint(), scope.subjectId());
                return response;
            });
        } catch (DuplicateKeyException concurrentDuplicate) {
            // The same request ran concurrently and committed first; ours rolled back entirely.
            return replay(requestId, scope, sha, expiredBefore).orElseThrow(() -> concurrentDuplicate);
        }
    }

    /** Deletes the keys whose retention has passed; returns how many. */
    public int purgeExpired() {
        int purged = jdbc.update("DELETE FROM intake_request WHERE recorded_at <= ?",
                Timestamp.from(clock.instant().minus(properties.retention())));
        if (purged > 0) {
            log.debug("purged {} idempotency keys older than {}", purged, properties.retention());
        }
        return purged;
    }

    private Optional<ResponseEntity<Object>> replay(String requestId, Scope scope, String sha, Instant expiredBefore) {
        List<Stored> rows = jdbc.query("SELECT request_sha256, status, response FROM intake_request"
                        + " WHERE request_id = ? AND endpoint = ? AND subject_id = ? AND recorded_at > ?",
                (rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)),
                requestId, scope.endpoint(), scope.subjectId(), Timestamp.from(expiredBefore));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = rows.get(0);
        if (!stored.requestSha256().equals(sha)) {
            throw new ValidationException(new Problem(HEADER, "request id '" + requestId
                    + "' was already used for a different request; use a new id for a new request"));
        }
        return Optional.of(ResponseEntity.status(stored.status()).header(REPLAYED_HEADER, "true")
                .body(deserialize(stored.response())));
    }

    private String serialize(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException("response must serialize", e);
        }
    }

    private JsonNode deserialize(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("stored response must parse", e);
        }
    }
}
