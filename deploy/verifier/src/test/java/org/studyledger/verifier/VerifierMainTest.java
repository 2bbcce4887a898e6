package org.studyledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.verifier.Ledger.MIL;
import static org.studyledger.verifier.Ledger.PAV;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

class VerifierMainTest {
    @TempDir
    Path dir;

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private final SigningKey pavKey = SigningKey.generate(new CenterId("PAV"), CREATED);
    private final SigningKey milKey = SigningKey.generate(new CenterId("MIL"), CREATED);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(InputStream stdin, String... args) {
        return VerifierMain.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The closing line of an unsigned ledger verified without keys. */
    private static String unchecked(long events, String outcome) {
        return "verified " + events + " events of 2 subjects, 0 signed, signatures NOT checked (no --keys): " + outcome;
    }

    private Path file(String name, Ledger ledger) {
        return ledger.write(dir.resolve(name));
    }

    @Test
    void aValidLedgerExitsZeroWithTheClosingLine() {
        int status = run(file("ok.ndjson", Ledger.twoCenters()).toString());

        assertThat(status).isEqualTo(VerifierMain.VALID).isZero();
        assertThat(outLines()).containsExactly(unchecked(10, "OK"));
        assertThat(errText()).isEmpty();
    }

    @Test
    void failuresArePrintedOnePerLineAndExitOne() {
        Ledger ledger = Ledger.twoCenters()
                .alter(PAV, 2, e -> ((ObjectNode) e.get("payload")).put("monitoring_minutes", 121))
                .delete(MIL, 2);

        int status = run(file("bad.ndjson", ledger).toString());

        assertThat(status).isEqualTo(VerifierMain.FAILURES).isEqualTo(1);
        List<String> lines = outLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("line 5  PAV-001 #2  HASH_MISMATCH  stated hash ");
        assertThat(lines.get(1)).startsWith("line 7  MIL-001 #2  SEQUENCE_GAP  MIL-001 #2 is missing");
        assertThat(lines.get(2)).startsWith("line 7  MIL-001 #3  CHAIN_BROKEN  previous_hash ");
        assertThat(lines.get(3)).isEqualTo(unchecked(9, "3 failures"));
    }

    @Test
    void oneFailureIsSingular() {
        Ledger ledger = Ledger.twoCenters().insert(3, "garbage");

        assertThat(run(file("one.ndjson", ledger).toString())).isEqualTo(1);
        assertThat(outLines()).containsExactly(
                outLines().get(0), unchecked(10, "1 failure"));
        assertThat(outLines().get(0)).startsWith("line 3  -  MALFORMED  not JSON");
    }

    @Test
    void jsonPrintsTheResult() throws IOException {
        Ledger ledger = Ledger.twoCenters().alter(PAV, 2, e -> ((ObjectNode) e.get("payload")).put("monitoring_minutes", 121));
        Path file = file("bad.ndjson", ledger);

        int status = run("--json", file.toString());

        assertThat(status).isEqualTo(1);
        JsonNode json = KernelJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("valid").booleanValue()).isFalse();
        assertThat(json.get("lines").longValue()).isEqualTo(10);
        assertThat(json.get("events").longValue()).isEqualTo(10);
        assertThat(json.get("subjects").longValue()).isEqualTo(2);
        assertThat(json.get("signatures_checked").booleanValue()).isFalse();
        assertThat(json.get("summary").textValue()).isEqualTo(unchecked(10, "1 failure"));
        assertThat(json.get("failures")).hasSize(1);
        JsonNode failure = json.get("failures").get(0);
        assertThat(failure.get("source").textValue()).isEqualTo(file.toString());
        assertThat(failure.get("line").longValue()).isEqualTo(5);
        assertThat(failure.get("subject_id").textValue()).isEqualTo(PAV);
        assertThat(failure.get("sequence").longValue()).isEqualTo(2);
        assertThat(failure.get("event_id").textValue()).isEqualTo(ledger.envelope(PAV, 2).get("event_id").textValue());
        assertThat(failure.get("code").textValue()).isEqualTo("HASH_MISMATCH");
        assertThat(failure.get("message").textValue()).startsWith("stated hash");
    }

    @Test
    void jsonOfAValidLedgerHasNoFailures() throws IOException {
        assertThat(run("--json", file("ok.ndjson", Ledger.twoCenters()).toString())).isZero();

        JsonNode json = KernelJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("valid").booleanValue()).isTrue();
        assertThat(json.get("failures")).isEmpty();
    }

    @Test
    void aDashReadsStandardInput() {
        byte[] ledger = Ledger.twoCenters().text().getBytes(StandardCharsets.UTF_8);

        assertThat(run(new ByteArrayInputStream(ledger), "-")).isZero();
        assertThat(outLines()).containsExactly(unchecked(10, "OK"));
    }

    @Test
    void severalFilesAreOneLedgerAndFailuresNameTheirFile() throws IOException {
        List<String> lines = Ledger.twoCenters().lines();
        Path first = Files.writeString(dir.resolve("part-1.ndjson"), String.join("\n", lines.subList(0, 6)) + "\n");
        Path second = Files.writeString(dir.resolve("part-2.ndjson"), String.join("\n", lines.subList(6, 10)) + "\nnope\n");

        int status = run(first.toString(), second.toString());

        assertThat(status).isEqualTo(1);
        assertThat(outLines()).containsExactly(second + " line 5  -  MALFORMED  " + outLines().get(0).split("MALFORMED  ")[1],
                unchecked(10, "1 failure"));
    }

    /** A key directory as an auditor holds it: the centers' public records only. */
    private Path keys(RegisteredKey... registered) throws IOException {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        for (RegisteredKey key : registered) {
            KeyFiles.writePublic(keys, key);
        }
        return keys;
    }

    private Path registeredKeys() throws IOException {
        return keys(pavKey.registered(), milKey.registered());
    }

    private static String checked(long signed, String outcome) {
        return "verified 10 events of 2 subjects, " + signed + " signed, signatures checked: " + outcome;
    }

    @Test
    void withoutKeysTheReportSaysThatSignaturesWereNotChecked() {
        int status = run(file("signed.ndjson", Ledger.twoCenters(pavKey, milKey)).toString());

        assertThat(status).isZero();
        assertThat(outLines()).containsExactly(
                "verified 10 events of 2 subjects, 10 signed, signatures NOT checked (no --keys): OK");
    }

    @Test
    void aSignedLedgerVerifiesWithTheCentersKeys() throws IOException {
        Path keys = registeredKeys();

        int status = run("--keys", keys.toString(), file("signed.ndjson", Ledger.twoCenters(pavKey, milKey)).toString());

        assertThat(status).isZero();
        assertThat(outLines()).containsExactly(
                "keys: " + List.of(milKey.keyId(), pavKey.keyId()) + " from " + keys, checked(10, "OK"));
        assertThat(errText()).isEmpty();
    }

    @Test
    void aSignatureByAnotherKeyThanTheOneNamedExitsOneNamingTheEvent() throws IOException {
        SigningKey forger = SigningKey.generate(new CenterId("PAV"), CREATED);
        Ledger ledger = Ledger.twoCenters(pavKey, milKey).signAs(PAV, 2, forger, pavKey.keyId().value());

        int status = run("--keys", registeredKeys().toString(), file("forged.ndjson", ledger).toString());

        assertThat(status).isEqualTo(VerifierMain.FAILURES);
        assertThat(outLines().get(0)).startsWith("line 5  PAV-001 #2  BAD_SIGNATURE  PAV-001 #2: the signature does not"
                + " verify with key " + pavKey.keyId());
        assertThat(outLines()).last().isEqualTo(checked(10, "1 failure"));
    }

    @Test
    void anEventAlteredAndReSealedExitsOneOnItsSignature() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey)
                .reseal(MIL, 3, e -> ((ObjectNode) e.get("payload")).put("reason", "Withdrew consent"));
        Path file = file("resealed.ndjson", ledger);

        assertThat(run(file.toString())).as("without keys the re-sealed event passes").isZero();
        out.reset();
        int status = run("--keys", registeredKeys().toString(), file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(outLines()).hasSize(3);
        assertThat(outLines().get(0)).startsWith("line 8  MIL-001 #3  BAD_SIGNATURE  ");
    }

    @Test
    void anUnknownKeyIdExitsOne() throws IOException {
        SigningKey unregistered = SigningKey.generate(new CenterId("MIL"), CREATED);
        Ledger ledger = Ledger.twoCenters(pavKey, milKey).sign(MIL, 1, unregistered);

        int status = run("--keys", registeredKeys().toString(), file("unknown.ndjson", ledger).toString());

        assertThat(status).isEqualTo(1);
        assertThat(outLines().get(0)).startsWith("line 4  MIL-001 #1  UNKNOWN_SIGNING_KEY  MIL-001 #1 is signed with key "
                + unregistered.keyId() + ", which is not registered");
    }

    @Test
    void anUnsignedEventExitsOneWithKeys() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey).unsign(PAV, 0);

        int status = run("--keys", registeredKeys().toString(), file("unsigned.ndjson", ledger).toString());

        assertThat(status).isEqualTo(1);
        assertThat(outLines().get(0)).startsWith("line 1  PAV-001 #0  UNSIGNED  ");
        assertThat(outLines()).last().isEqualTo(checked(9, "1 failure"));
    }

    @Test
    void rotatedKeysVerifyEachEventWithTheKeyInUseWhenItWasRecorded() throws IOException {
        Instant switchover = Instant.parse("2026-01-08T12:00:00Z");
        SigningKey successor = SigningKey.generate(new CenterId("PAV"), switchover);
        Ledger ledger = Ledger.twoCenters(e -> !e.centerId().equals(pavKey.center()) ? milKey
                : e.recordedAt().isAfter(switchover) ? successor : pavKey);
        Path keys = keys(pavKey.registered().retiredAt(switchover), successor.registered(), milKey.registered());

        int status = run("--keys", keys.toString(), file("rotated.ndjson", ledger).toString());

        assertThat(status).isZero();
        assertThat(outLines()).last().isEqualTo(checked(10, "OK"));
        assertThat(outLines().get(0)).contains(pavKey.keyId() + " (retired 2026-01-08T12:00:00Z)");
    }

    @Test
    void badKeyFilesExitTwoNamingEveryProblem() throws IOException {
        Path keys = registeredKeys();
        Files.writeString(keys.resolve("PAV-0000000000000000.json"), "{not json");
        Path mil = keys.resolve(milKey.keyId() + ".json");
        Files.writeString(mil, Files.readString(mil).replace("\"MIL\"", "\"ROM\""));

        int status = run("--keys", keys.toString(), file("signed.ndjson", Ledger.twoCenters(pavKey, milKey)).toString());

        assertThat(status).isEqualTo(VerifierMain.USAGE_OR_IO_ERROR);
        assertThat(errText()).contains("PAV-0000000000000000.json").contains(milKey.keyId() + ".json.center_id");
        assertThat(out.size()).isZero();
    }

    @Test
    void aKeyDirectoryWithoutPublicKeysExitsTwo() throws IOException {
        Path keys = keys();

        assertThat(run("--keys", keys.toString(), file("ok.ndjson", Ledger.twoCenters()).toString())).isEqualTo(2);
        assertThat(errText()).contains("holds no public key record");
        assertThat(out.size()).isZero();
    }

    @Test
    void jsonTellsWhetherSignaturesWereChecked() throws IOException {
        Ledger ledger = Ledger.twoCenters(pavKey, milKey).unsign(MIL, 2);

        assertThat(run("--json", "--keys", registeredKeys().toString(), file("one.ndjson", ledger).toString())).isEqualTo(1);

        JsonNode json = KernelJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("signatures_checked").booleanValue()).isTrue();
        assertThat(json.get("signed_events").longValue()).isEqualTo(9);
        assertThat(json.get("keys")).extracting(JsonNode::textValue)
                .containsExactly(milKey.keyId().value(), pavKey.keyId().value());
        assertThat(json.get("failures").get(0).get("code").textValue()).isEqualTo("UNSIGNED");
        assertThat(json.get("failures").get(0).get("subject_id").textValue()).isEqualTo(MIL);
        assertThat(json.get("failures").get(0).get("sequence").longValue()).isEqualTo(2);
    }

    @Test
    void keysMustBeADirectory() {
        Path ledger = file("ok.ndjson", Ledger.twoCenters());

        assertThat(run("--keys=" + dir.resolve("absent"), ledger.toString())).isEqualTo(2);
        assertThat(errText()).contains("is not a directory");
        assertThat(out.size()).isZero();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(VerifierMain.USAGE_OR_IO_ERROR).isEqualTo(2);
        assertThat(errText()).contains("no ledger file given").contains("usage:");

        assertThat(run("--verbose", "x.ndjson")).isEqualTo(2);
        assertThat(errText()).contains("unknown option --verbose");

        assertThat(run("--keys")).isEqualTo(2);
        assertThat(run("-", "-")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void aMissingFileExitsTwoBeforeAnythingIsVerified() {
        Path ledger = file("ok.ndjson", Ledger.twoCenters());

        assertThat(run(ledger.toString(), dir.resolve("missing.ndjson").toString())).isEqualTo(2);
        assertThat(errText()).contains("missing.ndjson: no such file");
        assertThat(out.size()).isZero();
    }

    @Test
    void aReadErrorExitsTwo() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device gone");
            }
        };

        assertThat(run(failing, "-")).isEqualTo(2);
        assertThat(errText()).contains("-: cannot read: device gone");
    }

    @Test
    void helpExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--keys DIR").contains("exit status");
    }
}
