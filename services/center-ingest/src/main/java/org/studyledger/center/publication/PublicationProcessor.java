package org.studyledger.center.publication;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.studyledger.support.eventstore.StoredEnvelopes;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * The outbox. A streaming processor walks the center's event store in order and publishes each event's
 * envelope; its token is stored in the same database, so after a crash or an outage it resumes at the
 * first event Kafka has not acknowledged.
 *
 * <p>It publishes a batch per processor batch ({@code axon.eventhandling.processors.publication.batch-size}): every
 * event of the batch is handed to the producer as it comes, and before the batch's transaction commits (with the
 * token) every acknowledgement is awaited. The producer is idempotent, so one partition's sends stay in order also
 * when several are in flight. If any send fails, the batch's transaction rolls back, the token stays before the
 * batch, and the whole batch is published again: an event may reach Kafka twice (the hub recognises it), in order,
 * and none is skipped. The events Kafka acknowledged before the failure count as published at once, and once only. A failure propagates (the processor retries with back-off) rather than being logged and
 * skipped: skipping would lose an event for the hub.
 */
@Component
@ProcessingGroup(PublicationProcessor.PROCESSING_GROUP)
public class PublicationProcessor {
    public static final String PROCESSING_GROUP = "publication";
    private static final Logger log = LoggerFactory.getLogger(PublicationProcessor.class);
    /** The sends of the current batch, kept with the batch's unit of work. */
    private static final String SENT = PublicationProcessor.class.getName() + ".sent";

    private final KafkaPublisher publisher;
    private final PublicationProgress progress;
    private final Clock clock;

    PublicationProcessor(KafkaPublisher publisher, PublicationProgress progress, Clock clock) {
        this.publisher = publisher;
        this.progress = progress;
        this.clock = clock;
    }

    /** An event handed to the producer, its acknowledgement still to come. */
    private record Sent(EventEnvelope envelope, Future<RecordMetadata> ack, long position) {
    }

    @EventHandler
    void on(StudyEvent event, EventMessage<?> message, TrackingToken token) {
        EventEnvelope envelope = StoredEnvelopes.envelopeOf(message);
        long position = token == null ? -1 : token.position().orElse(-1);
        List<Sent> batch = batch();
        if (!batch.isEmpty() && failedAlready(batch.get(batch.size() - 1))) {
            // Kafka is gone: each further send would block for the send timeout before failing too, so that a large
            // batch outlasts the unit of work's time limit before its failure is known. Fail the batch now.
            acknowledge(batch);
        }
        try {
            batch.add(new Sent(envelope, publisher.send(envelope), position));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private static boolean failedAlready(Sent sent) {
        if (!sent.ack().isDone()) {
            return false;
        }
        try {
            sent.ack().get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The current batch's sends; the first event of a batch arranges for them to be awaited before it commits. */
    private List<Sent> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(SENT, key -> {
            List<Sent> sent = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> acknowledge(sent));
            return sent;
        });
    }

    /**
     * Waits for every acknowledgement of the batch, in order, then records the progress in the batch's transaction. If
     * one fails, the events acknowledged before it are on the topic: they are counted as published at once (the batch
     * is sent again, and they are not counted twice), and the batch fails.
     */
    private void acknowledge(List<Sent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int acknowledged = 0;
        try {
            for (Sent sent : batch) {
                publisher.await(sent.envelope(), sent.ack());
                acknowledged++;
            }
        } catch (RuntimeException e) {
            countAcknowledged(batch.subList(0, acknowledged));
            throw failed(e);
        }
        Sent last = batch.get(batch.size() - 1);
        progress.published(ids(batch), last.position(), last.envelope().eventId().toString(), clock.instant());
    }

    private void countAcknowledged(List<Sent> acknowledged) {
        if (acknowledged.isEmpty()) {
            return;
        }
        Sent last = acknowledged.get(acknowledged.size() - 1);
        try {
            progress.acknowledgedBeforeFailure(ids(acknowledged), last.position(), last.envelope().eventId().toString(),
                    clock.instant());
        } catch (RuntimeException e) {
            // Only the count lags: the batch is sent again and counted when it commits.
            log.warn("could not count the {} events acknowledged before the failure: {}", acknowledged.size(), e.toString());
        }
    }

    private static List<String> ids(List<Sent> sent) {
        return sent.stream().map(s -> s.envelope().eventId().toString()).toList();
    }

    private RuntimeException failed(RuntimeException e) {
        progress.failed(e.getMessage(), clock.instant());
        log.warn("publication paused: {}", e.getMessage());
        return e;
    }
}
