package org.studyledger.hub.projection;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /**
     * A projection that cannot apply an event must stop there and retry (the processor backs off and
     * tries the batch again), not log and pass over it: skipping would leave its rows silently different
     * from what a replay gives. Every event processor of the hub is a projection.
     */
    @Autowired
    void propagateFailures(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
