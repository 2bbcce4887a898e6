package org.studyledger.kernel.subject.command;

import java.util.Objects;

/**
 * The guard of the commands' compact constructors. The intake reports a missing value to the user before a command
 * exists, so reaching one of these is a programming error, not bad input: a command that exists is complete. Blank
 * text is a value, not an absence: whether it says enough is a rule of the aggregate's checks, judged with the others.
 */
final class Required {
    private Required() {
    }

    static <T> T value(T value, String field) {
        return Objects.requireNonNull(value, field);
    }
}
