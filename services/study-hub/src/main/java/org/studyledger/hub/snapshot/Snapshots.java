package org.studyledger.hub.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.api.InvalidQuery;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.rebuild.ReplayProof;
import org.studyledger.kernel.validation.Problem;

/**
 * Resolves {@link AsOf} to a ledger position and gives the {@link LedgerSource} a dataset read runs against.
 *
 * <p>A snapshot at position {@code P}: on one connection, in one transaction, a temporary table {@code LIKE} every
 * projection table ({@link ReplayProof#createTemporaryTables}), {@code search_path} set to {@code pg_temp} alone (a
 * handler writing a table without a temporary copy fails instead of writing a live table), every ledger event up to
 * {@code P} fed to a new analysis-dataset projection handler ({@link ReplayProof#replayAnalysisDataset}), then
 * {@code search_path} {@code pg_temp, <live schema>} (the temporary tables shadow the live projection tables; the event
 * store is found as always) for the work. The transaction is always rolled back: the temporary tables disappear with it
 * and nothing else was written. Cost: one replay of the ledger up to {@code P} per request.
 */
@Service
public class Snapshots {
    /** {@link LedgerSource#snapshotPosition()} of the live tables. */
    public static final long LIVE = -2;
    static final int FETCH_SIZE = 500;
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final DataSource dataSource;
    private final ReplayProof replay;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final LedgerSource live;

    Snapshots(DataSource dataSource, PlatformTransactionManager transactions, ReplayProof replay) {
        this.dataSource = dataSource;
        this.replay = replay;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.readOnly.setReadOnly(true);
        this.live = new LedgerSource() {
            @Override
            public <T> T read(Function<JdbcTemplate, T> work) {
                return readOnly.execute(status -> work.apply(jdbc));
            }

            @Override
            public long snapshotPosition() {
                return LIVE;
            }
        };
    }

    /** The live projection tables, read in one read-only REPEATABLE READ transaction. */
    public LedgerSource live() {
        return live;
    }

    /** The live tables when {@code asOf} is null, otherwise a snapshot at the position it resolves to. */
    public LedgerSource source(AsOf asOf) {
        return asOf == null ? live : at(resolve(asOf));
    }

    /**
     * Reads {@code asOf} / {@code position} into {@code p}'s problems, as {@link AsOf#parse} does, and a position beyond
     * the ledger's head as one more, so a request's refusal names it with every other problem. Null when neither is
     * given. Call {@link QueryParameters#check()} afterwards.
     */
    public AsOf parse(QueryParameters p, String asOf, String position) {
        return AsOf.parse(p, asOf, position, this::head);
    }

    /** The ledger's head: the highest ledger position; -1 for an empty ledger. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /**
     * The ledger position {@code asOf} names. A {@code position} must not be beyond the head (422, field
     * {@code position}). An {@code asOf} instant names the end of the longest prefix of the ledger whose every event
     * the hub accepted at or before it ({@code domain_event_entry.time_stamp <= asOf}): the position just before the
     * first event accepted after {@code asOf}, or the head if there is none; -1 if the first event was accepted after it.
     */
    public long resolve(AsOf asOf) {
        long head = head();
        if (asOf.position() != null) {
            if (asOf.position() > head) {
                throw new InvalidQuery(List.of(new Problem(AsOf.POSITION, AsOf.beyondHead(asOf.position(), head))));
            }
            return asOf.position();
        }
        Long position = jdbc.queryForObject("""
                SELECT coalesce(max(global_index), -1) FROM domain_event_entry
                WHERE global_index < coalesce((SELECT min(global_index) FROM domain_event_entry
                                               WHERE time_stamp::timestamptz > ?::timestamptz), 9223372036854775807)
                """, Long.class, asOf.instant().toString());
        return position == null ? -1 : position;
    }

    /** A snapshot of the analysis dataset as it was at ledger position {@code position} (every event up to it applied). */
    public LedgerSource at(long position) {
        return new LedgerSource() {
            @Override
            public <T> T read(Function<JdbcTemplate, T> work) {
                return snapshot(position, work);
            }

            @Override
            public long snapshotPosition() {
                return position;
            }
        };
    }

    private <T> T snapshot(long position, Function<JdbcTemplate, T> work) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                JdbcTemplate snapshot = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
                snapshot.setFetchSize(FETCH_SIZE);
                String schema = snapshot.queryForObject("SELECT current_schema()", String.class);
                ReplayProof.createTemporaryTables(snapshot, schema);
                snapshot.execute("SET LOCAL search_path TO pg_temp");
                long events = replay.replayAnalysisDataset(snapshot, position);
                snapshot.execute("SET LOCAL search_path TO pg_temp, " + schema);
                log.debug("as-of snapshot at ledger position {}: {} events replayed in {} ms", position, events,
                        (System.nanoTime() - started) / 1_000_000);
                return work.apply(snapshot);
            } finally {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("as-of snapshot at ledger position " + position + " failed: " + e.getMessage(), e);
        }
    }
}
