package org.studyledger.center.signing;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studyledger.center.subject.CenterSigner;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyId;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * This center's signing keys as its key directory holds them, and the one that signs. Opened once at start-up,
 * which refuses to go on without a usable key; afterwards only {@link #rotate} changes the directory. The public
 * records kept here are the ones written to the directory, so what the center lists is what the hub is handed.
 */
public final class CenterKeys {
    private static final Logger log = LoggerFactory.getLogger(CenterKeys.class);

    private final Path directory;
    private final CenterId center;
    private final Clock clock;
    private final KeyId pinned;
    private final CenterSigner signer;
    /** This center's keys, oldest first, as their public records in the directory say. */
    private final Map<KeyId, RegisteredKey> keys;

    private CenterKeys(Path directory, CenterId center, Clock clock, KeyId pinned, SigningKey active,
                       Map<KeyId, RegisteredKey> keys) {
        this.directory = directory;
        this.center = center;
        this.clock = clock;
        this.pinned = pinned;
        this.signer = new CenterSigner(active);
        this.keys = keys;
    }

    /** A key of this center with its state, for listing. */
    public record KeyState(RegisteredKey key, boolean active, Path publicRecord) {
    }

    /** What a rotation did: the key that signs from now on and the one it retired. */
    public record Rotation(RegisteredKey created, Path createdRecord, RegisteredKey retired, Path retiredRecord) {
    }

    // ---------------------------------------------------------------- start-up

    /**
     * Loads this center's keys from the configured directory and picks the one that signs: the configured key id,
     * else the newest key without {@code retired_at}, else (when allowed) a new one written into the directory.
     *
     * @throws SigningKeysUnusable when none of these gives a key
     */
    public static CenterKeys open(SigningProperties settings, CenterId center, Clock clock) {
        Path directory = settings.keyDirectory().toAbsolutePath().normalize();
        Map<KeyId, SigningKey> pairs = new LinkedHashMap<>();
        Map<KeyId, RegisteredKey> records = new LinkedHashMap<>();
        try {
            // A shared directory (the local platform) also holds other centers' keys; they are not even read.
            for (SigningKey key : KeyFiles.readSigningKeys(directory, center)) {
                pairs.put(key.keyId(), key);
                records.put(key.keyId(), KeyFiles.readPublic(publicRecord(directory, key.keyId())));
            }
        } catch (ValidationException e) {
            throw new SigningKeysUnusable("Center " + center + " cannot read its key directory " + directory + ": "
                    + describe(e.problems()), "Fix or remove the files named, then start the center again.");
        } catch (UncheckedIOException e) {
            throw new SigningKeysUnusable("Center " + center + " cannot read its key directory " + directory + ": "
                    + e.getCause(), "Make the directory readable by the service (" + SigningProperties.KEY_DIRECTORY
                    + ").", e);
        }

        KeyId pinned = settings.keyId() == null ? null : configured(settings.keyId(), center, directory, records);
        SigningKey active;
        if (pinned != null) {
            active = pairs.get(pinned);
        } else {
            active = newestInUse(pairs, records);
            if (active == null && !settings.generateIfMissing()) {
                throw new SigningKeysUnusable("Center " + center + " has no signing key in use in its key directory "
                        + directory + " (" + inventory(records) + ") and " + SigningProperties.GENERATE_IF_MISSING
                        + " is false.", "Put this center's key pair (<key-id>.key and <key-id>.json) into " + directory
                        + ", point " + SigningProperties.KEY_DIRECTORY + " at the directory that holds it, or set "
                        + SigningProperties.GENERATE_IF_MISSING + " to true to create one.");
            }
            if (active == null) {
                active = generate(directory, center, clock);
                records.put(active.keyId(), active.registered());
            }
        }
        CenterKeys opened = new CenterKeys(directory, center, clock, pinned, active, records);
        opened.warnAboutKeysLeftInUse();
        log.info("Center {} signs its events with key {} (key directory {})", center, active.keyId(), directory);
        return opened;
    }

    private static KeyId configured(String value, CenterId center, Path directory, Map<KeyId, RegisteredKey> records) {
        KeyId keyId;
        try {
            keyId = new KeyId(value);
        } catch (IllegalArgumentException e) {
            throw new SigningKeysUnusable(SigningProperties.KEY_ID + " '" + value + "' is not a key id: " + e.getMessage()
                    + " (key directory " + directory + ").", "Name one of this center's keys in " + directory
                    + ", or remove the setting to use the newest key in use.");
        }
        String action = "Name a key of center " + center + " that is in " + directory + " and not retired, or remove "
                + SigningProperties.KEY_ID + " to use the newest such key.";
        if (!keyId.center().equals(center)) {
            throw new SigningKeysUnusable(SigningProperties.KEY_ID + " names key " + keyId + ", a key of center "
                    + keyId.center() + "; this is center " + center + " (key directory " + directory + ").", action);
        }
        RegisteredKey record = records.get(keyId);
        if (record == null) {
            Path publicRecord = publicRecord(directory, keyId);
            throw new SigningKeysUnusable(SigningProperties.KEY_ID + " names key " + keyId + ", which is not in the key "
                    + "directory " + directory + (Files.exists(publicRecord)
                    ? ": only its public record " + publicRecord.getFileName() + " is there, not its private key "
                    + keyId + KeyFiles.PRIVATE_SUFFIX
                    : " (no " + keyId + KeyFiles.PRIVATE_SUFFIX + ")") + ".", action);
        }
        if (record.retiredAt() != null) {
            throw new SigningKeysUnusable(SigningProperties.KEY_ID + " names key " + keyId + ", which was retired at "
                    + format(record.retiredAt()) + " (" + publicRecord(directory, keyId) + "): the hub refuses events "
                    + "it signs after that.", action);
        }
        return keyId;
    }

    private static SigningKey newestInUse(Map<KeyId, SigningKey> pairs, Map<KeyId, RegisteredKey> records) {
        // KeyFiles lists key pairs oldest first.
        List<SigningKey> inUse = pairs.values().stream().filter(k -> records.get(k.keyId()).retiredAt() == null).toList();
        return inUse.isEmpty() ? null : inUse.get(inUse.size() - 1);
    }

    private static SigningKey generate(Path directory, CenterId center, Clock clock) {
        SigningKey key = SigningKey.generate(center, clock.instant());
        try {
            KeyFiles.write(directory, key);
        } catch (UncheckedIOException e) {
            throw new SigningKeysUnusable("Center " + center + " has no signing key in use in its key directory "
                    + directory + " and cannot write a new one there: " + e.getCause(), "Make " + directory
                    + " a directory the service can write to (" + SigningProperties.KEY_DIRECTORY + ").", e);
        }
        log.info("Center {} generated the signing key {} in {}. It must be registered at the hub, which verifies this"
                        + " center's events only with registered keys: copy the public record {} into the hub's key"
                        + " directory.", center, key.keyId(), directory, publicRecord(directory, key.keyId()));
        return key;
    }

    /** Older keys without retired_at are left by a rotation that stopped half-way; they still count as valid. */
    private void warnAboutKeysLeftInUse() {
        List<KeyId> leftInUse = keys.values().stream()
                .filter(k -> k.retiredAt() == null && !k.keyId().equals(signer.active().keyId()))
                .map(RegisteredKey::keyId).toList();
        if (!leftInUse.isEmpty()) {
            log.warn("Center {}: keys {} in {} are not retired but no longer sign; retire them (retired_at in their"
                    + " public records) and give the hub the updated records", center, leftInUse, directory);
        }
    }

    // ---------------------------------------------------------------- rotation

    /**
     * Creates a new key in the directory, makes it sign, then retires the key it replaced (its public record
     * rewritten with {@code retired_at}). Both public records must then be given to the hub.
     *
     * @throws RotationFailed when the active key is fixed by configuration, or a key file cannot be written
     */
    public synchronized Rotation rotate() {
        SigningKey previous = signer.active();
        if (pinned != null) {
            throw new RotationFailed(RotationFailed.Reason.KEY_PINNED, SigningProperties.KEY_ID, "The active key "
                    + pinned + " is fixed by " + SigningProperties.KEY_ID + ": a rotation would retire it, and the"
                    + " center would then refuse to start with that setting. Remove the setting and restart the center"
                    + " (the newest key in use then signs), then rotate.", null);
        }
        SigningKey next = SigningKey.generate(center, clock.instant());
        try {
            KeyFiles.write(directory, next);
        } catch (UncheckedIOException e) {
            throw new RotationFailed(RotationFailed.Reason.KEY_DIRECTORY, SigningProperties.KEY_DIRECTORY, "The new key"
                    + " could not be written into " + directory + " (" + e.getCause() + "); nothing changed, key "
                    + previous.keyId() + " still signs.", e);
        }
        keys.put(next.keyId(), next.registered());
        signer.switchTo(next);
        // Taken after the switch: an event that still got the previous key read it before the switch and had its
        // recorded_at before that, so it cannot be after this instant. latestRecordedAt() keeps that true even if
        // the wall clock stepped back in between. Millisecond precision, as the public record is written.
        Instant retiredAt = latest(latest(clock.instant(), signer.latestRecordedAt()).truncatedTo(ChronoUnit.MILLIS),
                previous.createdAt());
        RegisteredKey retired = keys.get(previous.keyId()).retiredAt(retiredAt);
        keys.put(previous.keyId(), retired);
        Path retiredRecord;
        try {
            retiredRecord = KeyFiles.writePublic(directory, retired);
        } catch (UncheckedIOException e) {
            throw new RotationFailed(RotationFailed.Reason.KEY_DIRECTORY, SigningProperties.KEY_DIRECTORY, "Key "
                    + next.keyId() + " signs now, but the retirement of key " + previous.keyId() + " at "
                    + format(retiredAt) + " could not be written to " + publicRecord(directory, previous.keyId()) + " ("
                    + e.getCause() + "). Add \"retired_at\": \"" + format(retiredAt) + "\" to that record by hand before"
                    + " giving it to the hub.", e);
        }
        Path createdRecord = publicRecord(directory, next.keyId());
        log.info("Center {} rotated its signing key: {} signs from now on, {} was retired at {}. Register the new key at"
                        + " the hub (copy {} into the hub's key directory) and copy the updated record {} there too.",
                center, next.keyId(), previous.keyId(), format(retiredAt), createdRecord, retiredRecord);
        return new Rotation(next.registered(), createdRecord, retired, retiredRecord);
    }

    // ---------------------------------------------------------------- reading

    public CenterSigner signer() {
        return signer;
    }

    public CenterId center() {
        return center;
    }

    public Path directory() {
        return directory;
    }

    /** This center's keys, oldest first, and which one signs. */
    public synchronized List<KeyState> keys() {
        KeyId active = signer.active().keyId();
        List<KeyState> states = new ArrayList<>();
        keys.values().forEach(k -> states.add(new KeyState(k, k.keyId().equals(active),
                publicRecord(directory, k.keyId()))));
        return states;
    }

    static String format(Instant instant) {
        return KernelJson.INSTANT_FORMAT.format(instant);
    }

    private static Path publicRecord(Path directory, KeyId keyId) {
        return directory.resolve(keyId + KeyFiles.PUBLIC_SUFFIX);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; "));
    }

    private static String inventory(Map<KeyId, RegisteredKey> records) {
        if (records.isEmpty()) {
            return "no key pair of this center";
        }
        return "only retired keys: " + records.values().stream()
                .map(k -> k.keyId() + " retired at " + format(k.retiredAt())).collect(Collectors.joining(", "));
    }
}
