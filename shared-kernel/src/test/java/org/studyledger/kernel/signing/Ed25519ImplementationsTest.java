package org.studyledger.kernel.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The kernel signs and verifies with BouncyCastle's RFC 8032 implementation; the JDK's is the reference. Both must
 * write the same signature for the same key and message (Ed25519 is deterministic), and both must accept and refuse
 * the same signatures: genuine ones, damaged ones, ones by another key, and ones whose S is not reduced.
 */
class Ed25519ImplementationsTest {
    /** The order of the base point, ℓ = 2^252 + 27742317777372353535851937790883648493 (RFC 8032, section 5.1). */
    private static final BigInteger ORDER = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    @Provide
    Arbitrary<byte[]> messages() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(2048);
    }

    @Property(tries = 200)
    void bothImplementationsWriteTheSameSignatureAndAcceptIt(@ForAll("messages") byte[] message) {
        KeyPair pair = Ed25519.generate();

        byte[] fast = Ed25519.sign(pair.getPrivate(), message);
        byte[] reference = Ed25519.jdkSign(pair.getPrivate(), message);

        assertThat(fast).isEqualTo(reference).hasSize(64);
        assertThat(Ed25519.verify(pair.getPublic(), message, fast)).isTrue();
        assertThat(Ed25519.jdkVerify(pair.getPublic(), message, fast)).isTrue();
    }

    @Property(tries = 200)
    void bothImplementationsRefuseTheSameDamage(@ForAll("messages") byte[] message, @ForAll @IntRange(max = 63) int at,
                                                @ForAll @IntRange(min = 1, max = 255) int flip, @ForAll boolean damageMessage) {
        KeyPair pair = Ed25519.generate();
        byte[] signature = Ed25519.jdkSign(pair.getPrivate(), message);
        byte[] signed = message;
        if (damageMessage && message.length > 0) {
            signed = message.clone();
            signed[at % message.length] ^= (byte) flip;
        } else {
            signature[at] ^= (byte) flip;
        }

        boolean reference = Ed25519.jdkVerify(pair.getPublic(), signed, signature);

        assertThat(Ed25519.verify(pair.getPublic(), signed, signature)).isEqualTo(reference).isFalse();
    }

    @Property(tries = 100)
    void bothImplementationsRefuseAnotherKeysSignature(@ForAll @Size(max = 512) byte[] message) {
        KeyPair signer = Ed25519.generate();
        KeyPair other = Ed25519.generate();
        byte[] signature = Ed25519.sign(signer.getPrivate(), message);

        assertThat(Ed25519.verify(other.getPublic(), message, signature))
                .isEqualTo(Ed25519.jdkVerify(other.getPublic(), message, signature)).isFalse();
    }

    @Property(tries = 50)
    void bothImplementationsRefuseSignaturesOfTheWrongLength(@ForAll @Size(max = 100) byte[] signature) {
        KeyPair pair = Ed25519.generate();
        byte[] message = "a message".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (signature.length == 64) {
            signature = Arrays.copyOf(signature, 65);
        }

        assertThat(Ed25519.verify(pair.getPublic(), message, signature))
                .isEqualTo(Ed25519.jdkVerify(pair.getPublic(), message, signature)).isFalse();
    }

    @Test
    void bothImplementationsRefuseAnUnreducedS() {
        // (R, S + ℓ) satisfies the verification equation as (R, S) does; RFC 8032 requires S < ℓ, so it is refused.
        KeyPair pair = Ed25519.generate();
        byte[] message = "study event".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] signature = Ed25519.sign(pair.getPrivate(), message);
        byte[] unreduced = signature.clone();
        BigInteger s = new BigInteger(1, reverse(Arrays.copyOfRange(signature, 32, 64))).add(ORDER);
        byte[] sPlusOrder = reverse(toFixed(s, 32));
        System.arraycopy(sPlusOrder, 0, unreduced, 32, 32);

        assertThat(Ed25519.verify(pair.getPublic(), message, unreduced))
                .isEqualTo(Ed25519.jdkVerify(pair.getPublic(), message, unreduced)).isFalse();
    }

    @Test
    void aKeyOfSmallOrderVerifiesNothingThoughTheJdkAcceptsItsTrivialSignature() {
        // A = the neutral point (y = 1), R = the neutral point, S = 0: [S]B = R + [k]A holds for every message, so a
        // key of small order would let anyone sign anything. The key is refused once, when it is first decoded.
        byte[] neutral = new byte[32];
        neutral[0] = 1;
        java.security.PublicKey key = Ed25519.publicKey(concat(HexFormat.of().parseHex("302a300506032b6570032100"), neutral));
        byte[] signature = concat(neutral, new byte[32]);
        byte[] message = "any event at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(Ed25519.jdkVerify(key, message, signature)).isTrue();
        assertThat(Ed25519.verify(key, message, signature)).isFalse();
        assertThat(Ed25519.verify(key, new byte[0], signature)).isFalse();
    }

    @Test
    void aKeyVerifiesTheSameWhenAskedAgainThroughAnEqualKeyObject() {
        KeyPair pair = Ed25519.generate();
        byte[] message = "study event".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] signature = Ed25519.sign(pair.getPrivate(), message);
        java.security.PublicKey reread = Ed25519.publicKey(pair.getPublic().getEncoded());

        assertThat(Ed25519.verify(pair.getPublic(), message, signature)).isTrue();
        assertThat(Ed25519.verify(reread, message, signature)).isTrue();
        signature[5] ^= 1;
        assertThat(Ed25519.verify(reread, message, signature)).isFalse();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void theRfc8032TestVectorSignsAlike() {
        // RFC 8032, section 7.1, TEST 1: the empty message.
        SigningKey key = SignedEvents.rfc8032Key(new org.studyledger.kernel.study.CenterId("PAV"));
        byte[] message = {};
        String expected = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

        assertThat(HexFormat.of().formatHex(Ed25519.sign(key.privateKey(), message))).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(Ed25519.jdkSign(key.privateKey(), message))).isEqualTo(expected);
        assertThat(Ed25519.verify(key.publicKey(), message, HexFormat.of().parseHex(expected))).isTrue();
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static byte[] toFixed(BigInteger value, int length) {
        byte[] big = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(big.length, length);
        System.arraycopy(big, big.length - copy, out, length - copy, copy);
        return out;
    }
}
