package org.studyledger.center.publication;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.studyledger.support.eventstore.CommitNotifyingEventStore;

/**
 * How the outbox reads the center's event store ({@link CommitNotifyingEventStore}; docs/deployment.md, "Freshness").
 * Events this instance records are read as soon as their request's transaction commits, whatever these say; the fetch
 * delay bounds how late events another instance of the same center recorded are seen, at the cost of one query of the
 * newest events per delay while nothing comes.
 *
 * @param fetchDelay   how long the store waits, when the last read found nothing, before it reads again
 * @param cachedEvents the newest events kept in memory for the outbox while it keeps up (one read for all readers)
 */
@ConfigurationProperties("studyledger.publication.stream")
@Validated
public record OutboxStreamProperties(
        @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("1s") Duration fetchDelay,
        @Positive @Max(1_000_000) @DefaultValue("10000") int cachedEvents) {
}
