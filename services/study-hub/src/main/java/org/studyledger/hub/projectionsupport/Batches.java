package org.studyledger.hub.projectionsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a projection collects over one batch of its processor (Axon's unit of work) and writes when the batch commits:
 * in the processor's transaction, just before its token is stored, so a failed batch leaves nothing behind and is
 * handled again whole. Outside a unit of work each event is a batch of its own.
 */
public final class Batches {
    private Batches() {
    }

    /**
     * Hands {@code work} this unit of work's {@code T} under {@code key} (made by {@code create} for the first event of
     * the batch), and {@code commit} it when the batch commits.
     */
    public static <T> void with(String key, Supplier<T> create, Consumer<T> commit, Consumer<T> work) {
        if (!CurrentUnitOfWork.isStarted()) {
            T alone = create.get();
            work.accept(alone);
            commit.accept(alone);
            return;
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        T batch = unit.getOrComputeResource(key, k -> {
            T made = create.get();
            unit.onPrepareCommit(u -> commit.accept(made));
            return made;
        });
        work.accept(batch);
    }

    /**
     * The messages of the batch being handled (the processor's batching unit of work), so a projection can read what
     * it needs for all of them with one query; outside a unit of work, none.
     */
    public static List<? extends Message<?>> messages() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        return unit instanceof BatchingUnitOfWork<?> batch ? batch.getMessages() : List.of(unit.getMessage());
    }

    /** A key for {@link #with} that no other projection instance (the replay proof's included) shares. */
    public static String key(Object owner, String what) {
        return owner.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(owner)) + "/" + what;
    }

    /** Statements collected over a batch and executed as one JDBC batch per statement, in the order first added. */
    public static final class Statements {
        private final Map<String, List<Object[]>> bySql = new LinkedHashMap<>();

        public void add(String sql, Object... args) {
            bySql.computeIfAbsent(sql, k -> new ArrayList<>()).add(args);
        }

        public void execute(JdbcTemplate jdbc) {
            bySql.forEach((sql, rows) -> jdbc.batchUpdate(sql, rows));
            bySql.clear();
        }
    }
}
