package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hash chain. An event's hash is the lower-case hex SHA-256 of the canonical encoding
 * ({@link CanonicalJson}) of its envelope without the {@code hash}, {@code key_id} and {@code signature}
 * members: the chain vouches for what happened, the signature (made after sealing) for who vouches. Each event names the
 * previous event's hash; a subject's first event names {@link #GENESIS}. Altering, removing or
 * reordering any event therefore breaks every hash comparison after it.
 */
public final class EventHashes {
    /** The previous hash of every subject's first event (sequence 0): 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The members the hash does not cover. */
    private static final Set<String> NOT_HASHED = Set.of(EnvelopeCodec.HASH, EnvelopeCodec.KEY_ID, EnvelopeCodec.SIGNATURE);
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** One digest per thread: looking the algorithm up among the providers costs more than hashing an envelope. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    });

    private EventHashes() {
    }

    /** The canonical bytes an envelope's hash is computed over. */
    public static byte[] canonicalBytesWithoutHash(ObjectNode envelope) {
        return CanonicalJson.members(envelope).without(NOT_HASHED);
    }

    public static String hashOf(ObjectNode envelope) {
        return sha256Hex(canonicalBytesWithoutHash(envelope));
    }

    public static String hashOf(EventEnvelope envelope) {
        return hashOf(EnvelopeCodec.canonicalMembers(envelope));
    }

    /**
     * The hash of the envelope whose canonical members ({@link EnvelopeCodec#canonicalMembers}) these are: a reader that
     * also checks the signature encodes the envelope once for both.
     */
    public static String hashOf(CanonicalJson.Members envelope) {
        return sha256Hex(envelope.without(NOT_HASHED));
    }

    public static boolean isWellFormed(String hash) {
        return hash != null && HEX_SHA256.matcher(hash).matches();
    }

    public static String sha256Hex(byte[] bytes) {
        // digest() resets the instance, so a thread's one instance serves each of its calls in turn.
        return HexFormat.of().formatHex(SHA256.get().digest(bytes));
    }

}
