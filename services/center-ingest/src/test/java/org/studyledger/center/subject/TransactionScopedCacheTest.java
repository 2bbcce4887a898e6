package org.studyledger.center.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * The subjects kept between transactions: only what committed, taken by one transaction at a time, given only while
 * the event store still ends at the version it was kept at, the later of two versions kept, at most the configured
 * number. Entries here are versions written as text ("v3"); the event store is a map of versions.
 */
class TransactionScopedCacheTest {
    private final Map<Object, Long> store = new HashMap<>();

    private TransactionScopedCache cache(int kept) {
        return new TransactionScopedCache(kept, key -> store.getOrDefault(key, -1L),
                entry -> Long.parseLong(entry.toString().substring(1)));
    }

    private static <T> T inTransaction(int outcome, Supplier<T> work) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            return work.get();
        } finally {
            var synchronizations = TransactionSynchronizationManager.getSynchronizations();
            TransactionSynchronizationManager.clearSynchronization();
            TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, outcome);
        }
    }

    private <T> T committed(Supplier<T> work) {
        return inTransaction(TransactionSynchronization.STATUS_COMMITTED, work);
    }

    /** A transaction writes the subject: the next version, in the event store and in its cache. */
    private Object write(TransactionScopedCache cache, String key, long version) {
        store.put(key, version);
        cache.put(key, "v" + version);
        return null;
    }

    @AfterEach
    void noTransactionLeftOpen() {
        assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
    }

    @Test
    void whatATransactionCommittedIsGivenToTheNextOneAndToNoOtherAtTheSameTime() {
        TransactionScopedCache cache = cache(10);
        committed(() -> write(cache, "PAV-001", 0));
        committed(() -> {
            assertThat(cache.<String, String>get("PAV-001")).isEqualTo("v0");
            assertThat(cache.<String, String>get("PAV-001")).as("its own, again").isEqualTo("v0");
            // a second transaction meanwhile (the same thread, suspended here for brevity) reads the event store
            Map<Object, Object> outer = new HashMap<>(TransactionSynchronizationManager.getResourceMap());
            outer.keySet().forEach(TransactionSynchronizationManager::unbindResource);
            var suspended = TransactionSynchronizationManager.getSynchronizations();
            TransactionSynchronizationManager.clearSynchronization();
            committed(() -> {
                assertThat(cache.<String, String>get("PAV-001")).isNull();
                return null;
            });
            TransactionSynchronizationManager.initSynchronization();
            suspended.forEach(TransactionSynchronizationManager::registerSynchronization);
            outer.forEach(TransactionSynchronizationManager::bindResource);
            return write(cache, "PAV-001", 1);
        });
        assertThat(committed(() -> cache.<String, String>get("PAV-001"))).isEqualTo("v1");
        assertThat(cache.reused()).isEqualTo(2);
    }

    @Test
    void aRolledBackTransactionGivesNothingBack() {
        TransactionScopedCache cache = cache(10);
        committed(() -> write(cache, "PAV-001", 0));
        inTransaction(TransactionSynchronization.STATUS_ROLLED_BACK, () -> {
            assertThat(cache.<String, String>get("PAV-001")).isEqualTo("v0");
            cache.put("PAV-001", "v1"); // never stored
            return null;
        });
        assertThat(committed(() -> cache.<String, String>get("PAV-001"))).as("read from the event store").isNull();
        inTransaction(TransactionSynchronization.STATUS_ROLLED_BACK, () -> write(cache, "PAV-002", 0));
        assertThat(committed(() -> cache.<String, String>get("PAV-002"))).isNull();
    }

    @Test
    void aSubjectWrittenElsewhereSinceItWasKeptIsReadAgain() {
        TransactionScopedCache cache = cache(10);
        committed(() -> write(cache, "PAV-001", 3));
        store.put("PAV-001", 4L); // another writer of the same database
        assertThat(committed(() -> cache.<String, String>get("PAV-001"))).isNull();
        assertThat(cache.reused()).isZero();
    }

    @Test
    void aTransactionTakesTheSubjectsOfAFileAtOnceOnlyThoseStillAtTheirVersion() {
        TransactionScopedCache cache = cache(10);
        committed(() -> write(cache, "PAV-001", 2));
        committed(() -> write(cache, "PAV-002", 1));
        committed(() -> {
            // the versions the event store holds, read for the file's subjects together: PAV-002 was written elsewhere
            cache.takeAll(java.util.List.of("PAV-001", "PAV-002", "PAV-003"), Map.of("PAV-001", 2L, "PAV-002", 3L));
            assertThat(cache.<String, String>get("PAV-001")).isEqualTo("v2");
            store.put("PAV-002", 3L);
            assertThat(cache.<String, String>get("PAV-002")).as("dropped: read again").isNull();
            assertThat(cache.<String, String>get("PAV-003")).isNull();
            return null;
        });
        assertThat(cache.reused()).isEqualTo(1);
        assertThat(committed(() -> cache.<String, String>get("PAV-002"))).as("not kept any more").isNull();
    }

    @Test
    void ofTwoCommitsTheLaterVersionIsKept() {
        TransactionScopedCache cache = cache(10);
        store.put("PAV-001", 5L);
        committed(() -> {
            cache.put("PAV-001", "v5");
            // a transaction that read an older state commits after this one: its subject is not kept over this one's
            return null;
        });
        committed(() -> {
            cache.put("PAV-001", "v4");
            return null;
        });
        assertThat(committed(() -> cache.<String, String>get("PAV-001"))).isEqualTo("v5");
    }

    @Test
    void atMostTheConfiguredNumberAreKeptTheLeastRecentlyUsedGoingFirst() {
        TransactionScopedCache cache = cache(2);
        committed(() -> write(cache, "PAV-001", 0));
        committed(() -> write(cache, "PAV-002", 0));
        committed(() -> write(cache, "PAV-003", 0));
        assertThat(committed(() -> cache.<String, String>get("PAV-001"))).isNull();
        assertThat(committed(() -> cache.<String, String>get("PAV-003"))).isEqualTo("v0");

        TransactionScopedCache none = cache(0);
        committed(() -> write(none, "PAV-001", 0));
        assertThat(committed(() -> none.<String, String>get("PAV-001"))).isNull();
    }

    @Test
    void outsideATransactionNothingIsKeptOrGiven() {
        TransactionScopedCache cache = cache(10);
        committed(() -> write(cache, "PAV-001", 0));
        cache.put("PAV-002", "v0");
        assertThat(cache.<String, String>get("PAV-001")).isNull();
        assertThat(committed(() -> cache.<String, String>get("PAV-002"))).isNull();
        assertThat(committed(() -> cache.<String, String>get("PAV-001"))).isEqualTo("v0");
    }

    @Test
    void anAxonEntryGivesTheVersionOfTheAggregateItHolds() {
        var model = org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory
                .inspectAggregate(Versioned.class);
        var aggregate = org.axonframework.eventsourcing.EventSourcedAggregate.reconstruct(new Versioned(), model, 7L,
                false, null, org.axonframework.eventsourcing.NoSnapshotTriggerDefinition.TRIGGER);

        assertThat(TransactionScopedCache.axonVersion(new org.axonframework.eventsourcing.AggregateCacheEntry<>(aggregate)))
                .isEqualTo(7);
        assertThat(TransactionScopedCache.axonVersion("not an entry")).isEqualTo(-1);
    }

    /** The smallest aggregate Axon inspects. */
    static final class Versioned {
        @org.axonframework.modelling.command.AggregateIdentifier
        private final String id = "PAV-001";
    }
}
