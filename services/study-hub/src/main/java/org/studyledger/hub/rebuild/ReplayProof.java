package org.studyledger.hub.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;
import org.studyledger.hub.api.Conflict;
import org.studyledger.hub.api.InvalidQuery;
import org.studyledger.hub.audit.AuditTrailProjection;
import org.studyledger.hub.dataset.AnalysisDatasetProjection;
import org.studyledger.hub.dataset.AnalysisDerivation;
import org.studyledger.hub.projectionsupport.ProjectionProperties;
import org.studyledger.hub.summary.SubjectSummaryProjection;
import org.studyledger.hub.timeline.TimelineProjection;
import org.studyledger.kernel.protocol.Protocol;

/**
 * The replay proof: rebuilds every projection from the ledger into a separate, fresh schema
 * ({@code replay_<millis>_<random>}) and compares it with the live projections table by table (row count and a
 * checksum over every column of every row). The live projections and their tokens are not touched.
 *
 * <p>How: wait until the live projections have caught up with the ledger's head {@code H} ({@link ProjectionRebuild#status()});
 * on one connection, in one transaction, create the schema and in it every projection table {@code LIKE} the live one
 * ({@code INCLUDING ALL}), set {@code search_path} to it ({@code SET LOCAL}, so it ends with the transaction), and hand
 * every ledger event up to {@code H}, in ledger order, read straight from the event store, to new instances of the
 * four projection handler classes whose {@code JdbcTemplate} writes on that connection (the handlers use unqualified
 * table names). Then compare. The transaction is committed when the schema is to be kept for inspection, otherwise
 * rolled back: the replay schema disappears with it (it is never visible to anyone else).
 *
 * <p>A database role without {@code CREATE} on the database (the runtime login of docs/ledger.md) cannot create the
 * schema: the replay then goes into temporary tables of the same transaction ({@code ON COMMIT DROP}; reported schema
 * {@code pg_temp}), which cannot be kept ({@code keep=true} is refused with 422).
 */
@Service
public class ReplayProof {
    /** Every projection table, in the order of docs/hub.md. */
    public static final List<String> TABLES = List.of("timeline_event", "timeline_form", "timeline_subject",
            "subject_summary", "summary_form", "dataset_subject", "dataset_form", "dataset_dose", "dataset_applied",
            "adsl_version", "adqs_version", "adex_version", "audit_trail");
    private static final Logger log = LoggerFactory.getLogger(ReplayProof.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ProjectionRebuild rebuild;
    private final EventStorageEngine ledger;
    private final DataSource dataSource;
    private final AnalysisDerivation derivation;
    private final Protocol protocol;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();

    ReplayProof(ProjectionRebuild rebuild, EventStorageEngine ledger, DataSource dataSource, AnalysisDerivation derivation,
                Protocol protocol, ProjectionProperties projections) {
        this.rebuild = rebuild;
        this.batchSize = projections.batchSize();
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.derivation = derivation;
        this.protocol = protocol;
    }

    /** One projection table, live against replayed. */
    public record TableComparison(String table, long liveRows, long replayRows, String liveChecksum, String replayChecksum,
                                  boolean equal) {
    }

    /**
     * The proof's outcome: the ledger position both sides reflect (the head, -1 for an empty ledger), how many events
     * were replayed, the replay schema (and whether it was kept), each table, and whether every table is equal.
     */
    public record Report(long ledgerPosition, long eventsReplayed, String schema, boolean kept, boolean equal,
                         long millis, List<TableComparison> tables) {
        /** The tables that differ. */
        public List<String> differences() {
            return tables.stream().filter(t -> !t.equal()).map(TableComparison::table).toList();
        }
    }

    /**
     * Runs the proof. Waits up to {@code timeout} for the live projections to catch up with the ledger's head
     * (409 if they do not, if a rebuild or another proof runs, or if the ledger moved on during the proof).
     */
    public Report prove(boolean keep, Duration timeout) {
        if (!running.compareAndSet(false, true)) {
            throw new Conflict("a replay proof is already running");
        }
        try {
            Instant started = Instant.now();
            long head = awaitCaughtUp(started.plus(timeout));
            String schema = "replay_" + System.currentTimeMillis() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
            Connection connection = dataSource.getConnection();
            try {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    Report report = prove(connection, schema, head, keep, started);
                    if (keep) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                    return report;
                } catch (RuntimeException | SQLException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replay proof failed: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }

    private Report prove(Connection connection, String schema, long head, boolean keep, Instant started) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        String live = jdbc.queryForObject("SELECT current_schema()", String.class);
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT has_database_privilege(current_database(), 'CREATE')", Boolean.class))) {
            jdbc.execute("CREATE SCHEMA " + schema);
            for (String table : TABLES) {
                jdbc.execute("CREATE TABLE " + schema + "." + table + " (LIKE " + live + "." + table + " INCLUDING ALL)");
            }
        } else {
            // The hub's role may not create schemas (a runtime login without CREATE on the database): replay into
            // temporary tables of this transaction instead; they cannot be kept.
            if (keep) {
                throw new InvalidQuery("keep", "the hub's database role may not create schemas (CREATE on the database),"
                        + " so the replay can only be made in temporary tables, which cannot be kept");
            }
            schema = "pg_temp";
            createTemporaryTables(jdbc, live);
        }
        jdbc.execute("SET LOCAL search_path TO " + schema);
        long replayed = replay(jdbc, head);
        jdbc.execute("SET LOCAL search_path TO " + live);

        List<TableComparison> tables = new ArrayList<>();
        for (String table : TABLES) {
            Map<String, Object> l = checksum(jdbc, live, table);
            Map<String, Object> r = checksum(jdbc, schema, table);
            long liveRows = ((Number) l.get("row_count")).longValue();
            long replayRows = ((Number) r.get("row_count")).longValue();
            String liveSum = (String) l.get("checksum");
            String replaySum = (String) r.get("checksum");
            tables.add(new TableComparison(table, liveRows, replayRows, liveSum, replaySum,
                    liveRows == replayRows && liveSum.equals(replaySum)));
        }
        ProjectionRebuild.Status after = rebuild.status();
        if (after.head() != head) {
            throw new Conflict("the ledger moved on from position " + head + " to " + after.head()
                    + " during the replay proof; run it again when the ledger is quiet");
        }
        boolean equal = tables.stream().allMatch(TableComparison::equal);
        Report report = new Report(head, replayed, schema, keep, equal, Duration.between(started, Instant.now()).toMillis(),
                List.copyOf(tables));
        if (equal) {
            log.info("replay proof at ledger position {}: {} events replayed into {}, every projection table equal",
                    head, replayed, schema);
        } else {
            log.error("replay proof at ledger position {}: the live projections differ from their replay in {}: {}",
                    head, report.differences(), report);
        }
        return report;
    }

    /**
     * Creates, in the current transaction of {@code jdbc}'s connection, a temporary table ({@code ON COMMIT DROP}; a
     * rollback drops it too) {@code LIKE} every projection table of schema {@code live}. Unqualified names then find
     * the temporary tables first ({@code pg_temp} is searched first).
     */
    static void createTemporaryTables(JdbcTemplate jdbc, String live) {
        for (String table : TABLES) {
            jdbc.execute("CREATE TEMPORARY TABLE " + table + " (LIKE " + live + "." + table + " INCLUDING ALL) ON COMMIT DROP");
        }
    }

    /** Feeds every ledger event up to {@code head}, in ledger order, to fresh projection handlers writing through {@code jdbc}. */
    private long replay(JdbcTemplate jdbc, long head) {
        return replay(head, Stream.<Object>of(TimelineProjection.writingTo(jdbc, protocol, derivation.dates().zone()),
                SubjectSummaryProjection.writingTo(jdbc, derivation, protocol),
                AnalysisDatasetProjection.writingTo(jdbc, derivation), AuditTrailProjection.writingTo(jdbc)));
    }

    /**
     * Feeds the events in batches of the processors' batch size, each in a unit of work of its own as a processor
     * does (the handlers collect a batch and write it when it commits), so the replay writes as the live processors do.
     */
    private long replay(long head, Stream<Object> projections) {
        List<EventMessageHandler> handlers = projections
                .map(h -> (EventMessageHandler) new AnnotationEventHandlerAdapter(h))
                .toList();
        if (head < 0) {
            return 0;
        }
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = ledger.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.takeWhile(m -> position(m) <= head).iterator();
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(batchSize);
            while (it.hasNext()) {
                chunk.add(it.next());
                if (chunk.size() == batchSize || !it.hasNext()) {
                    handle(chunk, handlers);
                    count += chunk.size();
                    chunk = new ArrayList<>(batchSize);
                }
            }
        }
        return count;
    }

    private static void handle(List<TrackedEventMessage<?>> batch, List<EventMessageHandler> handlers) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unit = new BatchingUnitOfWork<>(batch);
        ResultMessage<Object> result = unit.executeWithResult(() -> {
            TrackedEventMessage<?> m = unit.getMessage();
            for (EventMessageHandler h : handlers) {
                if (h.canHandle(m)) {
                    try {
                        h.handle(m);
                    } catch (Exception e) {
                        throw new IllegalStateException("replaying ledger position " + position(m) + " into "
                                + h.getTargetType().getSimpleName() + " failed: " + e.getMessage(), e);
                    }
                }
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure.getMessage(), failure);
        }
    }

    private static long position(TrackedEventMessage<?> m) {
        OptionalLong p = m.trackingToken().position();
        if (p.isEmpty()) {
            throw new IllegalStateException("ledger event " + m.getIdentifier() + " has no position");
        }
        return p.getAsLong();
    }

    /** Row count and md5 over every row's text form (all columns, in table order), rows sorted by that text. */
    private static Map<String, Object> checksum(JdbcTemplate jdbc, String schema, String table) {
        return jdbc.queryForMap("SELECT count(*) AS row_count, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text COLLATE \"C\")), '-')"
                + " AS checksum FROM " + schema + "." + table + " t");
    }

    private long awaitCaughtUp(Instant deadline) {
        ProjectionRebuild.Status status = rebuild.status();
        while (!status.caughtUp() || status.rebuilding()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new Conflict("the live projections have not caught up with the ledger's head " + status.head()
                        + (status.rebuilding() ? " (a rebuild is running)" : "") + "; try again later");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the projections to catch up", e);
            }
            status = rebuild.status();
        }
        return status.head();
    }
}
