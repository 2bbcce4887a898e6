package org.studyledger.hub.signing;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyId;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * The centers' registered public keys, as read from {@code studyledger.hub.signing.keys-directory}. Registering a
 * key is copying its {@code <key-id>.json} into the directory: the hub re-reads the directory when an event names a
 * key id it does not hold and that key's record is there, so a new center or a rotated key is picked up by its first
 * event, without a restart. Operator actions (re-processing the quarantine, verifying the ledger, listing the keys)
 * re-read it too, so they also see a retirement or a removal.
 *
 * <p>A directory that cannot be read (a malformed or misnamed file, two records of one key) is logged with every
 * problem, and the hub keeps verifying against the last ring it read completely: a bad copy must not unregister the
 * keys that were fine. At start-up there is no such ring, so the hub does not start. After a failed re-read, events
 * do not trigger another one for {@code reload-min-interval}.
 */
@Component
public class KeyRegistry {
    private static final Logger log = LoggerFactory.getLogger(KeyRegistry.class);

    private final Path directory;
    private final SigningProperties signing;
    private final Clock clock;
    private volatile KeyRing ring;
    /** When the last re-read failed; null when it succeeded. Guarded by {@code this}. */
    private Instant lastFailure;

    KeyRegistry(SigningProperties signing, Clock clock) {
        this.signing = signing;
        this.clock = clock;
        this.directory = signing.keysDirectory().toAbsolutePath().normalize();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalStateException("studyledger.hub.signing.keys-directory " + directory + " is not a directory");
        }
        try {
            this.ring = KeyFiles.readRing(directory);
        } catch (ValidationException | UncheckedIOException e) {
            String problems = describe(e);
            log.error("the key directory {} holds files the hub cannot read, so it does not start: {}", directory, problems);
            throw new IllegalStateException("the key directory " + directory + " (studyledger.hub.signing.keys-directory)"
                    + " holds files the hub cannot read: " + problems, e);
        }
        if (ring.isEmpty()) {
            log.warn("no center key is registered in {}: every event is quarantined as UNKNOWN_SIGNING_KEY (or UNSIGNED)"
                    + " until its center's public key record is copied there", directory);
        } else {
            log.info("registered center keys in {}: {}", directory, ids(ring.all()));
        }
    }

    /** The directory the keys are read from, absolute. */
    public Path directory() {
        return directory;
    }

    /** The keys the hub holds now. */
    public KeyRing ring() {
        return ring;
    }

    /**
     * The keys to check an envelope signed by {@code keyId} against. When the hub does not hold that key but its
     * record is in the directory, the directory is re-read first, unless the last re-read failed less than
     * {@code reload-min-interval} ago. An id whose record is not there cannot be registered by re-reading, so it
     * costs no more than looking for the file.
     */
    public KeyRing ringFor(String keyId) {
        KeyRing current = ring;
        if (keyId == null || current.find(keyId).isPresent() || !recordIsThere(keyId)) {
            return current;
        }
        synchronized (this) {
            if (ring.find(keyId).isPresent()) {
                return ring; // another thread has just re-read the directory
            }
            if (lastFailure != null && clock.instant().isBefore(lastFailure.plus(signing.reloadMinInterval()))) {
                return ring;
            }
            return reread("an event names key " + keyId);
        }
    }

    /** Re-reads the directory now (an operator's action); on failure keeps, and returns, the last good ring. */
    public synchronized KeyRing reload() {
        return reread("requested");
    }

    private KeyRing reread(String why) {
        KeyRing fresh;
        try {
            fresh = KeyFiles.readRing(directory);
        } catch (ValidationException | UncheckedIOException e) {
            lastFailure = clock.instant();
            log.error("re-reading the key directory {} ({}) failed; the hub keeps verifying against the {} keys it read"
                    + " before ({}). Fix or remove: {}", directory, why, ring.size(), ids(ring.all()), describe(e));
            return ring;
        }
        lastFailure = null;
        KeyRing before = ring;
        if (!fresh.equals(before)) {
            logChanges(before, fresh);
            ring = fresh;
        }
        return fresh;
    }

    private boolean recordIsThere(String keyId) {
        try {
            // The id comes from an event: only a well-formed one can name a file, and never outside the directory.
            return Files.isRegularFile(directory.resolve(new KeyId(keyId).value() + KeyFiles.PUBLIC_SUFFIX));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void logChanges(KeyRing before, KeyRing after) {
        List<RegisteredKey> added = after.all().stream().filter(k -> before.find(k.keyId().value()).isEmpty()).toList();
        List<RegisteredKey> retired = after.all().stream().filter(k -> k.retiredAt() != null)
                .filter(k -> before.find(k.keyId().value()).map(b -> !Objects.equals(b.retiredAt(), k.retiredAt()))
                        .orElse(false))
                .toList();
        List<RegisteredKey> removed = before.all().stream().filter(k -> after.find(k.keyId().value()).isEmpty()).toList();
        if (!added.isEmpty()) {
            log.info("center keys registered from {}: {}", directory, ids(added));
        }
        for (RegisteredKey k : retired) {
            log.info("center key {} is retired at {}: events recorded after that and signed with it are refused",
                    k.keyId(), k.retiredAt());
        }
        if (!removed.isEmpty()) {
            log.warn("center keys no longer in {}: {}; events signed with them no longer verify", directory, ids(removed));
        }
    }

    private static String ids(List<RegisteredKey> keys) {
        return keys.stream().map(k -> k.keyId().value()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(RuntimeException e) {
        if (e instanceof ValidationException v) {
            return v.problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
        }
        return e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause());
    }
}
