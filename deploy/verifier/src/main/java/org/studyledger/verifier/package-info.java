/**
 * The offline ledger verifier: reads an exported ledger (NDJSON, one canonical envelope per line) and checks,
 * per subject, the sequence, the hash chain, the scores and (given the centers' public keys) the signatures,
 * with the kernel alone: no database, no Kafka.
 *
 * <ul>
 *   <li>{@link org.studyledger.verifier.LedgerVerifier}: the verification, streaming, one line at a time;</li>
 *   <li>{@link org.studyledger.verifier.VerificationResult} and {@link org.studyledger.verifier.Failure}
 *       (with its {@link org.studyledger.kernel.verification.VerificationFailure}): what it found;</li>
 *   <li>{@link org.studyledger.verifier.VerifierMain}: the command line,
 *       {@code java -jar ledger-verifier.jar [--keys DIR] [--json] FILE...}.</li>
 * </ul>
 *
 * <p>Each check of one decoded event is an {@code EventCheck}; the per-subject chain is kept by the
 * verifier itself. With the centers' public keys ({@code --keys DIR}, read with {@code KeyFiles.readRing})
 * the centers' signatures are checked too, with the kernel's {@code EnvelopeSignatures.check}.
 */
package org.studyledger.verifier;
