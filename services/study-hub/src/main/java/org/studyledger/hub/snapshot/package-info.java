/**
 * As-of snapshots of the analysis datasets and the exports (docs/as-of.md): every dataset read and export accepts
 * {@code position} (a ledger position, the event store's global index) or {@code asOf} (an instant: the ledger as the
 * hub had accepted it at that time) and answers with what the dataset was at that point.
 *
 * <p>{@link AsOf} parses the two parameters; {@link Snapshots} resolves them to a ledger position and hands out a
 * {@link LedgerSource}: either the live projection tables (no parameter) or a snapshot, the analysis-dataset
 * projection replayed from the ledger up to the position into temporary tables of one transaction on one connection
 * (the replay proof's machinery, {@code org.studyledger.hub.rebuild.ReplayProof}), rolled back afterwards. The
 * dataset queries, the Dataset-JSON export and the cohort summary run the same code against either source.
 * {@link ContentHash} is the {@code X-Content-SHA256} header every dataset and export answer carries.
 */
package org.studyledger.hub.snapshot;
