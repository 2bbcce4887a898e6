package org.studyledger.kernel.subject.command;

import java.util.Objects;
import org.studyledger.kernel.envelope.Actor;

/**
 * Who is giving a command and through which channel; becomes the envelope's actor and source.
 *
 * @param actor  the staff member and role, as authenticated by the intake
 * @param source {@code api}, or {@code csv:<file-sha256>#<line>} for a CSV import row
 */
public record Provenance(Actor actor, String source) {
    public Provenance {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
    }

    public static Provenance api(Actor actor) {
        return new Provenance(actor, "api");
    }

    public static Provenance csv(Actor actor, String fileSha256, int line) {
        return new Provenance(actor, "csv:" + fileSha256 + "#" + line);
    }
}
