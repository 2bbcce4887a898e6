package org.studyledger.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.studyledger.hub.ledger.Rejection;
import org.studyledger.kernel.signing.SignatureCheck.Outcome;

/** Intake and verification name signature failures as the kernel does, so one failure reads the same everywhere. */
class SignatureVocabularyTest {
    private static final String[] FAILURES = Arrays.stream(Outcome.values()).filter(o -> o != Outcome.VALID)
            .map(Outcome::name).toArray(String[]::new);

    @Test
    void everySignatureFailureIsAQuarantineReason() {
        assertThat(Arrays.stream(Rejection.values()).map(Rejection::name)).contains(FAILURES);
    }

    @Test
    void everySignatureFailureIsAVerificationReason() {
        assertThat(Arrays.stream(Failure.Reason.values()).map(Failure.Reason::name)).contains(FAILURES);
    }
}
