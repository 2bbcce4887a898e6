package org.studyledger.verifier;

import java.util.List;

/**
 * What a verification found.
 *
 * @param lines             lines read, blank ones included
 * @param events            lines that decoded as envelopes (whatever else was wrong with them)
 * @param subjects          distinct subjects named by the lines
 * @param failures          every failure, in file order
 * @param signaturesChecked whether center signatures were verified; always false while envelopes carry none
 */
public record VerificationResult(long lines, long events, long subjects, List<Failure> failures,
                                 boolean signaturesChecked) {
    public VerificationResult {
        failures = List.copyOf(failures);
    }

    public boolean isValid() {
        return failures.isEmpty();
    }

    /** {@code verified 12 events of 2 subjects: OK}, or {@code …: 3 failures}. */
    public String summary() {
        String outcome = failures.isEmpty() ? "OK"
                : failures.size() + (failures.size() == 1 ? " failure" : " failures");
        return "verified " + events + (events == 1 ? " event" : " events") + " of " + subjects
                + (subjects == 1 ? " subject" : " subjects") + ": " + outcome;
    }
}
