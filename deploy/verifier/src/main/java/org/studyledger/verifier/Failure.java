package org.studyledger.verifier;

import java.util.Objects;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * One thing wrong with one line of the ledger.
 *
 * @param source    the file it was read from ({@code -} for standard input)
 * @param line      1-based line number in that file, blank lines counted
 * @param subjectId the subject, or null when the line does not name one that can be read
 * @param sequence  the sequence the failure is about, or null when unknown; for {@link VerificationFailure#SEQUENCE_GAP}
 *                  the first missing sequence, not the sequence of the event that revealed the gap
 * @param eventId   the event's id, or null when it cannot be read (and for a gap: the missing event is unknown)
 * @param code      what kind of failure
 * @param message   what exactly, for a person
 */
public record Failure(String source, long line, String subjectId, Long sequence, String eventId, VerificationFailure code,
                      String message) {
    public Failure {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** {@code PAV-001 #5}, {@code PAV-001 #?} or {@code -}. */
    public String where() {
        if (subjectId == null) {
            return "-";
        }
        return subjectId + " #" + (sequence == null ? "?" : sequence.toString());
    }
}
