package org.studyledger.kernel.verification;

import java.util.Objects;

/**
 * One failure a check found: what kind, and a sentence naming the values involved. Who reports it adds where (the
 * line of a file, the row of a store, the quarantined message).
 */
public record Finding(VerificationFailure failure, String reason) {
    public Finding {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(reason, "reason");
    }
}
