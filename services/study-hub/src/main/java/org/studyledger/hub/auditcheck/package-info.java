/**
 * The audit re-check of the stored ledger: what an auditor checks after the fact, not the checks an incoming event
 * passes on its way in (those are {@code hub.ledger}'s {@code EnvelopeVerifier}). The whole ledger, one center or one
 * subject, read straight from the event store and verified again event by event (sequence without gaps, hash chain,
 * the centers' signatures, scores recomputed from items), and the ledger's export as NDJSON, signatures included, for
 * verifying offline. The algorithm is in docs/audit.md.
 */
package org.studyledger.hub.auditcheck;
