package org.studyledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

class KeyDirectoryTest {
    private static final CenterId PAV = new CenterId("PAV");
    private static final CenterId MIL = new CenterId("MIL");

    @TempDir
    Path data;

    @Test
    void theDirectoryIsCreatedForItsOwnerOnly() throws IOException {
        KeyDirectory keys = KeyDirectory.prepare(data.resolve("keys"));

        assertThat(keys.path()).isDirectory();
        assertThat(Files.getPosixFilePermissions(keys.path())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void eachCentersKeyIsItsNewestKeyInUseWithItsPrivateHalf() throws IOException {
        KeyDirectory keys = KeyDirectory.prepare(data.resolve("keys"));
        SigningKey retired = SigningKey.generate(PAV, Instant.parse("2026-01-01T00:00:00Z"));
        SigningKey active = SigningKey.generate(PAV, Instant.parse("2026-02-01T00:00:00Z"));
        SigningKey publicOnly = SigningKey.generate(PAV, Instant.parse("2026-03-01T00:00:00Z"));
        SigningKey mil = SigningKey.generate(MIL, Instant.parse("2026-04-01T00:00:00Z"));
        KeyFiles.write(keys.path(), retired);
        KeyFiles.writePublic(keys.path(), retired.registered().retiredAt(Instant.parse("2026-02-01T00:00:00Z")));
        KeyFiles.write(keys.path(), active);
        // A record registered here without its private key (another site's key) cannot be what this center signs with.
        KeyFiles.writePublic(keys.path(), publicOnly.registered());
        KeyFiles.write(keys.path(), mil);

        assertThat(keys.activeKeyIds(List.of("PAV", "MIL", "ROM")))
                .containsEntry("PAV", active.keyId().value())
                .containsEntry("MIL", mil.keyId().value())
                .containsEntry("ROM", null)
                .hasSize(3);
    }

    @Test
    void aFreshStartDeletesTheKeysWithTheRestOfTheData() throws IOException {
        Path keys = KeyDirectory.prepare(data.resolve("keys")).path();
        KeyFiles.write(keys, SigningKey.generate(PAV, Instant.now()));
        Files.createDirectories(data.resolve("postgres"));

        String said = LocalPlatform.freshStart(data, keys, false);

        assertThat(data).doesNotExist();
        assertThat(said).isEqualTo("started fresh: deleted " + data);
    }

    @Test
    void aFreshStartOnAnExternalDatabaseKeepsTheKeysThatSignedItsEvents() throws IOException {
        Path keys = KeyDirectory.prepare(data.resolve("keys")).path();
        SigningKey key = SigningKey.generate(PAV, Instant.now());
        KeyFiles.write(keys, key);
        Files.writeString(Files.createDirectories(data.resolve("kafka")).resolve("log"), "x");

        String said = LocalPlatform.freshStart(data, keys, true);

        assertThat(data.resolve("kafka")).doesNotExist();
        assertThat(keys.resolve(key.keyId() + ".key")).isRegularFile();
        assertThat(said).contains("except the signing keys in " + keys);
    }
}
