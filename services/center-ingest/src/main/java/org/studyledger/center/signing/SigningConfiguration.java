package org.studyledger.center.signing;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.center.CenterProperties;
import org.studyledger.center.subject.CenterSigner;
import org.studyledger.kernel.study.CenterId;

@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    /** The same clock as the aggregate's: a key's retired_at and the recorded_at of its events must be comparable. */
    @Bean
    CenterKeys centerKeys(SigningProperties signing, CenterProperties center, Clock clock) {
        return CenterKeys.open(signing, new CenterId(center.id()), clock);
    }

    @Bean
    CenterSigner centerSigner(CenterKeys keys) {
        return keys.signer();
    }
}
