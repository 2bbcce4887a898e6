/**
 * Rebuilding the projections: reset every projection processor's tokens (its reset handler truncates its tables) and
 * replay the ledger, reporting the rebuild's throughput; and the replay proof, which replays the ledger into a
 * separate schema and compares it with the live projections table by table.
 */
package org.studyledger.hub.rebuild;
