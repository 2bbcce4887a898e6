/** The ledger: every center's events, verified and appended in per-subject order, the study's system of record. */
package org.studyledger.hub.ledger;
