/** The audit trail: one row per ledger event, who, when, why and its hash (projection "audit-trail") and its filtered query. */
package org.studyledger.hub.audit;
