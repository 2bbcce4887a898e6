package org.studyledger.hub.dataset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.hub.HubProperties;
import org.studyledger.kernel.protocol.Protocol;

@Configuration(proxyBeanMethods = false)
class DatasetConfiguration {

    @Bean
    AnalysisDerivation analysisDerivation(Protocol protocol, HubProperties hub) {
        return new AnalysisDerivation(protocol, new StudyDates(hub.zone()));
    }
}
