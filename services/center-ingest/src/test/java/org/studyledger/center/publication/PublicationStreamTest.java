package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.center.CenterIngestTest;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.support.eventstore.CommitNotifyingEventStore;

/**
 * The outbox learns of what a request recorded when the request's transaction commits, not from the store's fetch delay
 * (here a minute, six times longer than any wait below), and its stream calls back when the events are there. The
 * events are recorded inside a surrounding transaction, as the REST and CSV intake record them: Axon's own commit of
 * each command is not the database's.
 */
@CenterIngestTest
@TestPropertySource(properties = "studyledger.publication.stream.fetch-delay=1m")
class PublicationStreamTest {
    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CommitNotifyingEventStore store;
    @Autowired
    KafkaPublisher publisher;
    @Value("${studyledger.publication.bootstrap-servers}")
    String bootstrap;

    @Test
    void whatARequestCommitsReachesTheOutboxAndKafkaWithoutWaitingForTheFetchDelay() throws Exception {
        // A first event, so that the outbox has caught up and waits on the store's newest events.
        new Cohort(commands).enrol("PAV-001");
        TopicReader.readAll(bootstrap, publisher.topic(), 1);

        CountDownLatch called = new CountDownLatch(1);
        try (TrackingEventStream stream = store.openStream(store.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(called::countDown)).as("the stream calls back").isTrue();
            List<RecordedEvent> recorded = transactions.execute(status -> new Cohort(commands).record("PAV", 2, 2, 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> called.getCount() == 0);
            assertThat(stream.hasNextAvailable()).as("the stream has what it called back for").isTrue();

            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, publisher.topic(),
                    1 + recorded.size());
            assertThat(records).hasSize(1 + recorded.size());
        }
    }
}
