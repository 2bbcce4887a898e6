package org.studyledger.cohort.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic identifiers: record ids (assessment, dose, adverse event) are name-based UUIDs and idempotency
 * keys are readable names, both derived from the generator version, the seed, the owner (subject or center) and
 * the step, so loading the same plan again names the same records and the same requests.
 */
final class Ids {
    private final String generator;
    private final long seed;

    Ids(String generator, long seed) {
        this.generator = generator;
        this.seed = seed;
    }

    /** A lower-case UUID (version 3, name-based). */
    String uuid(String owner, String step) {
        return UUID.nameUUIDFromBytes((generator + "|" + seed + "|" + owner + "|" + step).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The {@code Idempotency-Key}: e.g. {@code cohort1-42-PAV-001-S03-dose} (at most 128 characters). */
    String key(String owner, String step) {
        String key = "cohort1-" + seed + "-" + owner + "-" + step;
        if (key.length() > 128) {
            throw new IllegalStateException("idempotency key longer than 128 characters: " + key);
        }
        return key;
    }
}
