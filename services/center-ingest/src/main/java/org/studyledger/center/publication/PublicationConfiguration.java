package org.studyledger.center.publication;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.center.CenterProperties;
import org.studyledger.support.eventstore.CommitNotifyingEventStore;

@Configuration(proxyBeanMethods = false)
class PublicationConfiguration {

    @Bean(destroyMethod = "close")
    KafkaPublisher kafkaPublisher(PublicationProperties publication, CenterProperties center) {
        return new KafkaPublisher(publication, publication.topicFor(center.studyId(), center.id()),
                "studyledger-center-" + center.id());
    }

    /**
     * The center's event store, in place of the one Axon would configure (same storage, monitor and tracing): one that
     * reads what a request recorded as soon as the request's transaction commits and calls the outbox back, so that an
     * event does not wait Axon's fetch delay (a second) and the pooled processor's 500 ms look before it is published.
     */
    @Bean(name = "eventBus", destroyMethod = "shutDown")
    @Qualifier("eventStore")
    CommitNotifyingEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         OutboxStreamProperties stream) {
        return new CommitNotifyingEventStore(CommitNotifyingEventStore.builder(storageEngine, configuration,
                stream.fetchDelay(), stream.cachedEvents()), "outbox-stream-watcher");
    }

    /** An event that cannot be published must stop the outbox, not be logged and passed over. */
    @Autowired
    void propagateFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(PublicationProcessor.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
