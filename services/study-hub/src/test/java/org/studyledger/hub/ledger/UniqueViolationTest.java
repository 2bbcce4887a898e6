package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Re-processing tries a message again only when a unique key refused its append (another subject's append took an id
 * that must be unique across subjects); any other failure is not a clash and is not retried.
 */
class UniqueViolationTest {

    @Test
    void aUniqueViolationIsRecognisedHoweverDeepItIsWrapped() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(LedgerIntake.isUniqueViolation(duplicate)).isTrue();
        assertThat(LedgerIntake.isUniqueViolation(new IllegalStateException("append failed",
                new DataIntegrityViolationException("insert", duplicate)))).isTrue();
        // JDBC batches (Axon appends in one) report the statement's error as the batch exception's next exception.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "23505", new int[0]);
        BatchUpdateException outer = new BatchUpdateException("Batch entry 0 was aborted", "08006", new int[0]);
        outer.setNextException(batch);
        assertThat(LedgerIntake.isUniqueViolation(new RuntimeException(outer))).isTrue();
    }

    @Test
    void otherFailuresAreNotClashes() {
        assertThat(LedgerIntake.isUniqueViolation(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(LedgerIntake.isUniqueViolation(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(LedgerIntake.isUniqueViolation(new IllegalStateException("no cause"))).isFalse();
    }
}
