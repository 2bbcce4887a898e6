/**
 * What an auditor checks: the whole ledger, one center or one subject, read straight from the event store and
 * verified event by event (sequence without gaps, hash chain, the centers' signatures, scores recomputed from
 * items), and the ledger's export as NDJSON, signatures included, for verifying offline. The algorithm is in
 * docs/audit.md.
 */
package org.studyledger.hub.verification;
