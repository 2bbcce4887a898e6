/** The quarantine: every message the ledger did not accept, with its raw bytes and reason, and its re-processing. */
package org.studyledger.hub.quarantine;
