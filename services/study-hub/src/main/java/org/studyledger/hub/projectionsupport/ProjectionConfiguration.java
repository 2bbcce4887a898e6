package org.studyledger.hub.projectionsupport;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
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

    /**
     * Every projection processor's batch size is {@link ProjectionProperties#batchSize()}: set on Axon's processor
     * settings ({@code axon.eventhandling.processors.<name>}) once they are bound, before Axon builds the processors.
     */
    @Bean
    static BeanPostProcessor projectionBatchSize(ObjectProvider<ProjectionProperties> projections) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventProcessorProperties axon) {
                    int batchSize = projections.getObject().batchSize();
                    axon.getProcessors().values().forEach(settings -> settings.setBatchSize(batchSize));
                }
                return bean;
            }
        };
    }
}
