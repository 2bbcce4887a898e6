package org.studyledger.kernel.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.studyledger.kernel.signing.SignedEvents.CREATED;
import static org.studyledger.kernel.signing.SignedEvents.MIL;
import static org.studyledger.kernel.signing.SignedEvents.PAV;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenKeyPairReadsBackAndItsPublicHalfFormsTheRing() {
        SigningKey key = SigningKey.generate(PAV, CREATED);

        KeyFiles.write(dir, key);

        assertThat(KeyFiles.readSigningKeys(dir)).singleElement().satisfies(read -> {
            assertThat(read.keyId()).isEqualTo(key.keyId());
            assertThat(read.privateKey().getEncoded()).isEqualTo(key.privateKey().getEncoded());
        });
        assertThat(KeyFiles.readRing(dir).all()).containsExactly(key.registered());
    }

    @Test
    void thePrivateKeyIsAStandardPkcs8PemReadableByItsOwnerOnly() throws IOException {
        SigningKey key = SigningKey.generate(PAV, CREATED);

        KeyFiles.write(dir, key);

        Path file = dir.resolve(key.keyId() + ".key");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key.keyId() + ".json"))))
                .as("the public record is meant to be copied").isEqualTo("rw-r--r--");
    }

    @Test
    void aCenterReadsOnlyItsOwnKeysFromASharedDirectory() throws IOException {
        SigningKey pav = SigningKey.generate(PAV, CREATED);
        KeyFiles.write(dir, pav);
        Files.writeString(dir.resolve("MIL-0000000000000000.key"), "not a key");

        assertThat(KeyFiles.readSigningKeys(dir, PAV)).extracting(SigningKey::keyId).containsExactly(pav.keyId());
        assertThatThrownBy(() -> KeyFiles.readSigningKeys(dir, MIL)).isInstanceOf(ValidationException.class);
    }

    @Test
    void aKeyIsNeverOverwritten() {
        SigningKey key = SigningKey.generate(PAV, CREATED);
        KeyFiles.write(dir, key);

        assertThatThrownBy(() -> KeyFiles.write(dir, key)).hasMessageContaining(key.keyId().value());
    }

    @Test
    void aPrivateKeyMadeByOpensslLoads() throws IOException {
        // What `openssl genpkey -algorithm ed25519` writes for the RFC 8032 test secret.
        SigningKey rfc = SignedEvents.rfc8032Key(PAV);
        KeyFiles.writePublic(dir, rfc.registered());
        Files.writeString(dir.resolve(rfc.keyId() + ".key"), """
                -----BEGIN PRIVATE KEY-----
                MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
                -----END PRIVATE KEY-----
                """);

        SigningKey read = KeyFiles.readSigningKeys(dir).get(0);

        assertThat(HexFormat.of().formatHex(read.sign(new byte[0]))).startsWith("e5564300c360ac72");
    }

    @Test
    void theRingHoldsEveryCentersKeysAndIgnoresPrivateFiles() {
        SigningKey pav1 = SigningKey.generate(PAV, CREATED);
        SigningKey pav2 = SigningKey.generate(PAV, CREATED.plusSeconds(60));
        SigningKey mil = SigningKey.generate(MIL, CREATED);
        KeyFiles.write(dir, pav1);
        KeyFiles.write(dir, pav2);
        KeyFiles.writePublic(dir, mil.registered());

        KeyRing ring = KeyFiles.readRing(dir);

        assertThat(ring.keysOf(PAV)).extracting(RegisteredKey::keyId).containsExactly(pav1.keyId(), pav2.keyId());
        assertThat(ring.keysOf(MIL)).containsExactly(mil.registered());
    }

    @Test
    void retiringRewritesThePublicRecordWithItsRetirement() {
        SigningKey key = SigningKey.generate(PAV, CREATED);
        KeyFiles.write(dir, key);
        Instant retired = Instant.parse("2026-06-01T12:00:00Z");

        KeyFiles.writePublic(dir, key.registered().retiredAt(retired));

        assertThat(KeyFiles.readRing(dir).find(key.keyId().value())).get()
                .extracting(RegisteredKey::retiredAt).isEqualTo(retired);
    }

    @Test
    void aMissingDirectoryHoldsNoKeys() {
        assertThat(KeyFiles.readRing(dir.resolve("absent")).isEmpty()).isTrue();
    }

    @Test
    void aPublicKeyRecordThatClaimsAnotherKeysIdIsRefused() throws IOException {
        SigningKey key = SigningKey.generate(PAV, CREATED);
        SigningKey other = SigningKey.generate(PAV, CREATED);
        Path file = KeyFiles.writePublic(dir, key.registered());
        String swapped = Files.readString(file).replace(
                java.util.Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                java.util.Base64.getEncoder().encodeToString(other.publicKey().getEncoded()));
        Files.writeString(file, swapped);

        assertThatThrownBy(() -> KeyFiles.readRing(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo(key.keyId() + ".json");
                    assertThat(p.message()).contains("is not the id of this public key");
                }));
    }

    @Test
    void everyProblemOfEveryFileIsNamed() throws IOException {
        Files.writeString(dir.resolve("PAV-0000000000000000.json"), """
                {"algorithm": "RSA", "center_id": "MIL", "key_id": "PAV-0000000000000000", "public_key": "AAAA",
                 "created_at": "yesterday", "colour": "blue"}
                """);
        Files.writeString(dir.resolve("broken.json"), "{");

        assertThatThrownBy(() -> KeyFiles.readRing(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                        "PAV-0000000000000000.json.colour", "PAV-0000000000000000.json.algorithm",
                        "PAV-0000000000000000.json.center_id", "PAV-0000000000000000.json.public_key",
                        "PAV-0000000000000000.json.created_at", "broken.json"));
    }
}
