package org.studyledger.verifier;

import java.util.List;

/**
 * What a verification found.
 *
 * @param lines             lines read, blank ones included
 * @param events            lines that decoded as envelopes (whatever else was wrong with them)
 * @param signedEvents      of those, the envelopes that carry a signature (whether or not it was checked)
 * @param subjects          distinct subjects named by the lines
 * @param failures          every failure, in file order
 * @param signaturesChecked whether every envelope's signature was checked against the centers' keys
 */
public record VerificationResult(long lines, long events, long signedEvents, long subjects, List<Failure> failures,
                                 boolean signaturesChecked) {
    public VerificationResult {
        failures = List.copyOf(failures);
    }

    public boolean isValid() {
        return failures.isEmpty();
    }

    /**
     * {@code verified 12 events of 2 subjects, 12 signed, signatures checked: OK}, or {@code …: 3 failures}; without
     * keys {@code …, signatures NOT checked (no --keys): OK}, so that a clean report never passes for more than it is.
     */
    public String summary() {
        String outcome = failures.isEmpty() ? "OK"
                : failures.size() + (failures.size() == 1 ? " failure" : " failures");
        return "verified " + events + (events == 1 ? " event" : " events") + " of " + subjects
                + (subjects == 1 ? " subject" : " subjects") + ", " + signedEvents + " signed, signatures "
                + (signaturesChecked ? "checked" : "NOT checked (no --keys)") + ": " + outcome;
    }
}
