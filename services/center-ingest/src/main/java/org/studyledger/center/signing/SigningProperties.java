package org.studyledger.center.signing;

import java.nio.file.Path;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the center keeps its signing keys and which one signs.
 *
 * @param keyDirectory      the key directory: {@code <key-id>.key} (private, stays here) and {@code <key-id>.json}
 *                          (public record, to be registered at the hub) per key. It may hold other centers' files;
 *                          only this center's keys are used
 * @param keyId             the key that signs; when absent, the newest key of this center without {@code retired_at}
 * @param generateIfMissing when this center has no usable key in the directory, create one at start-up (and log
 *                          where its public record is); when false, refuse to start instead
 */
@ConfigurationProperties("studyledger.center.signing")
@Validated
public record SigningProperties(@NotNull @DefaultValue("keys") Path keyDirectory, String keyId,
                                @NotNull @DefaultValue("true") Boolean generateIfMissing) {
    static final String PREFIX = "studyledger.center.signing.";
    static final String KEY_DIRECTORY = PREFIX + "key-directory";
    static final String KEY_ID = PREFIX + "key-id";
    static final String GENERATE_IF_MISSING = PREFIX + "generate-if-missing";

    public SigningProperties {
        keyId = keyId == null || keyId.isBlank() ? null : keyId.strip();
    }
}
