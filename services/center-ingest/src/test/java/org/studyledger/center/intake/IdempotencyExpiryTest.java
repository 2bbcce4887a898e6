package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.center.CenterIngestTest;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Idempotency keys expire: within the retention a key replays its first response, afterwards the same key is a new
 * request, and the purge deletes expired keys only. Runs the service's component on the service's real database
 * with a clock the test moves (no waiting).
 */
@CenterIngestTest
class IdempotencyExpiryTest {
    /** Now: the service's own scheduled purge (on the system clock) then never reaches the keys written here. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final IdempotentRequests.Scope SCOPE =
            new IdempotentRequests.Scope("POST /subjects/{subjectId}/adverse-events", "PAV-301");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper json;

    private final MovableClock clock = new MovableClock(T0);
    private final AtomicInteger executions = new AtomicInteger();
    private IdempotentRequests requests;

    @BeforeEach
    void setUp() {
        requests = new IdempotentRequests(jdbc, transactions, json, clock,
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofHours(1)));
    }

    private ResponseEntity<Object> send(String key, String content) {
        return requests.execute(key, SCOPE, content, () -> ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("execution", executions.incrementAndGet())));
    }

    private int storedKeys(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM intake_request WHERE request_id = ?", Integer.class, key);
    }

    @Test
    void aKeyReplaysItsFirstResponseUntilItsRetentionEnds() {
        String key = UUID.randomUUID().toString();
        send(key, "a");
        clock.set(T0.plus(Duration.ofHours(24)).minusSeconds(1));
        ResponseEntity<Object> retry = send(key, "a");
        assertThat(retry.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(retry.getBody().toString()).contains("\"execution\":1");
        assertThat(executions).hasValue(1);
    }

    @Test
    void anExpiredKeyIsANewRequest() {
        String key = UUID.randomUUID().toString();
        send(key, "a");
        clock.set(T0.plus(Duration.ofHours(24)));
        ResponseEntity<Object> again = send(key, "a");
        assertThat(again.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(executions).hasValue(2);
        assertThat(storedKeys(key)).as("the expired use is replaced, not kept beside").isEqualTo(1);
        // The new use is remembered from now on.
        clock.set(T0.plus(Duration.ofHours(25)));
        assertThat(send(key, "a").getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(executions).hasValue(2);
    }

    @Test
    void anExpiredKeyMayNameADifferentRequest() {
        String key = UUID.randomUUID().toString();
        send(key, "a");
        assertThatThrownBy(() -> send(key, "b")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("already used for a different request");
        clock.set(T0.plus(Duration.ofDays(2)));
        assertThat(send(key, "b").getStatusCode().value()).isEqualTo(201);
        assertThat(executions).hasValue(2);
    }

    @Test
    void thePurgeDeletesExpiredKeysOnly() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        send(old, "a");
        clock.set(T0.plus(Duration.ofHours(20)));
        send(recent, "a");
        clock.set(T0.plus(Duration.ofHours(25)));
        assertThat(requests.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(storedKeys(old)).isZero();
        assertThat(storedKeys(recent)).isEqualTo(1);
    }

    @Test
    void theRetentionIsConfigurable() {
        IdempotentRequests hourly = new IdempotentRequests(jdbc, transactions, json, clock,
                new IdempotencyProperties(Duration.ofHours(1), Duration.ofMinutes(5)));
        String key = UUID.randomUUID().toString();
        hourly.execute(key, SCOPE, "a", () -> ResponseEntity.status(201).body(Map.of("n", executions.incrementAndGet())));
        clock.set(T0.plus(Duration.ofMinutes(61)));
        ResponseEntity<Object> later = hourly.execute(key, SCOPE, "a",
                () -> ResponseEntity.status(201).body(Map.of("n", executions.incrementAndGet())));
        assertThat(later.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(executions).hasValue(2);
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new IdempotencyProperties(Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("retention must be positive");
    }

    /** A clock the test sets; the component reads it like the system clock. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
