package org.studyledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.studyledger.verifier.Ledger.PAV;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * Lines built to break a reader rather than a ledger: each ends in a failure line with the names the hub uses, never in
 * an exception, and the rest of the file is still verified. A line of 100 MB is skipped without being read into memory.
 */
class HostileLinesTest {
    private static List<Tuple> failures(VerificationResult result) {
        return result.failures().stream().map(f -> tuple(f.code(), f.subjectId(), f.sequence())).toList();
    }

    /** Line {@code number} of the two-center ledger with {@code member} (raw JSON) added as its first member. */
    private static String withMember(Ledger ledger, int number, String member) {
        return "{" + member + "," + ledger.lineText(number).substring(1);
    }

    @Test
    void theThreeMessagesThatStalledTheHubAreNotCanonicalAndTheChainGoesOn() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        int line = ledger.lineOf(PAV, 2);
        String original = ledger.lineText(line);
        for (String member : List.of("\"a\":\"\\ud800\"", "\"a\":1e2147483647", "\"a\":1e999999999")) {
            ledger.replaceLine(line, withMember(ledger, line, member));

            VerificationResult result = LedgerVerifier.standard().verify(stream(ledger.text()), "test");

            assertThat(failures(result)).as(member).containsExactly(tuple(VerificationFailure.NOT_CANONICAL, PAV, 2L));
            ledger.replaceLine(line, original);
        }
    }

    @Test
    void aHundredMegabyteLineIsALimitExceededAndIsNeverReadIntoMemory() throws IOException {
        Ledger ledger = Ledger.twoCenters();
        long huge = 100L * 1024 * 1024;
        InputStream hugeLine = new InputStream() {
            private long left = huge;

            @Override
            public int read() {
                if (left < 0) {
                    return -1;
                }
                return left-- == 0 ? '\n' : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left < 0) {
                    return -1;
                }
                int n = 0;
                while (n < len && left >= 0) {
                    b[off + n++] = (byte) (left-- == 0 ? '\n' : 'x');
                }
                return n;
            }
        };
        long before = usedHeap();

        VerificationResult result = LedgerVerifier.standard().verify(
                new SequenceInputStream(hugeLine, stream(ledger.text())), "test");

        assertThat(failures(result)).containsExactly(tuple(VerificationFailure.LIMIT_EXCEEDED, null, null));
        assertThat(result.failures().get(0).line()).isEqualTo(1);
        assertThat(result.failures().get(0).message()).contains("max-message-bytes");
        assertThat(result.events()).as("the rest of the file is verified").isEqualTo(10);
        assertThat(usedHeap() - before).as("heap grown while reading it").isLessThan(huge / 4);
    }

    @Test
    void theLimitsAreOptionsOfTheCommand() {
        Ledger ledger = Ledger.twoCenters();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = VerifierMain.run(new String[] {"--max-members", "5", "--max-depth=3", "-"}, stream(ledger.text()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(VerifierMain.FAILURES);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("LIMIT_EXCEEDED").contains("the limit max-members is 5");
        assertThat(report).doesNotContain("Exception");

        int bad = VerifierMain.run(new String[] {"--max-depth", "zero", "-"}, stream(ledger.text()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(bad).isEqualTo(VerifierMain.USAGE_OR_IO_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--max-depth needs a whole number");
    }

    @Test
    void aSourceOutsideTheSchemasPatternIsMalformed() throws IOException {
        Ledger ledger = Ledger.twoCenters().reseal(PAV, 1, e -> e.put("source", "ftp"));

        VerificationResult result = LedgerVerifier.standard().verify(stream(ledger.text()), "test");

        assertThat(failures(result)).contains(tuple(VerificationFailure.MALFORMED, PAV, 1L));
        assertThat(result.failures().get(0).message()).contains("source");
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
