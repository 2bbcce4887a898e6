package org.studyledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.WireFailure;
import org.studyledger.kernel.signing.SignatureCheck;

/** The offline verifier names failures as the kernel does, and so as the hub's quarantine and audit verification. */
class FailureVocabularyTest {
    @Test
    void everyReadingAndSignatureFailureIsAFailureCode() {
        var codes = Arrays.stream(FailureCode.values()).map(FailureCode::name).toList();
        assertThat(codes).containsAll(Arrays.stream(WireFailure.values()).map(WireFailure::name).toList());
        assertThat(codes).containsAll(Arrays.stream(SignatureCheck.Outcome.values())
                .filter(o -> o != SignatureCheck.Outcome.VALID).map(SignatureCheck.Outcome::name).toList());
    }
}
