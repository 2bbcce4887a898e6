package org.studyledger.kernel.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private EventHashes() {
    }

    /** The canonical bytes an envelope's hash is computed over. */
    public static byte[] canonicalBytesWithoutHash(ObjectNode envelope) {
        ObjectNode copy = envelope.deepCopy();
        copy.remove(EnvelopeCodec.HASH);
        copy.remove(EnvelopeCodec.KEY_ID);
        copy.remove(EnvelopeCodec.SIGNATURE);
        return CanonicalJson.encode(copy);
    }

    public static String hashOf(ObjectNode envelope) {
        return sha256Hex(canonicalBytesWithoutHash(envelope));
    }

    public static String hashOf(EventEnvelope envelope) {
        return hashOf(EnvelopeCodec.toTree(envelope));
    }

    public static boolean isWellFormed(String hash) {
        return hash != null && HEX_SHA256.matcher(hash).matches();
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
