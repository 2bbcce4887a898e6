/**
 * The ADaM-style analysis dataset (ADSL, ADQS, ADEX): pure derivations, the "analysis-dataset" projection (which
 * stores every row versioned by ledger position, so a read as of a position is a query) and its JSON/CSV query.
 */
package org.studyledger.hub.dataset;
