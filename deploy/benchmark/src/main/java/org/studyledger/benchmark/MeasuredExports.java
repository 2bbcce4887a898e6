package org.studyledger.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.studyledger.benchmark.report.ExportResult;
import org.studyledger.benchmark.report.Json;

/**
 * Each export's result as soon as it is measured, one file per export: a run that is interrupted (the machine is
 * shared, and a large export takes a while) goes on with the exports it had not measured yet. A result counts only
 * for the same database, heap and hub settings (the fingerprint).
 */
final class MeasuredExports {
    private final Path dir;
    private final String fingerprint;

    MeasuredExports(Path dir, String fingerprint) {
        this.dir = dir;
        this.fingerprint = fingerprint;
    }

    /** A result kept with the fingerprint it was measured under. */
    record Kept(String fingerprint, ExportResult result) {
    }

    Optional<ExportResult> find(Export export) {
        Path file = file(export);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Kept kept = Json.read(Files.readString(file), Kept.class);
            return fingerprint.equals(kept.fingerprint()) ? Optional.of(kept.result()) : Optional.empty();
        } catch (IOException | IllegalStateException e) {
            return Optional.empty(); // unreadable: measured again
        }
    }

    void keep(Export export, ExportResult result) {
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, export.cliName(), ".tmp");
            Files.writeString(temporary, Json.pretty(new Kept(fingerprint, result)));
            Files.move(temporary, file(export), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(Export export) {
        return dir.resolve(export.cliName() + ".json");
    }
}
