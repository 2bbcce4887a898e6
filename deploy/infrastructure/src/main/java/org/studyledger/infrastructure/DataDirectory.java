package org.studyledger.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where an embedded server keeps its data, and whether it is thrown away on close. A directory the
 * caller names is kept unless told otherwise (the local platform's data survives restarts); without one,
 * a temporary directory is created and deleted on close (tests).
 */
public record DataDirectory(Path path, boolean deleteOnClose) {

    /**
     * @param given          the caller's directory, or null for a temporary one
     * @param deleteOnClose  the caller's choice, or null for the default (keep a given one, delete a temporary one)
     * @param server         what it is for, e.g. {@code kafka}: names the temporary directory
     */
    public static DataDirectory of(Path given, Boolean deleteOnClose, String server) {
        if (given != null) {
            return new DataDirectory(given.toAbsolutePath(), deleteOnClose != null && deleteOnClose);
        }
        try {
            return new DataDirectory(Files.createTempDirectory("studyledger-" + server + "-"),
                    deleteOnClose == null || deleteOnClose);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a data directory for " + server, e);
        }
    }

    /** Deletes a directory tree; absent is fine. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
