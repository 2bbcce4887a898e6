package org.studyledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.studyledger.kernel.verification.VerificationFailure.BAD_SIGNATURE;
import static org.studyledger.kernel.verification.VerificationFailure.HASH_MISMATCH;
import static org.studyledger.kernel.verification.VerificationFailure.SIGNING_KEY_OF_OTHER_CENTER;
import static org.studyledger.kernel.verification.VerificationFailure.SIGNING_KEY_RETIRED;
import static org.studyledger.kernel.verification.VerificationFailure.UNKNOWN_SIGNING_KEY;
import static org.studyledger.kernel.verification.VerificationFailure.UNSIGNED;
import static org.studyledger.verifier.Ledger.MIL;
import static org.studyledger.verifier.Ledger.PAV;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.verification.VerificationFailure;

/** Center signatures checked offline against the registered public keys, with the kernel's rule. */
class SignatureVerificationTest {
    private static final CenterId PAV_CENTER = new CenterId("PAV");
    private static final CenterId MIL_CENTER = new CenterId("MIL");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    /** Between PAV-001 #2 (recorded 2026-01-08T09:00) and #3 (2026-01-09T09:00). */
    private static final Instant SWITCH = Instant.parse("2026-01-08T12:00:00Z");

    private final SigningKey pavKey = SigningKey.generate(PAV_CENTER, CREATED);
    private final SigningKey milKey = SigningKey.generate(MIL_CENTER, CREATED);
    private final KeyRing ring = KeyRing.of(pavKey.registered(), milKey.registered());

    @TempDir
    Path dir;

    private VerificationResult verify(Ledger ledger, KeyRing keys) throws IOException {
        return LedgerVerifier.standard().withKeys(keys).verify(ledger.write(dir.resolve("ledger.ndjson")));
    }

    private VerificationResult verify(Ledger ledger) throws IOException {
        return verify(ledger, ring);
    }

    private static List<Tuple> failures(VerificationResult result) {
        return result.failures().stream().map(f -> tuple(f.code(), f.subjectId(), f.sequence())).toList();
    }

    @Test
    void everySignatureFailureOfTheKernelHasAFailureCodeOfTheSameName() {
        for (org.studyledger.kernel.signing.SignatureCheck.Outcome outcome
                : org.studyledger.kernel.signing.SignatureCheck.Outcome.values()) {
            if (outcome != org.studyledger.kernel.signing.SignatureCheck.Outcome.VALID) {
                org.assertj.core.api.Assertions.assertThat(VerificationFailure.valueOf(outcome.name())).isNotNull();
            }
        }
    }

    @Test
    void aLedgerSignedByTheRegisteredKeysVerifiesClean() throws IOException {
        VerificationResult result = verify(Ledger.twoCenters(pavKey, milKey));

        assertThat(result.failures()).isEmpty();
        assertThat(result.signaturesChecked()).isTrue();
        assertThat(result.signedEvents()).isEqualTo(10);
        assertThat(result.summary()).isEqualTo("verified 10 events of 2 subjects, 10 signed, signatures checked: OK");
    }

    @Test
    void withoutKeysTheSignaturesAreCountedButNotChecked() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey).signAs(PAV, 1, milKey, pavKey.keyId().value());

        VerificationResult result = LedgerVerifier.standard().verify(ledger.write(dir.resolve("ledger.ndjson")));

        assertThat(result.failures()).isEmpty();
        assertThat(result.signaturesChecked()).isFalse();
        assertThat(result.signedEvents()).isEqualTo(10);
        assertThat(result.summary())
                .isEqualTo("verified 10 events of 2 subjects, 10 signed, signatures NOT checked (no --keys): OK");
    }

    @Test
    void anUnsignedEventIsReportedWhenSignaturesAreChecked() throws IOException {
        VerificationResult result = verify(Ledger.twoCenters(pavKey, milKey).unsign(PAV, 2));

        assertThat(failures(result)).containsExactly(tuple(UNSIGNED, PAV, 2L));
        assertThat(result.signedEvents()).isEqualTo(9);
        assertThat(result.failures().get(0).message()).contains("not signed");
    }

    @Test
    void anUnsignedLedgerFailsEveryEvent() throws IOException {
        VerificationResult result = verify(Ledger.twoCenters());

        assertThat(result.failures()).hasSize(10).allMatch(f -> f.code() == UNSIGNED);
    }

    @Test
    void aKeyThatIsNotRegisteredIsAnUnknownSigningKey() throws IOException {
        SigningKey unregistered = SigningKey.generate(PAV_CENTER, CREATED);

        VerificationResult result = verify(Ledger.twoCenters(pavKey, milKey).sign(PAV, 3, unregistered));

        assertThat(failures(result)).containsExactly(tuple(UNKNOWN_SIGNING_KEY, PAV, 3L));
        assertThat(result.failures().get(0).message()).contains(unregistered.keyId().value())
                .contains(pavKey.keyId().value());
    }

    @Test
    void aSignatureMadeByAnotherKeyThanTheOneNamedIsBad() throws IOException {
        SigningKey forger = SigningKey.generate(PAV_CENTER, CREATED);

        VerificationResult result = verify(Ledger.twoCenters(pavKey, milKey)
                .signAs(PAV, 1, forger, pavKey.keyId().value()));

        assertThat(failures(result)).containsExactly(tuple(BAD_SIGNATURE, PAV, 1L));
    }

    @Test
    void aReSealedLastEventIsCaughtOnlyByItsSignature() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey)
                .reseal(PAV, 5, e -> ((ObjectNode) e.get("payload")).put("severity", "MILD"));

        VerificationResult result = verify(ledger);

        // The hash recomputes and nothing names it yet: without the signature this rewrite is invisible.
        assertThat(failures(result)).containsExactly(tuple(BAD_SIGNATURE, PAV, 5L));
        assertThat(LedgerVerifier.standard().verify(ledger.write(dir.resolve("unchecked.ndjson"))).failures()).isEmpty();
    }

    @Test
    void aRewrittenAndReChainedHistoryFailsTheSignatureOfEveryRewrittenEvent() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey)
                .rewrite(PAV, 2, e -> ((ObjectNode) e.get("payload")).put("monitoring_minutes", 121));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(BAD_SIGNATURE, PAV, 2L), tuple(BAD_SIGNATURE, PAV, 3L),
                tuple(BAD_SIGNATURE, PAV, 4L), tuple(BAD_SIGNATURE, PAV, 5L));
    }

    @Test
    void anEventAlteredWithoutReSealingFailsItsHashAndItsSignature() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey)
                .alter(MIL, 1, e -> e.put("recorded_at", "2026-01-07T09:00:00.124Z"));

        assertThat(failures(verify(ledger))).containsExactly(tuple(HASH_MISMATCH, MIL, 1L), tuple(BAD_SIGNATURE, MIL, 1L));
    }

    @Test
    void aSignatureMovedToAnotherEventIsBad() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey);
        String signature = ledger.envelope(PAV, 1).get("signature").textValue();
        ledger.alter(PAV, 4, e -> e.put("signature", signature));

        assertThat(failures(verify(ledger))).containsExactly(tuple(BAD_SIGNATURE, PAV, 4L));
    }

    @Test
    void anEventSignedWithAKeyOfAnotherCenterIsReported() throws IOException {
        VerificationResult result = verify(Ledger.twoCenters(pavKey, milKey)
                .signAs(MIL, 1, pavKey, pavKey.keyId().value()));

        assertThat(failures(result)).containsExactly(tuple(SIGNING_KEY_OF_OTHER_CENTER, MIL, 1L));
        assertThat(result.failures().get(0).message()).contains("of center PAV");
    }

    @Test
    void eventsRecordedAfterTheirKeyWasRetiredAreReported() throws IOException {
        KeyRing retired = KeyRing.of(pavKey.registered().retiredAt(SWITCH), milKey.registered());

        VerificationResult result = verify(Ledger.twoCenters(pavKey, milKey), retired);

        assertThat(failures(result)).containsExactly(tuple(SIGNING_KEY_RETIRED, PAV, 3L),
                tuple(SIGNING_KEY_RETIRED, PAV, 4L), tuple(SIGNING_KEY_RETIRED, PAV, 5L));
    }

    @Test
    void afterARotationOldEventsVerifyWithTheRetiredKeyAndNewOnesWithItsSuccessor() throws IOException {
        SigningKey successor = SigningKey.generate(PAV_CENTER, SWITCH);
        KeyRing rotated = KeyRing.of(pavKey.registered().retiredAt(SWITCH), successor.registered(), milKey.registered());

        Ledger ledger = Ledger.twoCenters(e -> !e.centerId().equals(PAV_CENTER) ? milKey
                : e.recordedAt().isAfter(SWITCH) ? successor : pavKey);

        assertThat(verify(ledger, rotated).failures()).isEmpty();
    }
}
