package org.studyledger.hub.ledger;

import org.studyledger.support.eventstore.CommitNotifyingEventStore;

/**
 * The ledger as the projections' processors read it: read as soon as the ledger's transaction has committed, and each
 * processor called back when new events are there ({@link CommitNotifyingEventStore}), so that a projection does not
 * lag the ledger by Axon's fetch delay and a pooled processor's 500 ms look. Events another hub instance appended are
 * read within the fetch delay ({@link LedgerStreamProperties}).
 */
public class LedgerEventStore extends CommitNotifyingEventStore {

    LedgerEventStore(Builder builder) {
        super(builder, "ledger-stream-watcher");
    }
}
