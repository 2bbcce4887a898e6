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
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** The JDK's own EdDSA, restricted to Ed25519 (RFC 8032), behind the few calls the ledger needs. */
final class Ed25519 {
    static final String ALGORITHM = "Ed25519";

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

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // A malformed signature (wrong length, a point not on the curve) verifies nothing.
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
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
