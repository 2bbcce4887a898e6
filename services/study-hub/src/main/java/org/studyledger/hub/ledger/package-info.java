/**
 * The ledger, the study's system of record: every center's events consumed from its Kafka topic
 * ({@link org.studyledger.hub.ledger.LedgerConsumer}), checked on arrival
 * ({@link org.studyledger.hub.ledger.EnvelopeVerifier}: topic, schema, signature, scores, sequence, hash chain) and
 * appended in per-subject order ({@link org.studyledger.hub.ledger.LedgerIntake}), or quarantined. The audit's later
 * re-check of what is stored is {@code hub.auditcheck}.
 */
package org.studyledger.hub.ledger;
