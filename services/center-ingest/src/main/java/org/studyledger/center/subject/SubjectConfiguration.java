package org.studyledger.center.subject;

import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.center.CenterProperties;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;

@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The {@code Subject} repository's cache (see {@code @Aggregate(cache = …)} on {@link Subject}). */
    @Bean
    Cache subjectCache(SubjectCacheProperties properties, SubjectVersions versions) {
        return TransactionScopedCache.forSubjects(properties, versions);
    }

    @Bean
    CenterContext centerContext(CenterProperties center, Clock clock, CenterSigner signer) {
        return new CenterContext(new StudyId(center.studyId()), new CenterId(center.id()),
                Protocol.load(center.studyId(), center.protocolVersion()), ScoringEngine.standard(), center.zone(), clock,
                signer);
    }
}
