package org.studyledger.center.publication;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.center.CenterProperties;

@Configuration(proxyBeanMethods = false)
class PublicationConfiguration {

    @Bean(destroyMethod = "close")
    KafkaPublisher kafkaPublisher(PublicationProperties publication, CenterProperties center) {
        return new KafkaPublisher(publication, publication.topicFor(center.studyId(), center.id()),
                "studyledger-center-" + center.id());
    }

    /** An event that cannot be published must stop the outbox, not be logged and passed over. */
    @Autowired
    void propagateFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(PublicationProcessor.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
