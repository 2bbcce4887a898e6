package org.studyledger.kernel.signing;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.studyledger.kernel.study.CenterId;

/**
 * A center's key pair: the private half signs its envelopes and never leaves the center; the public half
 * ({@link #registered()}) is what the hub and auditors hold.
 */
public record SigningKey(KeyId keyId, PrivateKey privateKey, PublicKey publicKey, Instant createdAt) {

    public SigningKey {
        Objects.requireNonNull(keyId, "key_id");
        Objects.requireNonNull(privateKey, "private key");
        Objects.requireNonNull(publicKey, "public key");
        Objects.requireNonNull(createdAt, "created_at");
        if (!KeyId.of(keyId.center(), publicKey).equals(keyId)) {
            throw new IllegalArgumentException("key id " + keyId + " is not the id of this public key");
        }
        if (!Ed25519.arePair(privateKey, publicKey)) {
            throw new IllegalArgumentException("the private key of " + keyId + " does not belong to its public key");
        }
    }

    /** A fresh key pair for {@code center}. */
    public static SigningKey generate(CenterId center, Instant now) {
        KeyPair pair = Ed25519.generate();
        return new SigningKey(KeyId.of(center, pair.getPublic()), pair.getPrivate(), pair.getPublic(),
                now.truncatedTo(ChronoUnit.MILLIS));
    }

    public CenterId center() {
        return keyId.center();
    }

    /** The public half, as registered at the hub. */
    public RegisteredKey registered() {
        return new RegisteredKey(keyId, publicKey, createdAt, null);
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    @Override
    public String toString() {
        // Never print the private key.
        return "SigningKey[" + keyId + ", created " + createdAt + "]";
    }
}
