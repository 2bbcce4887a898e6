package org.studyledger.hub.asof;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bounded replay for read models that a later event rewrites in place (a subject's summary row, a timeline's
 * assessment rows after a dose that moves the first dose): a few subjects' own ledger events up to a position, folded
 * by a fresh instance of the same projection class into temporary tables shaped like its live tables, then read by the
 * same query as the live answer. The temporary tables shadow the live ones under their unqualified names
 * ({@code pg_temp} is searched first) and are dropped with the transaction, which is always rolled back: nothing the
 * live projections or anyone else can see is written.
 *
 * <p>It costs the events of the subjects replayed, never the whole ledger: a timeline or one summary replays one
 * subject; the subject list replays only the subjects whose summary moved on after the position (docs/as-of.md).
 */
@Service
public class SubjectReplay {
    private final EventStorageEngine ledger;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    SubjectReplay(EventStorageEngine ledger, DataSource dataSource, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** How a read model is replayed: its tables, and its projection writing through a given connection. */
    public record Model(List<String> tables, Function<JdbcTemplate, Object> projection) {
    }

    /**
     * In one REPEATABLE READ transaction that is then rolled back: makes {@code model}'s tables temporary and empty,
     * lets {@code plan} fill them from the live tables (which it names qualified by the schema it is given) and name the
     * subjects to replay, replays their events up to and including ledger position {@code position} into them, and
     * returns what {@code query} reads. Every statement sees the same snapshot, so what the plan copies and what it
     * replays cannot miss a subject the live projection moves on meanwhile.
     */
    public <T> T read(Model model, long position, Plan plan, Function<JdbcTemplate, T> query) {
        return transaction.execute(status -> {
            status.setRollbackOnly();
            String live = jdbc.queryForObject("SELECT current_schema()", String.class);
            for (String table : model.tables()) {
                jdbc.execute("CREATE TEMPORARY TABLE " + table + " (LIKE " + live + "." + table
                        + " INCLUDING ALL) ON COMMIT DROP");
            }
            Collection<String> subjects = plan.prepare(jdbc, live);
            EventMessageHandler handler = new AnnotationEventHandlerAdapter(model.projection().apply(jdbc));
            for (String subject : subjects) {
                List<TrackedEventMessage<?>> events = events(subject, position);
                if (!events.isEmpty()) {
                    handle(events, handler);
                }
            }
            return query.apply(jdbc);
        });
    }

    /** One subject, replayed into empty tables. */
    public <T> T read(Model model, String subject, long position, Function<JdbcTemplate, T> query) {
        return read(model, position, (to, live) -> List.of(subject), query);
    }

    /** Fills the temporary tables from the live ones before the replay, and names the subjects to replay. */
    @FunctionalInterface
    public interface Plan {
        Collection<String> prepare(JdbcTemplate jdbc, String liveSchema);
    }

    /** The subject's ledger events up to {@code position}, in its sequence order, each with its ledger position. */
    private List<TrackedEventMessage<?>> events(String subject, long position) {
        Map<String, Long> positions = new HashMap<>();
        jdbc.query("""
                SELECT event_identifier, global_index FROM domain_event_entry
                WHERE aggregate_identifier = ? AND global_index <= ?""",
                rs -> {
                    positions.put(rs.getString(1), rs.getLong(2));
                }, subject, position);
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        if (positions.isEmpty()) {
            return events;
        }
        try (Stream<? extends org.axonframework.eventhandling.DomainEventMessage<?>> stream =
                     ledger.readEvents(subject).asStream()) {
            stream.forEach(m -> {
                Long at = positions.get(m.getIdentifier());
                if (at != null) {
                    events.add(new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(at, List.of()), m));
                }
            });
        }
        return events;
    }

    /** One subject's events as one batch, as a processor hands a batch to the projection. */
    private static void handle(List<TrackedEventMessage<?>> batch, EventMessageHandler handler) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unit = new BatchingUnitOfWork<>(batch);
        ResultMessage<Object> result = unit.executeWithResult(() -> {
            TrackedEventMessage<?> m = unit.getMessage();
            if (handler.canHandle(m)) {
                handler.handle(m);
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure.getMessage(), failure);
        }
    }
}
