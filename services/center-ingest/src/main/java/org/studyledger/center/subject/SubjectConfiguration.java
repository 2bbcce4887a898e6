package org.studyledger.center.subject;

import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.center.CenterProperties;
import org.studyledger.support.eventstore.JdbcStorage;
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
    TransactionScopedCache subjectCache(SubjectCacheProperties properties, SubjectVersions versions) {
        return TransactionScopedCache.forSubjects(properties, versions);
    }

    /**
     * The subjects' storage: Axon's JDBC storage engine as every service builds it ({@link JdbcStorage}), less the
     * queries whose answer is known ({@link SubjectStorage}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(JdbcStorage storage, SnapshotProperties snapshots, UnstoredSubjects unstored) {
        return new SubjectStorage(storage.builder().build(), snapshots.enabled(), unstored);
    }

    @Bean
    UnstoredSubjects unstoredSubjects() {
        return new UnstoredSubjects();
    }

    @Bean
    CenterContext centerContext(CenterProperties center, Clock clock, CenterSigner signer) {
        return new CenterContext(new StudyId(center.studyId()), new CenterId(center.id()),
                Protocol.load(center.studyId(), center.protocolVersion()), ScoringEngine.standard(), center.zone(), clock,
                signer);
    }
}
