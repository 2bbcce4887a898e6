package org.studyledger.kernel.validation;

import java.util.Objects;

/**
 * One thing wrong with an input, located by a field path such as {@code items.MADRS_03} or
 * {@code payload.dose_mg}. Validators collect every problem rather than stopping at the first,
 * so a rater fixes a form in one pass.
 */
public record Problem(String path, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** The same problem, located below {@code prefix} (e.g. {@code items} → {@code payload.items}). */
    public Problem under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return new Problem(path.isEmpty() ? prefix : prefix + "." + path, message);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
