/** The event envelope, its canonical JSON encoding and the per-subject hash chain. */
package org.studyledger.kernel.envelope;
