package org.studyledger.kernel.signing;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import org.studyledger.kernel.study.CenterId;

/**
 * A center's public key as the hub and auditors hold it. Rotation adds a key and never removes one: events
 * keep naming the key they were signed with, so old keys stay valid for the events recorded while they were
 * in use. Retiring a key ({@code retiredAt}) refuses it for events recorded after that instant.
 *
 * @param keyId     derived from the key ({@link KeyId#of}); checked here
 * @param publicKey the Ed25519 public key
 * @param createdAt when the center created the key
 * @param retiredAt when the key stopped signing, or null while it is in use
 */
public record RegisteredKey(KeyId keyId, PublicKey publicKey, Instant createdAt, Instant retiredAt) {

    public RegisteredKey {
        Objects.requireNonNull(keyId, "key_id");
        Objects.requireNonNull(publicKey, "public_key");
        Objects.requireNonNull(createdAt, "created_at");
        KeyId derived = KeyId.of(keyId.center(), publicKey);
        if (!derived.equals(keyId)) {
            throw new IllegalArgumentException("key id " + keyId + " is not the id of this public key (" + derived
                    + "): a key id is derived from its key");
        }
        if (retiredAt != null && retiredAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("retired_at " + retiredAt + " is before created_at " + createdAt);
        }
    }

    public CenterId center() {
        return keyId.center();
    }

    /** Whether an event recorded at {@code recordedAt} may be signed with this key. */
    public boolean signsAt(Instant recordedAt) {
        return retiredAt == null || !recordedAt.isAfter(retiredAt);
    }

    public RegisteredKey retiredAt(Instant instant) {
        return new RegisteredKey(keyId, publicKey, createdAt, instant);
    }

    /** Whether {@code signature} is this key's signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        return Ed25519.verify(publicKey, message, signature);
    }
}
