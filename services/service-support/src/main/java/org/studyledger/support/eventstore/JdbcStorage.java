package org.studyledger.support.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine set up as Axon's auto-configuration would set it up on this schema, serializers and
 * connections. Axon builds its own only when no event store is defined, and each service defines its own (the
 * center's subjects, the hub's ledger), so each builds its engine from here, adding only what is its own.
 */
public final class JdbcStorage {
    private final Serializer snapshotSerializer;
    private final Serializer eventSerializer;
    private final org.axonframework.config.Configuration configuration;
    private final PersistenceExceptionResolver persistenceExceptionResolver;
    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;
    private final EventSchema schema;

    JdbcStorage(Serializer snapshotSerializer, Serializer eventSerializer, org.axonframework.config.Configuration configuration,
                PersistenceExceptionResolver persistenceExceptionResolver, ConnectionProvider connectionProvider,
                TransactionManager transactionManager, EventSchema schema) {
        this.snapshotSerializer = snapshotSerializer;
        this.eventSerializer = eventSerializer;
        this.configuration = configuration;
        this.persistenceExceptionResolver = persistenceExceptionResolver;
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
        this.schema = schema;
    }

    /** A new builder of the engine, every setting in place. */
    public JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema);
    }
}
