package org.studyledger.kernel.envelope;

import java.util.Objects;
import java.util.regex.Pattern;
import org.studyledger.kernel.validation.Text;

/**
 * Who caused an event: the unique id of the person or client who recorded it (their access token's subject), the role
 * that allowed them to (e.g. {@code rater}, {@code study-nurse}, {@code data-manager}, {@code investigator},
 * {@code system}) and, when their token gave one, their display name as it was then. The id identifies; the name is
 * what a reader of the record sees beside it (names change, ids do not).
 */
public record Actor(String id, String role, String name) {
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
        if (name != null) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("actor name must not be blank; leave it out instead");
            }
            Text.freeTextProblem(name).ifPresent(problem -> {
                throw new IllegalArgumentException("actor name " + problem);
            });
        }
    }

    /** An actor without a display name. */
    public Actor(String id, String role) {
        this(id, role, null);
    }
}
