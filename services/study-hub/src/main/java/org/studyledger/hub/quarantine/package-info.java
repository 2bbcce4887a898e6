/**
 * The quarantine: every message the ledger did not accept, with its raw bytes and reason, its re-processing, and the
 * audited dismissal of what will never verify.
 */
package org.studyledger.hub.quarantine;
