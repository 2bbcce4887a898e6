package org.studyledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

/**
 * Runs the packaged jar ({@code java -jar target/ledger-verifier-<version>.jar}) in its own JVM, with nothing
 * else on the class path. Runs after {@code package} (mvn verify).
 */
class StandaloneJarIT {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private Outcome java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("verifier.jar", "target/ledger-verifier.jar"));
        assertThat(jar).as("the packaged jar (run mvn verify)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the verifier finishes").isTrue();
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarVerifiesTheTestVectorsAlone() throws Exception {
        Path ledger = TestVectorFile.ledger().write(dir.resolve("vectors.ndjson"));

        Outcome outcome = java(ledger.toString());

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out()).startsWith("verified 12 events of 2 subjects, ").endsWith(": OK" + System.lineSeparator());
        assertThat(outcome.status()).isZero();
    }

    @Test
    void theJarChecksSignaturesWithTheCentersPublicKeys() throws Exception {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        SigningKey pav = SigningKey.generate(new CenterId("PAV"), created);
        SigningKey mil = SigningKey.generate(new CenterId("MIL"), created);
        Path keys = dir.resolve("keys");
        KeyFiles.writePublic(keys, pav.registered());
        KeyFiles.writePublic(keys, mil.registered());
        Path signed = Ledger.twoCenters(pav, mil).write(dir.resolve("signed.ndjson"));
        Path forged = Ledger.twoCenters(pav, mil)
                .reseal(Ledger.PAV, 5, e -> ((ObjectNode) e.get("payload")).put("severity", "MILD"))
                .write(dir.resolve("forged.ndjson"));

        Outcome valid = java("--keys", keys.toString(), signed.toString());
        Outcome invalid = java("--keys", keys.toString(), forged.toString());

        assertThat(valid.status()).as(valid.out() + valid.err()).isZero();
        assertThat(valid.out()).contains("10 signed, signatures checked: OK");
        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.out()).contains("PAV-001 #5  BAD_SIGNATURE");
    }

    @Test
    void theJarReportsATamperedLedgerAndExitsOne() throws Exception {
        Path ledger = Ledger.twoCenters()
                .rewrite(Ledger.PAV, 1, e -> ((ObjectNode) e.at("/payload/scores/scores")).put("MADRS_TOTAL", 30))
                .write(dir.resolve("tampered.ndjson"));

        Outcome outcome = java("--json", ledger.toString());

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).contains("\"code\" : \"SCORES_MISMATCH\"").contains("\"valid\" : false");
    }

    @Test
    void theJarExitsTwoOnUsageErrors() throws Exception {
        Outcome outcome = java("--no-such-option");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).contains("usage:");
    }
}
