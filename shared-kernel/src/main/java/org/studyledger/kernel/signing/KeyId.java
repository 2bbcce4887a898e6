package org.studyledger.kernel.signing;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.study.CenterId;

/**
 * A signing key's id: the center code, a dash and the first 16 hex digits of the SHA-256 of the raw 32-byte
 * Ed25519 public key, e.g. {@code PAV-3f2a9c0d11e4b7a2}. Derived from the key, so a key file cannot claim
 * another key's id, and a new key (rotation) always gets a new id.
 */
public record KeyId(String value) {
    private static final Pattern FORMAT = Pattern.compile("([A-Z]{2,8})-([0-9a-f]{16})");

    public KeyId {
        Objects.requireNonNull(value, "key id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a key id is the center code, '-' and 16 lower-case hex digits"
                    + " (e.g. PAV-3f2a9c0d11e4b7a2), got '" + value + "'");
        }
    }

    /** The id of {@code publicKey} as a key of {@code center}. */
    public static KeyId of(CenterId center, PublicKey publicKey) {
        return new KeyId(center.value() + "-" + EventHashes.sha256Hex(rawPublicKey(publicKey)).substring(0, 16));
    }

    public CenterId center() {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException(value);
        }
        return new CenterId(m.group(1));
    }

    /**
     * The 32 bytes of an Ed25519 public key (RFC 8032): the last 32 bytes of its X.509 SubjectPublicKeyInfo,
     * whose fixed 12-byte prefix names the algorithm.
     */
    static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (!"Ed25519".equals(Ed25519.algorithmOf(key)) || spki.length != 44) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(spki, 12, 44);
    }

    @Override
    public String toString() {
        return value;
    }
}
