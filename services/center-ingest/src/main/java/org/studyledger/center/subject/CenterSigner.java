package org.studyledger.center.subject;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SigningKey;

/**
 * The center's active signing key, as the aggregate uses it to sign each envelope it seals. It knows nothing of
 * where keys are kept: whoever owns the key directory switches the key on rotation, and a command being handled at
 * that moment signs with whichever key it read, old or new; both are valid for it (see {@link #latestRecordedAt}).
 */
public final class CenterSigner {
    private final AtomicReference<SigningKey> active;
    private final AtomicReference<Instant> latestRecordedAt = new AtomicReference<>(Instant.EPOCH);

    public CenterSigner(SigningKey key) {
        this.active = new AtomicReference<>(Objects.requireNonNull(key, "key"));
    }

    /** {@code sealed} signed with the active key. */
    public EventEnvelope sign(EventEnvelope sealed) {
        // Noted before the key is read: whoever switches the key and then asks for latestRecordedAt() sees the
        // recorded_at of every event the replaced key may still sign.
        latestRecordedAt.accumulateAndGet(sealed.recordedAt(), (a, b) -> a.isAfter(b) ? a : b);
        return EnvelopeSignatures.sign(sealed, active.get());
    }

    public SigningKey active() {
        return active.get();
    }

    /** Makes {@code next} sign every envelope from now on; returns the key it replaces. */
    public SigningKey switchTo(SigningKey next) {
        SigningKey current = active.get();
        if (!next.center().equals(current.center())) {
            throw new IllegalArgumentException("key " + next.keyId() + " is a key of center " + next.center()
                    + ", not of " + current.center());
        }
        return active.getAndSet(next);
    }

    /**
     * The latest recorded_at handed to {@link #sign} so far. Read after {@link #switchTo}, it is at or after the
     * recorded_at of every event signed with the replaced key, whatever the wall clock did in between: a retirement
     * instant never earlier than it cannot make one of those events look signed by a retired key.
     */
    public Instant latestRecordedAt() {
        return latestRecordedAt.get();
    }

    @Override
    public String toString() {
        return "CenterSigner[" + active.get() + "]";
    }
}
