package org.studyledger.center.subject;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs many commands of one database transaction (the rows of a CSV file) as one Axon unit of work, so that their
 * events are appended together, as one JDBC batch, instead of one {@code INSERT} per command. Each command sent inside
 * runs in a unit of work nested in this one: it is checked and applied as alone (a refused command undoes only itself,
 * and a later command of the same subject sees the subject as the accepted ones left it: Axon's event store reads a
 * subject's events staged in the enclosing unit of work too), but its events are staged, not stored, until the whole
 * is kept; a subject is loaded once for all its commands (Axon's repository keeps it in the outermost unit of work).
 *
 * <p>The events are stored only in the transaction the work runs in, and only when it is kept; otherwise nothing is
 * stored, and the caller rolls the transaction back. A failure of the append itself (another writer took a subject's
 * next sequence number) comes out of here as the exception it is, and the transaction rolls back.
 */
public final class AppendedTogether {
    private AppendedTogether() {
    }

    /**
     * @param work the commands, sent through Axon as usual; what it returns decides whether to keep them
     * @param keep whether what the work did is to be stored (false: every event it staged is dropped)
     * @return what the work returned
     */
    public static <T> T run(Supplier<T> work, Predicate<? super T> keep) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Outside a transaction each nested command would be its own, and a failed append would leave the others.
            throw new IllegalStateException("commands are appended together only inside a transaction");
        }
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            unit.rollback(e);
            throw e;
        }
        if (keep.test(result)) {
            unit.commit(); // appends every staged event; on failure it rolls itself back and throws
        } else {
            unit.rollback();
        }
        return result;
    }
}
