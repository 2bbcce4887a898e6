package org.studyledger.hub.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the projections' processors read the ledger ({@link LedgerEventStore}; docs/hub.md, "Freshness"). Events this hub
 * appends are read as soon as their transaction commits, whatever these say; the fetch delay bounds how late events
 * another hub instance appended are seen, at the cost of one query of the newest events per delay while nothing comes.
 *
 * @param fetchDelay   how long the store waits, when the last read found nothing, before it reads the ledger again
 * @param cachedEvents the newest events kept in memory for every processor that keeps up (one read for all of them)
 * @param decodedEvents the events last read behind the head kept decoded for the other processors reading the same
 *                      events (a rebuild's processors decode each event once; {@link LedgerStorageEngine})
 */
@ConfigurationProperties("studyledger.hub.ledger-stream")
@Validated
public record LedgerStreamProperties(
        @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("500ms") Duration fetchDelay,
        @Positive @Max(1_000_000) @DefaultValue("10000") int cachedEvents,
        @Positive @Max(1_000_000) @DefaultValue("4096") int decodedEvents) {
}
