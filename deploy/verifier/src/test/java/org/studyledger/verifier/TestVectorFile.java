package org.studyledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.studyledger.kernel.envelope.KernelJson;

/** The published test vectors (docs/test-vectors/envelope-hashes.json) as an exported ledger. */
final class TestVectorFile {
    static final Path FILE = locate();

    private TestVectorFile() {
    }

    /** Each vector's {@code envelope}, canonically encoded, one per line. */
    static Ledger ledger() {
        try {
            JsonNode vectors = KernelJson.mapper().readTree(FILE.toFile());
            List<String> lines = new ArrayList<>();
            for (JsonNode vector : vectors.get("envelopes")) {
                lines.add(Ledger.canonical((ObjectNode) vector.get("envelope")));
            }
            return Ledger.of(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/test-vectors/envelope-hashes.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find docs/test-vectors above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/test-vectors/envelope-hashes.json");
    }
}
