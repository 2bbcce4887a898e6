/**
 * The one vocabulary and the shared checks of ledger verification: what can be wrong with an event or a subject's
 * chain ({@link org.studyledger.kernel.verification.VerificationFailure}), and the checks whose answer does not
 * depend on where the events are kept ({@link org.studyledger.kernel.verification.EventChecks}). The hub's intake
 * (quarantine), the hub's audit verification and the offline verifier adapt these to their inputs.
 */
package org.studyledger.kernel.verification;
