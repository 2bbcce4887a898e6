package org.studyledger.support.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's embedded event store (one read of new events for every processor that keeps up), which reads an append as
 * soon as the transaction that wrote it has committed and tells each processor when new events are there instead of
 * being asked.
 *
 * <p>Two waits of Axon's defaults made a processor lag the store by up to one and a half seconds, and neither is a cost
 * of work. The store learns of an append when Axon's unit of work commits; where that unit of work runs inside a
 * surrounding Spring transaction (a center's request, a hub's ledger batch), its commit is not the database's, the
 * rows cannot be read yet, the store finds nothing and waits its fetch delay to look again. Here it is told once the
 * surrounding transaction has committed. And a pooled processor whose stream cannot say when events arrive looks every
 * 500 ms; the streams here can ({@link BlockingStream#setOnAvailableCallback}): a watcher that follows the store's
 * newest events (a reader of its cache, like every processor) calls them back as soon as the store has read new
 * events, from this instance or, within the fetch delay, another one.
 */
public class CommitNotifyingEventStore extends EmbeddedEventStore {
    private static final Logger log = LoggerFactory.getLogger(CommitNotifyingEventStore.class);

    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final Object watcherLock = new Object();
    private final String watcherName;
    private volatile Thread watcher;
    private volatile boolean closed;

    /**
     * @param builder     the embedded store's settings (storage, fetch delay, cache)
     * @param watcherName the name of the thread that calls the streams back
     */
    public CommitNotifyingEventStore(Builder builder, String watcherName) {
        super(builder);
        this.watcherName = watcherName;
    }

    /**
     * The settings of the store Axon would configure itself (storage, monitor, tracing), with the stream's fetch delay
     * and cache: what each service's store is built from.
     */
    public static Builder builder(EventStorageEngine storage, org.axonframework.config.Configuration configuration,
                                  Duration fetchDelay, int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storage)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .cachedEvents(cachedEvents);
    }

    /** Reads what was appended once its rows can be read: after the surrounding transaction, if there is one. */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    readNow();
                }
            });
        } else {
            readNow();
        }
    }

    /** Appended events have committed: read them now rather than after the fetch delay. */
    private void readNow() {
        super.afterCommit(List.of());
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new Watched(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        closed = true;
        Thread t = watcher;
        if (t != null) {
            t.interrupt();
        }
        super.shutDown();
    }

    private void startWatcher() {
        synchronized (watcherLock) {
            if (watcher != null || closed) {
                return;
            }
            Thread t = new Thread(this::watch, watcherName);
            t.setDaemon(true);
            watcher = t;
            t.start();
        }
    }

    /**
     * Follows the newest events the store has read, from the head of the store when it starts, and calls every
     * registered stream back whenever more have come. It only walks the store's cache: no query of its own once it
     * has caught up.
     */
    private void watch() {
        while (!closed) {
            try (TrackingEventStream newest = super.openStream(createHeadToken())) {
                while (!closed) {
                    if (newest.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (newest.hasNextAvailable()) {
                            newest.nextAvailable();
                        }
                        callbacks.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("the event stream watcher failed; starting again in a second: {}", e.toString());
                // Meanwhile the processors are woken as if no callback were registered: on their own schedule.
                callbacks.forEach(Runnable::run);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** A stream of the embedded store that can call back when events are available. */
    private final class Watched implements TrackingEventStream {
        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        Watched(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            startWatcher();
            return true;
        }

        @Override
        public void close() {
            Runnable c = callback;
            if (c != null) {
                callbacks.remove(c);
            }
            delegate.close();
        }
    }
}
