package org.studyledger.center.publication;

import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/publication}: how many events are stored, published and pending, and the last error. */
@RestController
public class PublicationController {
    private final PublicationProgress progress;
    private final KafkaPublisher publisher;

    PublicationController(PublicationProgress progress, KafkaPublisher publisher) {
        this.progress = progress;
        this.publisher = publisher;
    }

    public record PublicationStatus(String topic, long stored, long published, long pending, String lastEventId,
                                    Instant lastPublishedAt, String lastError, Instant lastErrorAt) {
    }

    @GetMapping("/api/v1/publication")
    public PublicationStatus status() {
        PublicationProgress.Snapshot snapshot = progress.snapshot();
        PublicationProgress.LastError error = progress.lastError();
        return new PublicationStatus(publisher.topic(), snapshot.stored(), snapshot.published(), snapshot.pending(),
                snapshot.lastEventId(), snapshot.lastPublishedAt(), error == null ? null : error.message(),
                error == null ? null : error.at());
    }
}
