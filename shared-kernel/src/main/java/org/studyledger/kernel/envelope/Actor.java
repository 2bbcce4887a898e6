package org.studyledger.kernel.envelope;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who caused an event: a staff member's id at their center and the role they acted in
 * (e.g. {@code rater}, {@code study-nurse}, {@code data-manager}, {@code investigator}, {@code system}).
 */
public record Actor(String id, String role) {
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z-]{1,31}");

    public Actor {
        Objects.requireNonNull(id, "actor id");
        Objects.requireNonNull(role, "actor role");
        if (id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("actor id must be 1–64 characters");
        }
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("actor role must be lower-case letters and hyphens, got '" + role + "'");
        }
    }
}
