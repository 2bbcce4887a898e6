package org.studyledger.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

/**
 * The test centers' signing keys, so that every envelope a test builds is signed as its center would sign it. Each
 * center code gets one key per JVM, made on first use. Every hub a test starts gets a key directory of its own
 * ({@link #newDirectory}, set as its {@code studyledger.hub.signing.keys-directory} by {@link HubInfrastructure}),
 * which holds every such key: the ones made before it, written when it is created, and the ones made later, written
 * as they are made. So a fixture signing for a center no test used before registers the center's key before the
 * event can reach any hub, as a center's operator registers a new center's key before it starts sending.
 */
public final class CenterKeys {
    /** Before every event the fixtures record (the reference cohort starts in January 2026). */
    public static final Instant CREATED = Instant.parse("2025-12-01T00:00:00Z");

    private static final Map<CenterId, SigningKey> KEYS = new HashMap<>();
    private static final List<Path> DIRECTORIES = new ArrayList<>();
    private static boolean cleanUpAdded;

    private CenterKeys() {
    }

    /** The key the tests sign {@code center}'s events with. */
    public static synchronized SigningKey of(CenterId center) {
        SigningKey key = KEYS.get(center);
        if (key == null) {
            key = SigningKey.generate(center, CREATED);
            KEYS.put(center, key);
            for (Path dir : DIRECTORIES) {
                KeyFiles.write(dir, key);
            }
        }
        return key;
    }

    public static SigningKey of(String center) {
        return of(new CenterId(center));
    }

    /** {@code envelope} signed with its center's key. */
    public static EventEnvelope sign(EventEnvelope envelope) {
        return EnvelopeSignatures.sign(envelope, of(envelope.centerId()));
    }

    /** A new key directory holding every center's key; removed when the JVM exits. */
    public static synchronized Path newDirectory() {
        try {
            Path dir = Files.createTempDirectory("studyledger-hub-keys-");
            for (SigningKey key : KEYS.values()) {
                KeyFiles.write(dir, key);
            }
            DIRECTORIES.add(dir);
            if (!cleanUpAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(CenterKeys::removeDirectories, "center-keys-clean-up"));
                cleanUpAdded = true;
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void removeDirectories() {
        for (Path dir : DIRECTORIES) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // A temporary directory left behind harms nothing.
            }
        }
    }
}
