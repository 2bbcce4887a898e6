package org.studyledger.support.eventstore;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.kernel.envelope.KernelJson;

/**
 * Axon's JDBC event store and token store on the snake_case tables the Flyway migrations create, with
 * event payloads serialized by the kernel's JSON mapping (the same one the hash is computed over).
 *
 * <p>Two of Axon's JDBC defaults are replaced, because they break transactions that span several commands
 * or appends (a CSV import at a center, a ledger append with its bookkeeping at the hub):
 * <ul>
 *   <li><b>Connections are Spring's, and only Spring commits or rolls back.</b> Axon's default provider wraps
 *   Spring's connection in a unit-of-work-aware wrapper whose rollback calls {@code Connection.rollback()}
 *   directly; inside a surrounding Spring transaction one refused command silently undid everything written
 *   before it. Axon's transaction manager is Spring's, so the plain Spring provider is enough.</li>
 *   <li><b>PostgreSQL's duplicate key is a concurrency conflict.</b> Axon's default resolver only recognises
 *   JPA's exception, so two writers racing for a subject's next sequence number got an unexplained error
 *   instead of Axon's {@code ConcurrencyException}. SQL state 23505 is PostgreSQL's unique violation.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(KernelJson.create()).build();
    }

    /**
     * How each service builds its storage engine ({@link JdbcStorage}): Axon builds one only when no event store is
     * defined, and each service defines its own ({@link CommitNotifyingEventStore}).
     */
    @Bean
    JdbcStorage jdbcStorage(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                            @Qualifier("eventSerializer") Serializer eventSerializer,
                            org.axonframework.config.Configuration configuration,
                            ConnectionProvider connectionProvider, TransactionManager transactionManager,
                            EventSchema eventSchema) {
        return new JdbcStorage(defaultSerializer, eventSerializer, configuration, persistenceExceptionResolver,
                connectionProvider, transactionManager, eventSchema);
    }
}
