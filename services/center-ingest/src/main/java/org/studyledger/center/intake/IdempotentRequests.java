package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Makes a write idempotent on the client's request id ({@code Idempotency-Key} header): the command and
 * the record of its response commit in one transaction, so a retried request (after a timeout, say)
 * gets the first response back and records nothing twice. Reusing an id for a different request is refused.
 */
@Component
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    IdempotentRequests(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    private record Stored(String requestSha256, int status, String response) {
    }

    /**
     * Runs {@code write} once per request id. {@code request} identifies the request's content (method, path
     * and body), so a reused id with other content is detected.
     */
    public ResponseEntity<Object> execute(String requestId, String request, Supplier<ResponseEntity<Object>> write) {
        if (requestId == null || requestId.isBlank()) {
            return transactions.execute(status -> write.get());
        }
        if (requestId.length() > 128) {
            throw new ValidationException(new Problem(HEADER, "must be at most 128 characters"));
        }
        String sha = EventHashes.sha256Hex(request.getBytes(StandardCharsets.UTF_8));
        Optional<ResponseEntity<Object>> earlier = replay(requestId, sha);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return transactions.execute(status -> {
                // Claim the id before writing: a concurrent request with the same id waits on this row until we
                // commit (then it fails on the key and replays our response) or roll back (then it runs itself).
                jdbc.update("INSERT INTO intake_request (request_id, request_sha256, status, response) VALUES (?, ?, 0, '')",
                        requestId, sha);
                ResponseEntity<Object> response = write.get();
                jdbc.update("UPDATE intake_request SET status = ?, response = ? WHERE request_id = ?",
                        response.getStatusCode().value(), serialize(response.getBody()), requestId);
                return response;
            });
        } catch (DuplicateKeyException concurrentDuplicate) {
            // The same request ran concurrently and committed first; ours rolled back entirely.
            return replay(requestId, sha).orElseThrow(() -> concurrentDuplicate);
        }
    }

    private Optional<ResponseEntity<Object>> replay(String requestId, String sha) {
        List<Stored> rows = jdbc.query("SELECT request_sha256, status, response FROM intake_request WHERE request_id = ?",
                (rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)), requestId);
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
