package org.studyledger.hub.asof;

import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.api.InvalidQuery;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.kernel.validation.Problem;

/**
 * Resolves {@link AsOf} to a ledger position and gives the {@link LedgerSource} a dataset read runs against.
 *
 * <p>The analysis dataset's rows are versioned by ledger position and read through views ({@code adsl}, {@code adqs},
 * {@code adex}) that show the rows holding at {@code ledger_as_of()}; {@code DatasetPosition} reads
 * {@code dataset_applied} the same way. A live read leaves it at the head; a read as of {@code P} sets the
 * transaction's {@code studyledger.as_of} to {@code P} ({@code set_config(..., true)}: it ends with the transaction)
 * and then runs the same queries. Nothing is replayed and nothing written: the cost of an as-of answer is the cost
 * of the live one (docs/as-of.md).
 */
@Service
public class AsOfReads {
    /** {@link LedgerSource#snapshotPosition()} of the live tables. */
    public static final long LIVE = -2;
    static final int FETCH_SIZE = 500;

    /** The transaction setting {@code ledger_as_of()} reads. */
    static final String AS_OF_SETTING = "studyledger.as_of";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final LedgerSource live;

    AsOfReads(DataSource dataSource, PlatformTransactionManager transactions) {
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

    /** The analysis dataset as it was at ledger position {@code position} (every event up to it applied). */
    public LedgerSource at(long position) {
        return new LedgerSource() {
            @Override
            public <T> T read(Function<JdbcTemplate, T> work) {
                return readOnly.execute(status -> {
                    jdbc.queryForObject("SELECT set_config(?, ?, true)", String.class, AS_OF_SETTING, Long.toString(position));
                    return work.apply(jdbc);
                });
            }

            @Override
            public long snapshotPosition() {
                return position;
            }
        };
    }
}
