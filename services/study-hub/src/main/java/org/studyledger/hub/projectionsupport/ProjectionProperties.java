package org.studyledger.hub.projectionsupport;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the projections take the ledger (docs/hub.md, "Projections"): in batches, each applied in one transaction with
 * its processor's token (the analysis dataset derives a batch's subjects once it has them all). The replay proof
 * replays in batches of the same size.
 *
 * @param batchSize at most this many ledger events in one batch of every projection processor
 */
@ConfigurationProperties("studyledger.hub.projections")
@Validated
public record ProjectionProperties(
        @Positive @Max(MAX_BATCH_SIZE) @DefaultValue("" + DEFAULT_BATCH_SIZE) int batchSize) {
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Beyond this a batch holds too much in memory, and a retry after a failure re-does too much. */
    public static final int MAX_BATCH_SIZE = 10_000;
}
