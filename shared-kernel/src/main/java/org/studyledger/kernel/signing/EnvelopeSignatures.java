package org.studyledger.kernel.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.studyledger.kernel.envelope.CanonicalJson;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.signing.SignatureCheck.Outcome;

/**
 * Signing and verifying envelopes. The signed message is the canonical encoding ({@link CanonicalJson}) of the
 * sealed envelope with its {@code key_id} and without its {@code signature} member: it covers the hash, so the
 * signature vouches for the whole chain link, and the key id, so a signature cannot be moved to another key. The
 * signature is Ed25519 (RFC 8032, pure) over those bytes, written as base64url without padding.
 */
public final class EnvelopeSignatures {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** The member the signing input leaves out. */
    private static final Set<String> UNSIGNED = Set.of(EnvelopeCodec.SIGNATURE);

    private EnvelopeSignatures() {
    }

    /** The bytes a signature of {@code envelope} by key {@code keyId} is made over. */
    public static byte[] signingInput(EventEnvelope envelope, String keyId) {
        ObjectNode tree = EnvelopeCodec.toTree(envelope);
        tree.remove(EnvelopeCodec.SIGNATURE);
        tree.put(EnvelopeCodec.KEY_ID, keyId);
        return CanonicalJson.encode(tree);
    }

    /** {@code envelope} signed by {@code key}; the key must be one of the envelope's center. */
    public static EventEnvelope sign(EventEnvelope envelope, SigningKey key) {
        if (!key.center().equals(envelope.centerId())) {
            throw new IllegalArgumentException("key " + key.keyId() + " is a key of center " + key.center()
                    + " and cannot sign an event of center " + envelope.centerId());
        }
        String keyId = key.keyId().value();
        return envelope.withSignature(keyId, ENCODER.encodeToString(key.sign(signingInput(envelope, keyId))));
    }

    /**
     * Checks, in order: signed at all, the key is registered, it is a key of the envelope's center, it was not
     * retired before the event was recorded, and the signature verifies over the envelope's bytes.
     */
    public static SignatureCheck check(EventEnvelope envelope, KeyRing keys) {
        return check(envelope, keys, EnvelopeCodec.canonicalMembers(envelope));
    }

    /**
     * {@link #check(EventEnvelope, KeyRing)} with the envelope's canonical members
     * ({@link EnvelopeCodec#canonicalMembers} of this envelope) at hand: a reader that also recomputes the hash encodes
     * the envelope once for both.
     */
    public static SignatureCheck check(EventEnvelope envelope, KeyRing keys, CanonicalJson.Members members) {
        String event = envelope.subjectId() + " #" + envelope.sequence();
        if (!envelope.isSigned()) {
            return new SignatureCheck(Outcome.UNSIGNED, event + " is not signed (no key_id and signature)");
        }
        Optional<RegisteredKey> found = keys.find(envelope.keyId());
        if (found.isEmpty()) {
            return new SignatureCheck(Outcome.UNKNOWN_SIGNING_KEY, event + " is signed with key " + envelope.keyId()
                    + ", which is not registered" + registeredOf(envelope, keys));
        }
        RegisteredKey key = found.get();
        if (!key.center().equals(envelope.centerId())) {
            return new SignatureCheck(Outcome.SIGNING_KEY_OF_OTHER_CENTER, event + " of center " + envelope.centerId()
                    + " is signed with key " + key.keyId() + " of center " + key.center());
        }
        if (!key.signsAt(envelope.recordedAt())) {
            return new SignatureCheck(Outcome.SIGNING_KEY_RETIRED, event + " was recorded at " + envelope.recordedAt()
                    + ", after key " + key.keyId() + " was retired at " + key.retiredAt());
        }
        byte[] signature;
        try {
            signature = DECODER.decode(envelope.signature());
        } catch (IllegalArgumentException e) {
            return new SignatureCheck(Outcome.BAD_SIGNATURE, event + " has a signature that is not base64url");
        }
        // The signed envelope's own members hold its key id: without its signature they are the signing input.
        if (!key.verifies(members.without(UNSIGNED), signature)) {
            return new SignatureCheck(Outcome.BAD_SIGNATURE, event + ": the signature does not verify with key " + key.keyId()
                    + " (made by another key, or the signed bytes were altered)");
        }
        return SignatureCheck.valid();
    }

    private static String registeredOf(EventEnvelope envelope, KeyRing keys) {
        var own = keys.keysOf(envelope.centerId());
        return own.isEmpty() ? "; no key of center " + envelope.centerId() + " is registered"
                : "; the keys of center " + envelope.centerId() + " are " + own.stream().map(k -> k.keyId().value()).toList();
    }
}
