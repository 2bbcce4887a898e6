package org.studyledger.hub.ledger;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.hub.HubProperties;
import org.studyledger.kernel.envelope.WireLimits;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;

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

    @Bean
    ScoringEngine scoringEngine() {
        return ScoringEngine.standard();
    }
}
