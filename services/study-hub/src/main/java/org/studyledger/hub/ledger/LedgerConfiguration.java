package org.studyledger.hub.ledger;

import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.hub.HubProperties;
import org.studyledger.kernel.envelope.WireLimits;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.support.eventstore.CommitNotifyingEventStore;
import org.studyledger.support.eventstore.JdbcStorage;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Protocol protocol(HubProperties hub) {
        return Protocol.load(hub.studyId(), hub.protocolVersion());
    }

    @Bean
    WireLimits wireLimits(IntakeProperties intake) {
        return intake.limits().toWireLimits();
    }

    /**
     * The ledger's storage: Axon's JDBC storage engine as every service builds it ({@link JdbcStorage}), decoding an
     * event its processors read behind the head once for all of them ({@link LedgerStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(JdbcStorage storage, LedgerStreamProperties stream) {
        return new LedgerStorageEngine(storage.builder(), stream.decodedEvents());
    }

    /**
     * The ledger's event store, in place of the one Axon would configure (same storage, monitor and tracing): one that
     * learns when the ledger commits and tells the processors when events are there ({@link LedgerEventStore}).
     */
    @Bean(name = "eventBus", destroyMethod = "shutDown")
    @Qualifier("eventStore")
    LedgerEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                LedgerStreamProperties stream) {
        return new LedgerEventStore(CommitNotifyingEventStore.builder(storageEngine, configuration, stream.fetchDelay(),
                stream.cachedEvents()));
    }

    @Bean
    ScoringEngine scoringEngine() {
        return ScoringEngine.standard();
    }
}
