package org.studyledger.center.subject;

import java.time.Clock;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
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
    TransactionScopedCache subjectCache(SubjectCacheProperties properties, SubjectVersions versions) {
        return TransactionScopedCache.forSubjects(properties, versions);
    }

    /**
     * The subjects' storage: Axon's JDBC storage engine as Axon's auto-configuration builds it (which it does only when
     * no storage engine is defined), less the queries whose answer is known ({@link SubjectStorage}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema, SnapshotProperties snapshots,
                                          UnstoredSubjects unstored) {
        return new SubjectStorage(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build(), snapshots.enabled(), unstored);
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
