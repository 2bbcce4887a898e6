package org.studyledger.hub.signing;

import java.nio.file.Path;
import java.time.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the hub finds the centers' public keys, and how often it may re-read them.
 *
 * @param keysDirectory     the registered public keys of every center, one {@code <key-id>.json} each (the
 *                          kernel's {@code KeyFiles} format); registering a key is copying its file in
 * @param reloadMinInterval after a re-read of the directory failed (a bad file), the least time before the next
 *                          re-read an event can trigger, so a stream of events naming the key in that file does not
 *                          re-read the directory for each one
 */
@ConfigurationProperties("studyledger.hub.signing")
@Validated
public record SigningProperties(@NotNull @DefaultValue("keys") Path keysDirectory,
                                @NotNull @DefaultValue("1s") Duration reloadMinInterval) {

    @AssertTrue(message = "must not be negative")
    public boolean isReloadMinIntervalNotNegative() {
        return reloadMinInterval == null || !reloadMinInterval.isNegative();
    }
}
