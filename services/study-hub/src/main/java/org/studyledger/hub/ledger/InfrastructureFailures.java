package org.studyledger.hub.ledger;

import java.sql.SQLException;
import org.apache.kafka.common.KafkaException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Which failures are the infrastructure's (the database or Kafka unavailable, a transaction that could not commit,
 * a write that lost a race on a unique key): those are retried, and the record they happened on is never skipped.
 * Anything else thrown while a message is verified is a defect and ends in the quarantine as {@code UNVERIFIABLE},
 * never in a retry of the same bytes.
 */
public final class InfrastructureFailures {
    private InfrastructureFailures() {
    }

    /** Whether {@code failure}, or anything it was caused by, is a failure of the database, a transaction or Kafka. */
    public static boolean isInfrastructure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof DataAccessException || t instanceof TransactionException || t instanceof KafkaException
                    || t instanceof SQLException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
