package org.studyledger.center.subject;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;

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
 *
 * <p><b>Between transactions</b> it keeps what <em>committed</em>: when a transaction commits, the subjects it holds
 * are handed over, each with its version (its last event's sequence number), to the next transaction that writes
 * them, so a subject written in request after request (a client's batches, a file a week, one write at a time) is not
 * read and replayed from its first event each time; that replay was most of the intake's time, and grows with the
 * subject's history. The hand-over keeps the guarantee above: a transaction <em>takes</em> a kept subject (no other
 * transaction can be given it until it commits again; one that rolls back gives nothing back, so the subject is read
 * again from the database next time), and takes it only if the event store still ends at the version it was kept at,
 * read in the taking transaction (one indexed look-up instead of all its events), so a subject written by another
 * writer of the same database since, or by a transaction that committed out of order, is read again. Of two commits
 * of the same subject the later version is kept. At most {@link SubjectCacheProperties#committedSubjects()} subjects
 * are kept, the least recently used going first.
 */
final class TransactionScopedCache implements Cache {
    private final Committed committed;
    private final ToLongFunction<Object> storedVersion;
    private final ToLongFunction<Object> versionOf;
    private final AtomicLong reused = new AtomicLong();
    /** What the current transaction cached; what it holds when it commits is kept for the next transactions. */
    private final TransactionBound<Map<Object, Object>> perTransaction = new TransactionBound<>(HashMap::new,
            committedEntries -> committedEntries.forEach(this::keep));

    /**
     * @param committedSubjects how many committed subjects are kept between transactions (0: none)
     * @param storedVersion     a subject's version as the event store holds it, read in the current transaction
     * @param versionOf         the version of a cached entry, or -1 when it is not known (then it is not kept)
     */
    TransactionScopedCache(int committedSubjects, ToLongFunction<Object> storedVersion, ToLongFunction<Object> versionOf) {
        this.committed = new Committed(committedSubjects);
        this.storedVersion = storedVersion;
        this.versionOf = versionOf;
    }

    /** The cache of the Subject repository: Axon's entries, versions from the event store. */
    static TransactionScopedCache forSubjects(SubjectCacheProperties properties, SubjectVersions versions) {
        return new TransactionScopedCache(properties.committedSubjects(),
                key -> versions.last(key.toString()), TransactionScopedCache::axonVersion);
    }

    /** How many times a transaction was given a subject another one committed, instead of reading it. */
    long reused() {
        return reused.get();
    }

    /** Keeps a subject a transaction committed for the next one that writes it, when its version is known. */
    private void keep(Object key, Object entry) {
        long version = versionOf.applyAsLong(entry);
        if (version >= 0) {
            committed.keep(key, entry, version);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Map<Object, Object> entries = perTransaction.existing();
        if (entries != null && entries.containsKey(key)) {
            return (V) entries.get(key);
        }
        if (!TransactionBound.inTransaction()) {
            return null;
        }
        Kept kept = committed.take(key);
        if (kept == null || storedVersion.applyAsLong(key) != kept.version()) {
            return null; // read from the event store, as if never kept
        }
        perTransaction.current().put(key, kept.entry());
        reused.incrementAndGet();
        return (V) kept.entry();
    }

    /**
     * Gives the current transaction, at once, the kept subjects among {@code keys} whose version is still the one the
     * event store holds ({@code stored}: the versions, read in this transaction, of those with events), as {@link #get}
     * would give each one on its own after reading its version; the others are dropped, and read when loaded.
     */
    void takeAll(Collection<?> keys, Map<?, Long> stored) {
        if (!TransactionBound.inTransaction()) {
            return;
        }
        for (Object key : keys) {
            Map<Object, Object> entries = perTransaction.existing();
            if (entries != null && entries.containsKey(key)) {
                continue;
            }
            Kept kept = committed.take(key);
            Long version = stored.get(key);
            if (kept != null && version != null && version == kept.version()) {
                perTransaction.current().put(key, kept.entry());
                reused.incrementAndGet();
            }
        }
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> entries = perTransaction.current();
        if (entries != null) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Map<Object, Object> entries = perTransaction.current();
        return entries != null && entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> entries = perTransaction.existing();
        return entries != null && entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        Map<Object, Object> entries = perTransaction.existing();
        if (entries != null) {
            entries.clear();
        }
        committed.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        Map<Object, Object> entries = perTransaction.existing();
        return entries != null && entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Map<Object, Object> entries = perTransaction.existing();
        if (entries != null) {
            entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return () -> true; // nothing outside the transaction listens to what it caches
    }

    private record Kept(Object entry, long version) {
    }

    /** The committed subjects, least recently used first; a subject taken out is no longer here. */
    private static final class Committed {
        private final int capacity;
        private final LinkedHashMap<Object, Kept> kept;

        Committed(int capacity) {
            this.capacity = capacity;
            this.kept = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, Kept> eldest) {
                    return size() > Committed.this.capacity;
                }
            };
        }

        synchronized Kept take(Object key) {
            return kept.remove(key);
        }

        synchronized void keep(Object key, Object entry, long version) {
            if (capacity == 0) {
                return;
            }
            Kept earlier = kept.get(key);
            if (earlier == null || earlier.version() <= version) {
                kept.put(key, new Kept(entry, version));
            }
        }

        synchronized void clear() {
            kept.clear();
        }
    }

    /**
     * The version of the aggregate an Axon cache entry holds; -1 for anything else. An entry made in this process holds
     * the live aggregate, which {@code recreateAggregate} hands back as it is, without the arguments it would need to
     * rebuild one from a serialised entry; this cache never serialises its entries, so that is every entry here. Should
     * an entry not hold its aggregate, its version is not known and the subject is not kept between transactions.
     */
    static long axonVersion(Object entry) {
        if (!(entry instanceof AggregateCacheEntry<?> cached)) {
            return -1;
        }
        try {
            EventSourcedAggregate<?> aggregate = cached.recreateAggregate(null, null, null, null);
            Long version = aggregate == null ? null : aggregate.version();
            return version == null ? -1 : version;
        } catch (RuntimeException e) {
            return -1; // not an in-memory entry: rebuilding it needs the repository's model, which is not ours to use
        }
    }
}
