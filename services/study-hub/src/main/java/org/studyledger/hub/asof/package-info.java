/**
 * Reads as of a ledger position — "snapshot" here means the analysis datasets and the exports as they stood at a
 * point of the ledger, not Axon's aggregate snapshots (docs/as-of.md): every dataset read and export accepts
 * {@code position} (a ledger position, the event store's global index) or {@code asOf} (an instant: the ledger as the
 * hub had accepted it at that time) and answers with what the dataset was at that point.
 *
 * <p>{@link AsOf} parses the two parameters; {@link AsOfReads} resolves them to a ledger position and hands out a
 * {@link LedgerSource}: the analysis dataset's versioned rows read at the head (no parameter) or at the position (the
 * same views and queries, with the transaction's {@code studyledger.as_of} set; no replay). The
 * dataset queries, the Dataset-JSON export and the cohort summary run the same code against either source.
 * {@link ContentHash} is the {@code X-Content-SHA256} header every dataset and export answer carries.
 */
package org.studyledger.hub.asof;
