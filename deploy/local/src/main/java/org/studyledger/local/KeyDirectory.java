package org.studyledger.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.study.CenterId;

/**
 * The platform's one key directory, shared by every center (each writes its own {@code <key-id>.key} and
 * {@code <key-id>.json} there) and the hub (which reads the {@code .json} records). On one machine, run by one
 * user, sharing it is what registers a center's key at the hub; in a real deployment each center's directory is
 * its own and only the {@code .json} files are copied to the hub.
 */
record KeyDirectory(Path path) {

    /** Creates the directory, readable by its owner only, since it holds the centers' private keys. */
    static KeyDirectory prepare(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            Files.createDirectories(path);
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its own access control applies.
            }
        }
        return new KeyDirectory(path);
    }

    /**
     * Each center's signing key, as the center chooses it by default: its newest key that is not retired and
     * whose private half is here. A center without one maps to null.
     */
    Map<String, String> activeKeyIds(List<String> centers) {
        KeyRing ring = KeyFiles.readRing(path);
        Map<String, String> active = new LinkedHashMap<>();
        for (String center : centers) {
            active.put(center, ring.keysOf(new CenterId(center)).stream()
                    .filter(k -> k.retiredAt() == null)
                    .filter(k -> Files.isRegularFile(path.resolve(k.keyId() + KeyFiles.PRIVATE_SUFFIX)))
                    .max(Comparator.comparing(RegisteredKey::createdAt).thenComparing(k -> k.keyId().value()))
                    .map(k -> k.keyId().value())
                    .orElse(null));
        }
        return active;
    }
}
