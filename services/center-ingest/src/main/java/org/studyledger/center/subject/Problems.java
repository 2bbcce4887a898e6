package org.studyledger.center.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/** Collects every problem with a command before deciding, so a user fixes all of them in one pass. */
final class Problems {
    private final List<Problem> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new Problem(path, message));
    }

    void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    /** Records a problem when {@code value} is null; returns whether it was present. */
    boolean required(Object value, String path) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(path, "is required");
            return false;
        }
        return true;
    }

    void check(boolean ok, String path, Supplier<String> message) {
        if (!ok) {
            add(path, message.get());
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }
}
