package org.studyledger.kernel.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint;

/**
 * Ed25519 (RFC 8032, pure) behind the few calls the ledger needs. Keys are the JDK's ({@link PublicKey},
 * {@link PrivateKey}, read and written in the standard X.509 and PKCS#8 encodings); signing and verifying are
 * BouncyCastle's low-level RFC 8032 implementation, about ten times faster than the JDK's on the same machine.
 * Ed25519 signatures are deterministic, so both implementations write the same bytes for the same key and message
 * ({@code Ed25519ImplementationsTest}).
 *
 * <p>Verification is strict where RFC 8032 leaves room: a signature whose S is not below the group order or whose R
 * is not a canonical point encoding is refused (as the JDK refuses it), and so is every signature under a public key
 * of small order or not canonically encoded (which the JDK would verify).
 */
final class Ed25519 {
    static final String ALGORITHM = "Ed25519";
    private static final int SIGNATURE_BYTES = org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE;
    private static final int PUBLIC_KEY_BYTES = org.bouncycastle.math.ec.rfc8032.Ed25519.PUBLIC_KEY_SIZE;
    /** The DER of an Ed25519 SubjectPublicKeyInfo up to its 32 key bytes (RFC 8410): SEQUENCE, id-Ed25519, BIT STRING. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** A center holds one or two signing keys at a time; the map never grows beyond the keys the process signed with. */
    private static final Map<PrivateKey, PublicKey> PUBLIC_HALVES = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * The raw private and public bytes of each key the process signs with, read once: reading them from the JDK's key
     * objects copies and re-encodes them, a cost paid on every event otherwise. Never handed out (the arrays are ours).
     */
    private static final Map<PrivateKey, byte[][]> RAW_PAIRS = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * Each public key the process verifies with, decoded and validated once (empty: not a valid key, which verifies
     * nothing): decoding the point from its 32 bytes takes a field inversion and a square root, a fifth of a
     * verification when repeated for every event. A center has one or two keys at a time.
     */
    private static final Map<PublicKey, Optional<PublicPoint>> POINTS = Collections.synchronizedMap(new WeakHashMap<>());

    private Ed25519() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        // The public half is handed in, not derived again from the private one: that would double the cost.
        byte[][] raw = RAW_PAIRS.computeIfAbsent(key, k -> new byte[][] {rawPrivate(k), rawPublic(publicOf(k))});
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(raw[0], 0, raw[1], 0, message, 0, message.length, signature, 0);
        return signature;
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        // The full validation refuses a key that is not a canonical encoding of a point of the curve, or of small order.
        Optional<PublicPoint> point = POINTS.computeIfAbsent(key, k -> Optional.ofNullable(
                org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(rawPublic(k), 0)));
        // A malformed signature (wrong length, a point not on the curve, S not reduced) verifies nothing.
        return point.isPresent() && signature != null && signature.length == SIGNATURE_BYTES
                && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, point.get(), message, 0, message.length);
    }

    /** The JDK's own Ed25519, kept as the reference the faster implementation is tested against. */
    static byte[] jdkSign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    /** The JDK's own verification, the reference for {@link #verify}. */
    static boolean jdkVerify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    /** The 32-byte private key (RFC 8032's seed) of a JDK Ed25519 private key. */
    static byte[] rawPrivate(PrivateKey key) {
        requireEd25519(key);
        if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent()) {
            return ed.getBytes().get();
        }
        throw new IllegalArgumentException("not an Ed25519 private key whose bytes can be read");
    }

    /** The 32-byte public key (RFC 8032's encoding of A): the bit string of its X.509 SubjectPublicKeyInfo. */
    static byte[] rawPublic(PublicKey key) {
        requireEd25519(key);
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length != SPKI_PREFIX.length + PUBLIC_KEY_BYTES
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo)");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    /**
     * The public half of a private key, computed once per key: signing needs it beside the private key, and the
     * private key object does not carry it.
     */
    private static PublicKey publicOf(PrivateKey key) {
        return PUBLIC_HALVES.computeIfAbsent(key, k -> {
            byte[] raw = new byte[PUBLIC_KEY_BYTES];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(rawPrivate(k), 0, raw, 0);
            byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_BYTES);
            System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_BYTES);
            return publicKey(spki);
        });
    }

    /** A public key from its X.509 SubjectPublicKeyInfo DER (the body of a {@code PUBLIC KEY} PEM). */
    static PublicKey publicKey(byte[] spki) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
            requireEd25519(key);
            return key;
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    /** A private key from its PKCS#8 DER (the body of a {@code PRIVATE KEY} PEM, as {@code openssl genpkey} writes). */
    static PrivateKey privateKey(byte[] pkcs8) {
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            requireEd25519(key);
            return key;
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    /** Whether {@code privateKey} and {@code publicKey} are the two halves of one pair. */
    static boolean arePair(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "studyledger key pair probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return verify(publicKey, probe, sign(privateKey, probe));
    }

    static String algorithmOf(Key key) {
        return key instanceof EdECKey ed ? ed.getParams().getName() : key.getAlgorithm();
    }

    private static void requireEd25519(Key key) {
        if (!ALGORITHM.equals(algorithmOf(key))) {
            throw new IllegalArgumentException("the key is " + algorithmOf(key) + ", not " + ALGORITHM);
        }
    }
}
