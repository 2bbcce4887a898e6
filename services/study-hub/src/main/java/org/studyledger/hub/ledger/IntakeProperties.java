package org.studyledger.hub.ledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.studyledger.kernel.envelope.WireLimits;

/**
 * The bounds on what one message from a center's topic may make the hub do, checked before anything parses it
 * (docs/ledger.md, "Limits"). The defaults are the kernel's ({@link WireLimits#DEFAULT}); a message beyond a limit is
 * quarantined as {@code LIMIT_EXCEEDED}. And how the consumer takes messages into the ledger: in batches, each verified
 * and appended in one transaction (docs/ledger.md, "Batches").
 *
 * @param limits        {@code studyledger.hub.intake.limits.*}
 * @param batchSize     at most this many messages in one ledger transaction; also the most one poll of Kafka returns
 * @param verifyThreads threads that read and check a batch's messages on their own (canonical reading, schema,
 *                      signature, hash, payload) before its transaction; 1 reads them on the consumer's thread
 */
@ConfigurationProperties("studyledger.hub.intake")
@Validated
public record IntakeProperties(@Valid @NotNull @DefaultValue Limits limits,
                               @Positive @Max(MAX_BATCH_SIZE) @DefaultValue("" + DEFAULT_BATCH_SIZE) int batchSize,
                               @Positive @Max(MAX_VERIFY_THREADS) @DefaultValue("" + DEFAULT_VERIFY_THREADS) int verifyThreads) {
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Beyond this one transaction holds too many subjects' locks for too long, and a retry re-does too much. */
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int DEFAULT_VERIFY_THREADS = 2;
    public static final int MAX_VERIFY_THREADS = 64;

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
