package org.studyledger.center.subject;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that belongs to the current Spring transaction: made the first time the transaction asks for it, set aside
 * while the transaction is suspended (a nested {@code REQUIRES_NEW} sees none of it), and gone when the transaction
 * ends, whichever way. Outside a transaction there is none. What the subject repository keeps per transaction (its
 * cache, the subjects found to have no events) is bound this way, in this one place.
 *
 * @param <T> the value
 */
final class TransactionBound<T> {
    private final Supplier<T> factory;
    private final Consumer<T> afterCommit;

    /**
     * @param factory     makes the value, once per transaction
     * @param afterCommit given the value after its transaction committed (not after a rollback)
     */
    TransactionBound(Supplier<T> factory, Consumer<T> afterCommit) {
        this.factory = factory;
        this.afterCommit = afterCommit;
    }

    TransactionBound(Supplier<T> factory) {
        this(factory, value -> {
        });
    }

    /** Whether there is a transaction to bind a value to. */
    static boolean inTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }

    /** The current transaction's value, or null when it has none yet or there is no transaction. */
    T existing() {
        if (!inTransaction()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T value = (T) TransactionSynchronizationManager.getResource(this);
        return value;
    }

    /** The current transaction's value, made now if it has none; null outside a transaction. */
    T current() {
        T value = existing();
        if (value != null || !inTransaction()) {
            return value;
        }
        T created = factory.get();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(TransactionBound.this, created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
                if (status == STATUS_COMMITTED) {
                    afterCommit.accept(created);
                }
            }
        });
        return created;
    }
}
