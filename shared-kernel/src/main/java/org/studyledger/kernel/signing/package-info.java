/** Center signing keys (Ed25519), their files, and signing and verifying envelopes with them. */
package org.studyledger.kernel.signing;
