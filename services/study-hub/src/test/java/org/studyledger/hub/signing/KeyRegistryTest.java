package org.studyledger.hub.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

/** The hub's view of its key directory: read at start-up, re-read for a key it does not hold, and kept when bad. */
class KeyRegistryTest {
    private static final CenterId PAV = new CenterId("PAV");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));

    private KeyRegistry registry() {
        return new KeyRegistry(new SigningProperties(dir, Duration.ofSeconds(1)), clock);
    }

    @Test
    void aDirectoryThatDoesNotExistYetHoldsNoKeys() {
        dir = dir.resolve("not-yet");

        assertThat(registry().ring().isEmpty()).isTrue();
    }

    @Test
    void aBadFileAtStartUpStopsTheHubNamingTheFile() throws Exception {
        KeyFiles.write(dir, SigningKey.generate(PAV, CREATED));
        Files.writeString(dir.resolve("PAV-0123456789abcdef.json"), "{\"key_id\": ", UTF_8);

        assertThatThrownBy(this::registry).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("PAV-0123456789abcdef.json: cannot be read as JSON");
    }

    @Test
    void aKeyCopiedInIsPickedUpByTheFirstEventNamingIt() {
        KeyRegistry registry = registry();
        SigningKey key = SigningKey.generate(PAV, CREATED);
        assertThat(registry.ringFor(key.keyId().value()).find(key.keyId().value())).isEmpty();

        KeyFiles.writePublic(dir, key.registered());

        assertThat(registry.ringFor(key.keyId().value()).find(key.keyId().value())).contains(key.registered());
        assertThat(registry.ring().size()).isEqualTo(1);
    }

    @Test
    void aBadFileKeepsTheLastGoodKeysAndIsReadAgainOnlyAfterTheMinimumInterval() throws Exception {
        SigningKey good = SigningKey.generate(PAV, CREATED);
        KeyFiles.write(dir, good);
        KeyRegistry registry = registry();
        SigningKey copiedIn = SigningKey.generate(PAV, CREATED);
        String id = copiedIn.keyId().value();
        Path file = dir.resolve(id + KeyFiles.PUBLIC_SUFFIX);
        Files.writeString(file, "not a key record", UTF_8);

        assertThat(registry.ringFor(id).all()).containsExactly(good.registered());
        // Fixed, but within the interval after the failed read: events do not make the hub read it again yet.
        Files.delete(file);
        KeyFiles.writePublic(dir, copiedIn.registered());
        clock.advance(Duration.ofMillis(500));
        assertThat(registry.ringFor(id).find(id)).isEmpty();
        clock.advance(Duration.ofMillis(500));
        assertThat(registry.ringFor(id).find(id)).contains(copiedIn.registered());
    }

    @Test
    void anOperatorsReloadSeesARetirementAtOnce() {
        SigningKey key = SigningKey.generate(PAV, CREATED);
        KeyFiles.write(dir, key);
        KeyRegistry registry = registry();
        Instant retired = Instant.parse("2026-05-01T00:00:00Z");

        KeyFiles.writePublic(dir, key.registered().retiredAt(retired));

        assertThat(registry.ring().find(key.keyId().value()).orElseThrow().retiredAt()).isNull();
        assertThat(registry.reload().find(key.keyId().value()).orElseThrow().retiredAt()).isEqualTo(retired);
    }

    /** A clock the test moves on by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
