package org.studyledger.center.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyId;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/** Which key a center signs with, given what its key directory holds, and what a rotation leaves there. */
class CenterKeysTest {
    private static final CenterId PAV = CenterId.of("PAV");
    private static final CenterId MIL = CenterId.of("MIL");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(NOW);

    private CenterKeys open(String keyId, boolean generateIfMissing) {
        return CenterKeys.open(new SigningProperties(dir, keyId, generateIfMissing), PAV, clock);
    }

    private CenterKeys open() {
        return open(null, true);
    }

    private SigningKey keyIn(CenterId center, String createdAt) {
        SigningKey key = SigningKey.generate(center, Instant.parse(createdAt));
        KeyFiles.write(dir, key);
        return key;
    }

    private void retire(SigningKey key, String at) {
        KeyFiles.writePublic(dir, key.registered().retiredAt(Instant.parse(at)));
    }

    private long filesEndingWith(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    // ---------------------------------------------------------------- choosing the key

    @Test
    void generatesAKeyPairInAnEmptyDirectory() {
        KeyId generated = open().signer().active().keyId();

        assertThat(generated.center()).isEqualTo(PAV);
        assertThat(dir.resolve(generated + ".key")).isRegularFile();
        assertThat(KeyFiles.readPublic(dir.resolve(generated + ".json")).keyId()).isEqualTo(generated);
    }

    @Test
    void createsTheDirectoryWhenItDoesNotExistYet() {
        Path nested = dir.resolve("center").resolve("keys");

        KeyId generated = CenterKeys.open(new SigningProperties(nested, null, true), PAV, clock).signer().active().keyId();

        assertThat(nested.resolve(generated + ".json")).isRegularFile();
    }

    @Test
    void signsWithTheKeyItFindsInsteadOfGeneratingAnother() throws IOException {
        KeyId first = open().signer().active().keyId();

        assertThat(open().signer().active().keyId()).isEqualTo(first);
        assertThat(filesEndingWith(".key")).isEqualTo(1);
    }

    @Test
    void signsWithTheNewestKeyThatIsNotRetired() {
        keyIn(PAV, "2026-01-01T00:00:00Z");
        SigningKey february = keyIn(PAV, "2026-02-01T00:00:00Z");
        SigningKey march = keyIn(PAV, "2026-03-01T00:00:00Z");
        retire(march, "2026-03-01T12:00:00Z");

        assertThat(open().signer().active().keyId()).isEqualTo(february.keyId());
    }

    @Test
    void signsWithTheConfiguredKeyEvenWhenANewerOneExists() {
        SigningKey january = keyIn(PAV, "2026-01-01T00:00:00Z");
        keyIn(PAV, "2026-02-01T00:00:00Z");

        assertThat(open(january.keyId().value(), true).signer().active().keyId()).isEqualTo(january.keyId());
    }

    @Test
    void neverSignsWithAnotherCentersKeyFromASharedDirectory() {
        SigningKey milan = keyIn(MIL, "2026-01-01T00:00:00Z");

        CenterKeys keys = open();

        assertThat(keys.signer().active().center()).isEqualTo(PAV);
        assertThat(keys.keys()).extracting(s -> s.key().keyId()).containsExactly(keys.signer().active().keyId());
        assertThat(dir.resolve(milan.keyId() + ".key")).isRegularFile();
    }

    @Test
    void listsTheCentersKeysOldestFirstWithTheOneThatSigns() {
        SigningKey january = keyIn(PAV, "2026-01-01T00:00:00Z");
        retire(january, "2026-01-15T00:00:00Z");
        SigningKey february = keyIn(PAV, "2026-02-01T00:00:00Z");

        assertThat(open().keys()).extracting(s -> s.key().keyId() + " " + s.active() + " " + s.key().retiredAt())
                .containsExactly(january.keyId() + " false 2026-01-15T00:00:00Z", february.keyId() + " true null");
    }

    // ---------------------------------------------------------------- refusing to start

    @Test
    void refusesToStartWithoutAKeyWhenGenerationIsOff() throws IOException {
        assertThatThrownBy(() -> open(null, false)).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("no key pair of this center")
                .hasMessageContaining("studyledger.center.signing.generate-if-missing is false");
        assertThat(filesEndingWith(".key")).isZero();
    }

    @Test
    void refusesToStartWithOnlyRetiredKeysWhenGenerationIsOff() {
        SigningKey january = keyIn(PAV, "2026-01-01T00:00:00Z");
        retire(january, "2026-01-15T00:00:00Z");

        assertThatThrownBy(() -> open(null, false)).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining(january.keyId() + " retired at 2026-01-15T00:00:00.000Z");
    }

    @Test
    void refusesAConfiguredKeyThatIsNotInTheDirectory() {
        keyIn(PAV, "2026-01-01T00:00:00Z");
        String absent = "PAV-0123456789abcdef";

        assertThatThrownBy(() -> open(absent, true)).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining("studyledger.center.signing.key-id names key " + absent)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void refusesAConfiguredKeyWhosePrivateHalfIsMissing() throws IOException {
        SigningKey january = keyIn(PAV, "2026-01-01T00:00:00Z");
        Files.delete(dir.resolve(january.keyId() + ".key"));

        assertThatThrownBy(() -> open(january.keyId().value(), true)).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining("only its public record " + january.keyId() + ".json is there")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void refusesAConfiguredKeyThatIsRetired() {
        SigningKey january = keyIn(PAV, "2026-01-01T00:00:00Z");
        retire(january, "2026-01-15T00:00:00Z");

        assertThatThrownBy(() -> open(january.keyId().value(), true)).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining("names key " + january.keyId() + ", which was retired at 2026-01-15T00:00:00.000Z")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void refusesAConfiguredKeyOfAnotherCenter() {
        SigningKey milan = keyIn(MIL, "2026-01-01T00:00:00Z");

        assertThatThrownBy(() -> open(milan.keyId().value(), true)).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining("names key " + milan.keyId() + ", a key of center MIL; this is center PAV")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void refusesAConfiguredValueThatIsNoKeyId() {
        assertThatThrownBy(() -> open("PAV-latest", true)).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining("'PAV-latest' is not a key id")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void refusesToStartNamingEveryUnusableKeyFile() throws IOException {
        Files.writeString(dir.resolve("PAV-00000000000000aa.key"), "not a key");
        SigningKey edited = keyIn(PAV, "2026-01-01T00:00:00Z");
        Path record = dir.resolve(edited.keyId() + ".json");
        Files.writeString(record, Files.readString(record).replace("2026-01-01T00:00:00.000Z", "yesterday"));

        assertThatThrownBy(() -> open()).isInstanceOf(SigningKeysUnusable.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("PAV-00000000000000aa.json")
                .hasMessageContaining(edited.keyId() + ".json.created_at");
    }

    // ---------------------------------------------------------------- rotation

    @Test
    void aRotationMakesANewKeySignAndRetiresThePreviousOne() {
        CenterKeys keys = open();
        KeyId previous = keys.signer().active().keyId();
        clock.set(NOW.plusSeconds(60));

        CenterKeys.Rotation rotation = keys.rotate();

        assertThat(keys.signer().active().keyId()).isEqualTo(rotation.created().keyId()).isNotEqualTo(previous);
        assertThat(rotation.retired().keyId()).isEqualTo(previous);
        assertThat(KeyFiles.readPublic(dir.resolve(previous + ".json")).retiredAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(KeyFiles.readPublic(rotation.createdRecord()).retiredAt()).isNull();
        assertThat(rotation.createdRecord()).isEqualTo(dir.resolve(rotation.created().keyId() + ".json"));
    }

    @Test
    void aRestartAfterARotationSignsWithTheNewKey() {
        KeyId created = open().rotate().created().keyId();

        assertThat(open().signer().active().keyId()).isEqualTo(created);
    }

    @Test
    void retiresTheKeyNoEarlierThanTheLastEventItSignedWhenTheClockSteppedBack() {
        CenterKeys keys = open();
        Instant recorded = NOW.plusSeconds(3600);
        keys.signer().sign(enrolmentRecordedAt(recorded));
        clock.set(NOW);

        RegisteredKey retired = keys.rotate().retired();

        assertThat(retired.retiredAt()).isEqualTo(recorded);
        assertThat(retired.signsAt(recorded)).isTrue();
    }

    @Test
    void doesNotRotateAKeyFixedByConfiguration() throws IOException {
        SigningKey january = keyIn(PAV, "2026-01-01T00:00:00Z");
        CenterKeys keys = open(january.keyId().value(), true);

        assertThatThrownBy(keys::rotate).isInstanceOf(RotationFailed.class)
                .hasMessageContaining("fixed by studyledger.center.signing.key-id")
                .extracting(e -> ((RotationFailed) e).reason()).isEqualTo(RotationFailed.Reason.KEY_PINNED);
        assertThat(keys.signer().active().keyId()).isEqualTo(january.keyId());
        assertThat(filesEndingWith(".key")).isEqualTo(1);
    }

    @Test
    void aRotationThatCannotWriteItsKeyChangesNothing() throws IOException {
        CenterKeys keys = open();
        KeyId active = keys.signer().active().keyId();
        Path aside = Files.move(dir, dir.resolveSibling(dir.getFileName() + "-aside"));
        Files.writeString(dir, "a file where the key directory was");
        try {
            assertThatThrownBy(keys::rotate).isInstanceOf(RotationFailed.class)
                    .hasMessageContaining("nothing changed, key " + active + " still signs")
                    .extracting(e -> ((RotationFailed) e).reason()).isEqualTo(RotationFailed.Reason.KEY_DIRECTORY);
            assertThat(keys.signer().active().keyId()).isEqualTo(active);
            assertThat(keys.keys()).hasSize(1);
        } finally {
            Files.delete(dir);
            Files.move(aside, dir);
        }
    }

    private static EventEnvelope enrolmentRecordedAt(Instant recordedAt) {
        LocalDate day = LocalDate.of(2026, 1, 5);
        return EnvelopeCodec.seal(new EnvelopeHeader(UUID.randomUUID(), StudyId.of("ESK-TRD"), PAV,
                SubjectId.of("PAV-001"), 0, day.atStartOfDay(ZoneOffset.UTC).toInstant(), recordedAt,
                new Actor("nurse-01", "study-nurse"), "api", EventHashes.GENESIS),
                new SubjectEnrolled(day, day, "2.1", "ESK-TRD/1", 1970, Sex.F, 12, 3));
    }

    /** A clock a test sets, e.g. back in time, as a wall clock may be. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
