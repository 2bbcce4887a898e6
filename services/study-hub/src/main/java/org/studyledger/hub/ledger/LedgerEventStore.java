package org.studyledger.hub.ledger;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger as the projections' processors read it: Axon's embedded event store, which reads new events from the
 * database for all of them at once, told when the ledger's own transaction has committed, and telling each processor
 * when new events are there instead of being asked.
 *
 * <p>Two waits of Axon's defaults made a projection lag the ledger by up to one and a half seconds, and neither is a
 * cost of work. The store learns of an append when the append is published, which is inside the ledger's transaction,
 * before its rows can be read; it then found nothing and waited its fetch delay (a second) to look again. Now the
 * intake calls {@link #committed} after the commit, and the store reads at once. And a pooled processor whose stream
 * cannot say when events arrive looks every 500 ms; the streams here can ({@link BlockingStream#setOnAvailableCallback}):
 * a watcher that follows the store's newest events (a reader of its cache, like every processor) calls them back as
 * soon as the store has read new events, from this hub's ledger or, within the fetch delay, another instance's.
 */
public class LedgerEventStore extends EmbeddedEventStore {
    private static final Logger log = LoggerFactory.getLogger(LedgerEventStore.class);

    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final Object watcherLock = new Object();
    private volatile Thread watcher;
    private volatile boolean closed;

    LedgerEventStore(Builder builder) {
        super(builder);
    }

    /** The ledger's transaction that appended events has committed: read them now rather than after the fetch delay. */
    public void committed() {
        afterCommit(List.of());
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
            Thread t = new Thread(this::watch, "ledger-stream-watcher");
            t.setDaemon(true);
            watcher = t;
            t.start();
        }
    }

    /**
     * Follows the newest events the store has read, from the head of the ledger when it starts, and calls every
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
                log.warn("the ledger's stream watcher failed; starting again in a second: {}", e.toString());
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
