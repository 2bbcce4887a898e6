package org.studyledger.hub.ledger;

import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * Serialises, per subject, every transaction that verifies a message against the ledger and may append it: the
 * consumer's transaction for each message and each re-processing transaction take the subject's lock before they read
 * the subject's head, so the second of two that would append the same event sees the first one's append (a duplicate)
 * instead of failing on the ledger's unique keys. Any hub instance sharing the database takes the same lock.
 *
 * <p>The lock is keyed by the message's record key, not by the envelope's subject: the verifier refuses a message whose
 * key is not its subject id ({@link VerificationFailure#WRONG_KEY}) before it reads anything of the ledger, so every message
 * whose verdict depends on the ledger is locked under its subject. It is a PostgreSQL transaction-level advisory lock
 * (released at commit or rollback), in the two-key form, whose key space is separate from the single-key locks used
 * elsewhere (the analysis dataset's). The second key is the record key's {@link String#hashCode()}, computed here
 * rather than in SQL: a hostile key may hold U+0000, which PostgreSQL text cannot carry, and the lock must never be
 * what fails a message. Java specifies that hash exactly, so every hub instance takes the same lock. Two subjects
 * whose keys hash alike merely wait for each other.
 */
@Repository
class SubjectLocks {
    /** The first key of every ledger subject lock: "LDGR". */
    static final int LEDGER_SUBJECT = 0x4C444752;

    private final JdbcTemplate jdbc;

    SubjectLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits for and takes the locks of every subject keyed by one of {@code keys}, until the current transaction ends.
     * They are taken in one fixed order (by the lock's key, ascending), whoever takes them: two batches that share
     * subjects, on one hub instance or two, then wait for each other instead of each holding a lock the other needs.
     * A transaction that takes one subject's lock (re-processing) waits for the batch or the batch waits for it.
     */
    void lockAll(Collection<String> keys) {
        int[] hashes = keys.stream().filter(Objects::nonNull).mapToInt(String::hashCode).distinct().sorted().toArray();
        if (hashes.length == 0) {
            return;
        }
        // The sort inside the statement is the order the locks are taken in, one after the other.
        jdbc.query(connection -> {
            PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(?, h) FROM (SELECT h FROM unnest(?::int[]) AS u(h) ORDER BY h) AS ordered");
            lock.setInt(1, LEDGER_SUBJECT);
            lock.setArray(2, connection.createArrayOf("integer", Arrays.stream(hashes).boxed().toArray()));
            return lock;
        }, (RowCallbackHandler) rs -> { });
    }

    /** Waits for and takes the lock of the subject keyed {@code key}, until the current transaction ends. */
    void lock(String key) {
        if (key == null) {
            return; // refused as WRONG_KEY before the ledger is read: nothing to serialise
        }
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, ?)", LEDGER_SUBJECT, key.hashCode());
    }
}
