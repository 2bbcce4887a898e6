package org.studyledger.hub.ledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.studyledger.kernel.envelope.WireLimits;

/**
 * The bounds on what one message from a center's topic may make the hub do, checked before anything parses it
 * (docs/ledger.md, "Limits"). The defaults are the kernel's ({@link WireLimits#DEFAULT}); a message beyond a limit is
 * quarantined as {@code LIMIT_EXCEEDED}.
 *
 * @param limits {@code studyledger.hub.intake.limits.*}
 */
@ConfigurationProperties("studyledger.hub.intake")
@Validated
public record IntakeProperties(@Valid @NotNull @DefaultValue Limits limits) {

    /**
     * One setting per {@link WireLimits} component, named as the kernel names the limit.
     *
     * @param maxMessageBytes the whole message, in bytes
     * @param maxDepth        nesting of objects and arrays (the envelope is depth 1)
     * @param maxStringLength one string, in UTF-16 code units
     * @param maxNumberLength one number as written, in characters
     * @param maxMembers      members of one object
     * @param maxElements     elements of one array
     */
    public record Limits(
            @Positive @DefaultValue("" + WireLimits.DEFAULT_MAX_MESSAGE_BYTES) int maxMessageBytes,
            @Positive @DefaultValue("" + WireLimits.DEFAULT_MAX_DEPTH) int maxDepth,
            @Positive @DefaultValue("" + WireLimits.DEFAULT_MAX_STRING_LENGTH) int maxStringLength,
            @Positive @DefaultValue("" + WireLimits.DEFAULT_MAX_NUMBER_LENGTH) int maxNumberLength,
            @Positive @DefaultValue("" + WireLimits.DEFAULT_MAX_MEMBERS) int maxMembers,
            @Positive @DefaultValue("" + WireLimits.DEFAULT_MAX_ELEMENTS) int maxElements) {

        /** The kernel's limits; its constructor refuses values beyond what the canonical encoder can write. */
        public WireLimits toWireLimits() {
            return new WireLimits(maxMessageBytes, maxDepth, maxStringLength, maxNumberLength, maxMembers, maxElements);
        }
    }
}
