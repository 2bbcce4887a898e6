package org.studyledger.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.studyledger.hub.ledger.Rejection;
import org.studyledger.kernel.envelope.WireFailure;

/** Intake and audit verification name reading failures as the kernel does, so one failure reads the same everywhere. */
class WireVocabularyTest {
    private static final String[] FAILURES = Arrays.stream(WireFailure.values()).map(WireFailure::name).toArray(String[]::new);

    @Test
    void everyReadingFailureIsAQuarantineReason() {
        assertThat(Arrays.stream(Rejection.values()).map(Rejection::name)).contains(FAILURES);
    }

    @Test
    void everyReadingFailureIsAVerificationReason() {
        assertThat(Arrays.stream(Failure.Reason.values()).map(Failure.Reason::name)).contains(FAILURES);
    }
}
