package org.studyledger.support.security.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated section of a document in the repository's {@code docs/}: the text between {@code <!-- name -->} and
 * {@code <!-- /name -->} must be what the code generates; {@code -Dstudyledger.docs.write=true} rewrites it.
 */
public final class DocsSection {
    private DocsSection() {
    }

    public static void assertGenerated(String document, String name, String generated) throws IOException {
        Path doc = docs().resolve(document);
        String start = "<!-- " + name + " -->\n";
        String end = "<!-- /" + name + " -->";
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertThat(from).as("docs/%s has the section %s%s", document, start, end).isNotNegative();
        assertThat(to).as("docs/%s closes the section %s", document, name).isGreaterThan(from);
        String actual = text.substring(from + start.length(), to);
        if (Boolean.getBoolean("studyledger.docs.write") && !actual.equals(generated)) {
            Files.writeString(doc, text.substring(0, from + start.length()) + generated + text.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("docs/%s section %s is out of date: regenerate it with -Dstudyledger.docs.write=true",
                document, name).isEqualTo(generated);
    }

    /** The repository's docs/ directory, found by walking up from the working directory. */
    public static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/security.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new AssertionError("no docs/security.md above " + Path.of("").toAbsolutePath());
    }
}
