package org.studyledger.hub.asof;

import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a dataset read runs: the analysis dataset at the ledger's head (live) or as of a ledger position. The
 * {@code JdbcTemplate} handed to the work finds the datasets under their usual unqualified names (views showing the
 * rows holding at the position), and {@code domain_event_entry} as always; it is only valid during the call, within
 * one transaction.
 */
public interface LedgerSource {
    /** Runs {@code work} in one transaction against this source and returns its result. */
    <T> T read(Function<JdbcTemplate, T> work);

    /** The ledger position the read is as of; -2 (no snapshot) for the live tables. */
    long snapshotPosition();

    /** Whether this is the live projection tables. */
    default boolean live() {
        return snapshotPosition() == AsOfReads.LIVE;
    }
}
