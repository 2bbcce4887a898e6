package org.studyledger.kernel.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.WireFailure;
import org.studyledger.kernel.signing.SignatureCheck;

/** Reading and signature failures are named as the verification vocabulary names them, so one failure reads the same. */
class VerificationFailureTest {
    @Test
    void everyReadingFailureKeepsItsName() {
        for (WireFailure failure : WireFailure.values()) {
            assertThat(VerificationFailure.of(failure).name()).isEqualTo(failure.name());
        }
    }

    @Test
    void everySignatureFailureKeepsItsName() {
        Arrays.stream(SignatureCheck.Outcome.values()).filter(o -> o != SignatureCheck.Outcome.VALID)
                .forEach(o -> assertThat(VerificationFailure.of(o).name()).isEqualTo(o.name()));
        assertThatThrownBy(() -> VerificationFailure.of(SignatureCheck.Outcome.VALID))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNamesStoredInQuarantineRowsAndReportedByTheVerifiersStayReadable() {
        // Quarantine rows (hub intake), audit reports and the offline verifier's output carry these names.
        for (String stored : new String[] {"MALFORMED", "NOT_CANONICAL", "LIMIT_EXCEEDED", "UNKNOWN_EVENT_TYPE",
                "WRONG_STUDY", "WRONG_TOPIC", "SUBJECT_NOT_OF_CENTER", "WRONG_KEY", "UNSIGNED", "UNKNOWN_SIGNING_KEY",
                "SIGNING_KEY_OF_OTHER_CENTER", "SIGNING_KEY_RETIRED", "BAD_SIGNATURE", "HASH_MISMATCH", "SCHEMA_INVALID",
                "ITEMS_INVALID", "SCORES_MISMATCH", "PROTOCOL_VIOLATION", "CONFLICT", "SEQUENCE_GAP", "CHAIN_BROKEN",
                "HELD", "UNVERIFIABLE", "UNREADABLE", "SUBJECT_MISMATCH", "SEQUENCE_MISMATCH", "EVENT_ID_MISMATCH",
                "SEQUENCE_DUPLICATE", "HASH_RECORD_MISMATCH", "HEAD_MISMATCH", "OUT_OF_ORDER", "FIRST_NOT_ENROLMENT",
                "ENROLMENT_NOT_FIRST", "UNKNOWN_ASSESSMENT"}) {
            assertThat(VerificationFailure.valueOf(stored).name()).isEqualTo(stored);
        }
    }
}
