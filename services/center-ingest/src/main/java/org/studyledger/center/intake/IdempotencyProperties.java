package org.studyledger.center.intake;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the intake remembers an {@code Idempotency-Key} (docs/api.md, "Idempotency").
 *
 * @param retention     how long after its first use a key replays its response; afterwards the same key is a new
 *                      request. Clients retry within seconds or minutes; a day covers a client that was offline.
 * @param purgeInterval how often keys older than the retention are deleted (they are also ignored, and replaced,
 *                      when used again after expiring)
 */
@Validated
@ConfigurationProperties("studyledger.center.idempotency")
public record IdempotencyProperties(
        @NotNull @DefaultValue("24h") Duration retention,
        @NotNull @DefaultValue("1h") Duration purgeInterval) {

    public IdempotencyProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("studyledger.center.idempotency.retention must be positive, got " + retention);
        }
        if (purgeInterval != null && (purgeInterval.isNegative() || purgeInterval.isZero())) {
            throw new IllegalArgumentException("studyledger.center.idempotency.purge-interval must be positive, got "
                    + purgeInterval);
        }
    }
}
