package org.studyledger.center.publication;

import java.time.Clock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.studyledger.support.eventstore.StoredEnvelopes;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * The outbox. A streaming processor walks the center's event store in order and publishes each event's
 * envelope; its token is stored in the same database, so after a crash or an outage it resumes at the
 * first event Kafka has not acknowledged. A failure propagates (the processor retries with back-off)
 * rather than being logged and skipped: skipping would lose an event for the hub.
 */
@Component
@ProcessingGroup(PublicationProcessor.PROCESSING_GROUP)
public class PublicationProcessor {
    public static final String PROCESSING_GROUP = "publication";
    private static final Logger log = LoggerFactory.getLogger(PublicationProcessor.class);

    private final KafkaPublisher publisher;
    private final PublicationProgress progress;
    private final Clock clock;

    PublicationProcessor(KafkaPublisher publisher, PublicationProgress progress, Clock clock) {
        this.publisher = publisher;
        this.progress = progress;
        this.clock = clock;
    }

    @EventHandler
    void on(StudyEvent event, EventMessage<?> message, TrackingToken token) {
        EventEnvelope envelope = StoredEnvelopes.envelopeOf(message);
        try {
            publisher.publish(envelope);
        } catch (RuntimeException e) {
            progress.failed(e.getMessage(), clock.instant());
            log.warn("publication paused: {}", e.getMessage());
            throw e;
        }
        long position = token == null ? -1 : token.position().orElse(-1);
        progress.published(position, envelope.eventId().toString(), clock.instant());
    }
}
