/**
 * The audit trail: one row per ledger event, who, when, why and its hash (projection "audit-trail"), and its filtered
 * query, which places the dismissals of quarantined messages (an append-only record, not a projection) among the events.
 */
package org.studyledger.hub.audit;
