/** Rebuilding the projections: reset every projection processor's tokens (its reset handler truncates its tables) and replay the ledger. */
package org.studyledger.hub.rebuild;
