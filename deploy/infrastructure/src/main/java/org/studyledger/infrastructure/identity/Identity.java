package org.studyledger.infrastructure.identity;

import java.util.List;
import java.util.Objects;

/**
 * Who a token is for.
 *
 * @param id     the subject ({@code sub})
 * @param name   the display name ({@code name}), or null
 * @param roles  the roles claim
 * @param center the center claim (center staff), or null (study-wide roles)
 */
public record Identity(String id, String name, List<String> roles, String center) {
    public Identity {
        Objects.requireNonNull(id, "id");
        roles = List.copyOf(roles);
    }

    /** A member of {@code center}'s staff. */
    public static Identity staff(String center, String id, String... roles) {
        return new Identity(id, "Test " + id, List.of(roles), center);
    }

    /** A study-wide caller (analyst, auditor, hub admin, the study's data manager). */
    public static Identity study(String id, String... roles) {
        return new Identity(id, "Test " + id, List.of(roles), null);
    }

    public Identity withRoles(String... roles) {
        return new Identity(id, name, List.of(roles), center);
    }

    public Identity atCenter(String center) {
        return new Identity(id, name, roles, center);
    }
}
