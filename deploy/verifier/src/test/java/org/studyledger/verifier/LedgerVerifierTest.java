package org.studyledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.studyledger.kernel.verification.VerificationFailure.CHAIN_BROKEN;
import static org.studyledger.kernel.verification.VerificationFailure.ENROLMENT_NOT_FIRST;
import static org.studyledger.kernel.verification.VerificationFailure.FIRST_NOT_ENROLMENT;
import static org.studyledger.kernel.verification.VerificationFailure.HASH_MISMATCH;
import static org.studyledger.kernel.verification.VerificationFailure.ITEMS_INVALID;
import static org.studyledger.kernel.verification.VerificationFailure.MALFORMED;
import static org.studyledger.kernel.verification.VerificationFailure.NOT_CANONICAL;
import static org.studyledger.kernel.verification.VerificationFailure.OUT_OF_ORDER;
import static org.studyledger.kernel.verification.VerificationFailure.SCHEMA_INVALID;
import static org.studyledger.kernel.verification.VerificationFailure.SCORES_MISMATCH;
import static org.studyledger.kernel.verification.VerificationFailure.SEQUENCE_DUPLICATE;
import static org.studyledger.kernel.verification.VerificationFailure.SEQUENCE_GAP;
import static org.studyledger.kernel.verification.VerificationFailure.SUBJECT_NOT_OF_CENTER;
import static org.studyledger.kernel.verification.VerificationFailure.UNKNOWN_ASSESSMENT;
import static org.studyledger.verifier.Ledger.MIL;
import static org.studyledger.verifier.Ledger.PAV;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerVerifierTest {
    private final LedgerVerifier verifier = LedgerVerifier.standard();

    @TempDir
    Path dir;

    private VerificationResult verify(Ledger ledger) throws IOException {
        return verifier.verify(ledger.write(dir.resolve("ledger.ndjson")));
    }

    private VerificationResult verify(String text) throws IOException {
        return verifier.verify(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }

    /** The failures as (code, subject, sequence), the form every tamper case is asserted in. */
    private static List<Tuple> failures(VerificationResult result) {
        return result.failures().stream().map(f -> tuple(f.code(), f.subjectId(), f.sequence())).toList();
    }

    // ---------------------------------------------------------------- valid ledgers

    @Test
    void aLedgerOfTwoCentersInterleavedVerifiesClean() throws IOException {
        VerificationResult result = verify(Ledger.twoCenters());

        assertThat(result.failures()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.lines()).isEqualTo(10);
        assertThat(result.events()).isEqualTo(10);
        assertThat(result.subjects()).isEqualTo(2);
        assertThat(result.signaturesChecked()).isFalse();
        assertThat(result.signedEvents()).isZero();
        assertThat(result.summary())
                .isEqualTo("verified 10 events of 2 subjects, 0 signed, signatures NOT checked (no --keys): OK");
    }

    @Test
    void thePublishedTestVectorsVerifyClean() throws IOException {
        VerificationResult result = verify(TestVectorFile.ledger());

        assertThat(result.failures()).isEmpty();
        assertThat(result.events()).isEqualTo(12);
        assertThat(result.subjects()).isEqualTo(2);
    }

    @Test
    void blankLinesAreIgnoredButCountedAndWindowsLineEndsAndAMissingFinalLineEndAreAccepted() throws IOException {
        List<String> lines = Ledger.twoCenters().lines();
        String text = "\n" + lines.get(0) + "\r\n   \r\n" + String.join("\r\n", lines.subList(1, lines.size()));

        VerificationResult result = verify(text);

        assertThat(result.failures()).isEmpty();
        assertThat(result.lines()).isEqualTo(12);
        assertThat(result.events()).isEqualTo(10);
    }

    @Test
    void anEmptyLedgerHasNothingWrongWithIt() throws IOException {
        VerificationResult result = verify("");

        assertThat(result.isValid()).isTrue();
        assertThat(result.summary())
                .isEqualTo("verified 0 events of 0 subjects, 0 signed, signatures NOT checked (no --keys): OK");
    }

    @Test
    void aLedgerSplitOverTwoInputsIsOneLedgerInOneSession() throws IOException {
        List<String> lines = Ledger.twoCenters().lines();
        LedgerVerifier.Session session = verifier.session();
        session.read(stream(String.join("\n", lines.subList(0, 5))), "part-1");
        session.read(stream(String.join("\n", lines.subList(5, lines.size()))), "part-2");

        VerificationResult result = session.result();

        assertThat(result.failures()).isEmpty();
        assertThat(result.events()).isEqualTo(10);
    }

    // ---------------------------------------------------------------- the hash chain

    @Test
    void anAlteredValueIsOneHashMismatchAtThatEventOnly() throws IOException {
        Ledger ledger = Ledger.twoCenters().alter(PAV, 2, e -> ((ObjectNode) e.get("payload")).put("monitoring_minutes", 121));

        VerificationResult result = verify(ledger);

        // PAV-001 #3 still names the stored hash of #2, which is what #2 claims: no cascade.
        assertThat(failures(result)).containsExactly(tuple(HASH_MISMATCH, PAV, 2L));
        Failure failure = result.failures().get(0);
        assertThat(failure.line()).isEqualTo(5);
        assertThat(failure.eventId()).isEqualTo(ledger.envelope(PAV, 2).get("event_id").textValue());
        assertThat(failure.source()).endsWith("ledger.ndjson");
        assertThat(failure.message()).contains(ledger.envelope(PAV, 2).get("hash").textValue());
    }

    @Test
    void anAlteredHeaderMemberIsAlsoAHashMismatch() throws IOException {
        Ledger ledger = Ledger.twoCenters().alter(MIL, 1, e -> e.put("recorded_at", "2026-01-07T09:00:00.124Z"));

        assertThat(failures(verify(ledger))).containsExactly(tuple(HASH_MISMATCH, MIL, 1L));
    }

    @Test
    void aResealedAlteredEventBreaksTheChainAtTheNextEvent() throws IOException {
        Ledger ledger = Ledger.twoCenters().reseal(PAV, 2, e -> ((ObjectNode) e.get("payload")).put("monitoring_minutes", 121));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(CHAIN_BROKEN, PAV, 3L));
        assertThat(result.failures().get(0).line()).isEqualTo(7);
    }

    @Test
    void aDeletedLineIsAGapAtTheMissingSequenceAndABrokenChainAtTheNextEvent() throws IOException {
        Ledger ledger = Ledger.twoCenters().delete(PAV, 2);

        VerificationResult result = verify(ledger);

        // Documented: after a gap the next event's previous_hash is compared with the last hash seen (#1's).
        assertThat(failures(result)).containsExactly(tuple(SEQUENCE_GAP, PAV, 2L), tuple(CHAIN_BROKEN, PAV, 3L));
        Failure gap = result.failures().get(0);
        assertThat(gap.line()).isEqualTo(6); // where #3 now is: the line that revealed the gap
        assertThat(gap.eventId()).isNull();
        assertThat(gap.message()).contains("PAV-001 #2 is missing");
        assertThat(result.events()).isEqualTo(9);
    }

    @Test
    void deletingASubjectsFirstEventIsAGapAtZero() throws IOException {
        Ledger ledger = Ledger.twoCenters().delete(MIL, 0);

        assertThat(failures(verify(ledger))).containsExactly(tuple(SEQUENCE_GAP, MIL, 0L), tuple(CHAIN_BROKEN, MIL, 1L));
    }

    @Test
    void deletingSeveralEventsIsOneGap() throws IOException {
        Ledger ledger = Ledger.twoCenters().delete(PAV, 2).delete(PAV, 3);

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(SEQUENCE_GAP, PAV, 2L), tuple(CHAIN_BROKEN, PAV, 4L));
        assertThat(result.failures().get(0).message()).contains("#2 to #3 are missing");
    }

    @Test
    void twoSwappedEventsOfOneSubjectAreAGapABrokenChainAndAnEventOutOfOrder() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        ledger.swapLines(ledger.lineOf(PAV, 2), ledger.lineOf(PAV, 3));

        VerificationResult result = verify(ledger);

        // #3 (line 5) comes where #2 is expected; #2 (line 7) then goes backwards; #4 follows #3 again.
        assertThat(failures(result)).containsExactly(
                tuple(SEQUENCE_GAP, PAV, 2L), tuple(CHAIN_BROKEN, PAV, 3L), tuple(OUT_OF_ORDER, PAV, 2L));
        assertThat(result.failures()).extracting(Failure::line).containsExactly(5L, 5L, 7L);
    }

    @Test
    void swappingLinesOfDifferentSubjectsChangesNothing() throws IOException {
        Ledger ledger = Ledger.twoCenters().swapLines(3, 4);

        assertThat(verify(ledger).failures()).isEmpty();
    }

    @Test
    void aRepeatedEventIsASequenceDuplicate() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        int line = ledger.lineOf(PAV, 2);
        ledger.insert(line + 1, ledger.lineText(line));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(SEQUENCE_DUPLICATE, PAV, 2L));
        assertThat(result.failures().get(0).line()).isEqualTo(line + 1);
    }

    @Test
    void anEarlierEventRepeatedLaterIsOutOfOrder() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        ledger.insert(ledger.lineOf(PAV, 4) + 1, ledger.lineText(ledger.lineOf(PAV, 1)));

        assertThat(failures(verify(ledger))).containsExactly(tuple(OUT_OF_ORDER, PAV, 1L));
    }

    @Test
    void aFirstEventThatNamesAPreviousHashBreaksTheChainAtGenesis() throws IOException {
        Ledger ledger = Ledger.twoCenters().reseal(MIL, 0, e -> e.put("previous_hash", "ab".repeat(32)))
                .rechainAfter(MIL, 0);

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(CHAIN_BROKEN, MIL, 0L));
        assertThat(result.failures().get(0).message()).contains("genesis");
    }

    // ---------------------------------------------------------------- what the chain cannot see

    @Test
    void changedScoresInARewrittenHistoryAreCaughtByRecomputingThem() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(PAV, 1, e ->
                ((ObjectNode) e.at("/payload/scores/scores")).put("MADRS_TOTAL", new BigDecimal("30")));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(SCORES_MISMATCH, PAV, 1L));
        assertThat(result.failures().get(0).message()).contains("MADRS_TOTAL=30").contains("MADRS_TOTAL=33");
    }

    @Test
    void changedItemsWithTheOldScoresAreAScoresMismatch() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(MIL, 1, e -> ((ObjectNode) e.at("/payload/items")).put("MADRS_10", 0));

        assertThat(failures(verify(ledger))).containsExactly(tuple(SCORES_MISMATCH, MIL, 1L));
    }

    @Test
    void aCorrectionIsScoredWithTheInstrumentOfTheAssessmentItCorrects() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(PAV, 3, e ->
                ((ObjectNode) e.at("/payload/scores/categories")).put("MADRS_SEVERITY", "severe"));

        assertThat(failures(verify(ledger))).containsExactly(tuple(SCORES_MISMATCH, PAV, 3L));
    }

    @Test
    void anItemOutOfRangeIsItemsInvalid() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(PAV, 4, e -> ((ObjectNode) e.at("/payload/items")).put("MADRS_01", 7));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(ITEMS_INVALID, PAV, 4L));
        assertThat(result.failures().get(0).message()).contains("items.MADRS_01");
    }

    @Test
    void aMissingItemIsItemsInvalid() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(PAV, 3, e -> ((ObjectNode) e.at("/payload/items")).remove("MADRS_05"));

        assertThat(failures(verify(ledger))).containsExactly(tuple(ITEMS_INVALID, PAV, 3L));
    }

    @Test
    void aCorrectionOfAnAssessmentTheSubjectNeverRecordedIsUnknownAssessment() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(PAV, 3, e ->
                ((ObjectNode) e.get("payload")).put("assessment_id", Ledger.MIL_T0.toString()));

        VerificationResult result = verify(ledger);

        // MIL-001 recorded that assessment, PAV-001 did not: assessments belong to their subject.
        assertThat(failures(result)).containsExactly(tuple(UNKNOWN_ASSESSMENT, PAV, 3L));
    }

    @Test
    void aSubjectOfAnotherCenterIsReported() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(MIL, 1, e -> e.put("center_id", "PAV"));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(SUBJECT_NOT_OF_CENTER, MIL, 1L));
        assertThat(result.failures().get(0).message()).contains("MIL-001 is not a subject of center PAV");
    }

    @Test
    void aHistoryMustStartWithTheEnrolment() throws IOException {
        List<String> lines = Ledger.chain("ESK-TRD", "ROM", "ROM-001", List.of(
                        Ledger.madrs(Ledger.PAV_T0, "T0", null, Instant.parse("2026-01-12T08:15:00Z"), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                        Ledger.enrolment(java.time.LocalDate.of(2026, 1, 5), 1980, org.studyledger.kernel.subject.Sex.U)))
                .stream().map(Ledger::line).toList();

        VerificationResult result = verify(Ledger.of(lines));

        assertThat(failures(result)).containsExactly(
                tuple(FIRST_NOT_ENROLMENT, "ROM-001", 0L), tuple(ENROLMENT_NOT_FIRST, "ROM-001", 1L));
    }

    @Test
    void aPayloadThatBreaksTheSchemaIsSchemaInvalidAndTheChainGoesOn() throws IOException {
        Ledger ledger = Ledger.twoCenters().rewrite(PAV, 2, e -> ((ObjectNode) e.get("payload")).put("dose_mg", "56"));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(SCHEMA_INVALID, PAV, 2L));
        assertThat(result.failures().get(0).message()).contains("payload.dose_mg");
    }

    // ---------------------------------------------------------------- lines that do not decode

    @Test
    void aLineThatIsNotJsonIsMalformedWithItsLineNumber() throws IOException {
        Ledger ledger = Ledger.twoCenters().insert(4, "{\"this is\": not json").insert(4, "   ");

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(MALFORMED, null, null));
        Failure failure = result.failures().get(0);
        assertThat(failure.line()).isEqualTo(5);
        assertThat(failure.message()).startsWith("not JSON");
        assertThat(result.lines()).isEqualTo(12);
        assertThat(result.events()).isEqualTo(10);
    }

    @Test
    void jsonThatIsNotAnObjectOrHasTrailingContentIsMalformed() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        String first = ledger.lineText(1);
        ledger.insert(11, "[1,2]").insert(12, "null").replaceLine(1, first + " {}");

        VerificationResult result = verify(ledger);

        assertThat(result.failures()).extracting(Failure::code, Failure::line)
                .containsExactly(tuple(MALFORMED, 1L), tuple(SEQUENCE_GAP, 3L), tuple(CHAIN_BROKEN, 3L),
                        tuple(MALFORMED, 11L), tuple(MALFORMED, 12L));
    }

    @Test
    void aDamagedEnvelopeWhoseChainMembersAreReadableIsOneFailure() throws IOException {
        // An upper-case event id is refused by the kernel; subject, sequence and hash can still be read.
        Ledger ledger = Ledger.twoCenters().alter(PAV, 2, e -> e.put("event_id", e.get("event_id").textValue().toUpperCase()));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(MALFORMED, PAV, 2L));
        Failure failure = result.failures().get(0);
        assertThat(failure.line()).isEqualTo(5);
        assertThat(failure.eventId()).isNull();
        assertThat(failure.message()).contains("event_id");
        assertThat(result.events()).isEqualTo(9);
    }

    @Test
    void aTruncatedLineLeavesAGapInItsSubject() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        int line = ledger.lineOf(PAV, 2);
        ledger.replaceLine(line, ledger.lineText(line).substring(0, 100));

        VerificationResult result = verify(ledger);

        // Nothing of the cut line can be read, so its subject's next event finds #2 missing.
        assertThat(failures(result)).containsExactly(
                tuple(MALFORMED, null, null), tuple(SEQUENCE_GAP, PAV, 2L), tuple(CHAIN_BROKEN, PAV, 3L));
    }

    @Test
    void aLineThatIsNotCanonicalIsReportedEvenThoughItsHashRecomputes() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        int line = ledger.lineOf(MIL, 2);
        ledger.replaceLine(line, "{ " + ledger.lineText(line).substring(1));

        VerificationResult result = verify(ledger);

        assertThat(failures(result)).containsExactly(tuple(NOT_CANONICAL, MIL, 2L));
        assertThat(result.failures().get(0).message()).contains("byte 2");
    }

    @Test
    void aDuplicatedMemberIsNotCanonical() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        int line = ledger.lineOf(MIL, 2);
        ledger.replaceLine(line, "{\"sequence\":7," + ledger.lineText(line).substring(1));

        VerificationResult result = verify(ledger);

        // Which of the two sequences it means cannot be told, so the line is not placed in MIL-001's chain.
        assertThat(failures(result)).containsExactly(
                tuple(NOT_CANONICAL, MIL, null), tuple(SEQUENCE_GAP, MIL, 2L), tuple(CHAIN_BROKEN, MIL, 3L));
        assertThat(result.failures().get(0).line()).isEqualTo(line);
        assertThat(result.failures().get(0).message()).contains("'sequence' repeated");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
