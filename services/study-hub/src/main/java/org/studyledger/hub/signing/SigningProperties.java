package org.studyledger.hub.signing;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
public record SigningProperties(Path keysDirectory, Duration reloadMinInterval) {

    public SigningProperties {
        keysDirectory = keysDirectory == null ? Path.of("keys") : keysDirectory;
        reloadMinInterval = reloadMinInterval == null ? Duration.ofSeconds(1) : reloadMinInterval;
        if (reloadMinInterval.isNegative()) {
            throw new IllegalArgumentException("studyledger.hub.signing.reload-min-interval must not be negative, got "
                    + reloadMinInterval);
        }
    }
}
