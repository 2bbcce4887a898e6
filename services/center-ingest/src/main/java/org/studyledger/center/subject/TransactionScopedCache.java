package org.studyledger.center.subject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The aggregate cache of the {@code Subject} repository, scoped to one database transaction: a subject loaded (or
 * changed) by a command is kept for the later commands of the same transaction (the rows of one CSV file, the items of
 * one batch request), which then need not read and replay its events again; when the transaction ends, committed or
 * rolled back, everything it cached is dropped.
 *
 * <p>So no other transaction ever sees a subject as an unfinished transaction left it, and a transaction never sees one
 * older than what it wrote itself. A command refused within the transaction is removed by the repository itself (it
 * evicts on the command's rollback), so the next command reads the subject again from what the transaction holds. A
 * cache shared across transactions could serve a subject with events that were later rolled back, or hand a second
 * writer the state of a first one that has not committed; this one cannot. Outside a transaction it holds nothing.
 */
final class TransactionScopedCache implements Cache {

    /** The current transaction's entries; null outside a transaction (nothing is cached there). */
    private Map<Object, Object> entries(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> entries = (Map<Object, Object>) TransactionSynchronizationManager.getResource(this);
        if (entries == null && create) {
            Map<Object, Object> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScopedCache.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(TransactionScopedCache.this, created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScopedCache.this);
                }
            });
            entries = created;
        }
        return entries;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Map<Object, Object> entries = entries(false);
        return entries == null ? null : (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> entries = entries(true);
        if (entries != null) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Map<Object, Object> entries = entries(true);
        return entries != null && entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> entries = entries(false);
        return entries != null && entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        Map<Object, Object> entries = entries(false);
        if (entries != null) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        Map<Object, Object> entries = entries(false);
        return entries != null && entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Map<Object, Object> entries = entries(false);
        if (entries != null) {
            entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return () -> true; // nothing outside the transaction listens to what it caches
    }
}
