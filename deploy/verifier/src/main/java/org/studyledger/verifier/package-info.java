/**
 * The offline ledger verifier: reads an exported ledger (NDJSON, one canonical envelope per line) and checks,
 * per subject, the sequence, the hash chain and the scores, with the kernel alone: no database, no Kafka.
 *
 * <ul>
 *   <li>{@link org.studyledger.verifier.LedgerVerifier}: the verification, streaming, one line at a time;</li>
 *   <li>{@link org.studyledger.verifier.VerificationResult} and {@link org.studyledger.verifier.Failure}
 *       (with its {@link org.studyledger.verifier.FailureCode}): what it found;</li>
 *   <li>{@link org.studyledger.verifier.VerifierMain}: the command line,
 *       {@code java -jar ledger-verifier.jar [--keys DIR] [--json] FILE...}.</li>
 * </ul>
 *
 * <p>Each check of one decoded event is an {@code EventCheck}; the per-subject chain is kept by the
 * verifier itself. Signatures by the centers' keys are not checked yet: envelope version 1 carries no
 * signature. When signed envelopes arrive, a signature check built from the {@code --keys} directory joins
 * the list of event checks.
 */
package org.studyledger.verifier;
