package org.studyledger.support.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.studyledger.kernel.access.Role;

/**
 * One line of a service's rule table: which roles may call an endpoint.
 *
 * @param method  the HTTP method
 * @param path    the endpoint's path pattern, exactly as its handler is mapped (e.g.
 *                {@code /api/v1/subjects/{subjectId}/doses}); {@code /**} at the end covers everything below
 * @param parameter a query parameter the rule is limited to (with {@code value}), or null: the same endpoint may
 *                  answer differently by it, for different roles (the ODM export without audit records)
 * @param value   the parameter's value
 * @param what    what the endpoint does, for the documentation and for refusals ("record a dosing session")
 * @param roles   the roles that may call it, in order of preference: the first one the caller holds is the role
 *                they act in (the actor role of what they record); empty for an open endpoint
 * @param open    whether anyone may call it, without a token (health, the API's own description)
 * @param logged  whether each call is written to the access log (reads of study data)
 */
public record AccessRule(HttpMethod method, String path, String parameter, String value, String what, List<Role> roles,
                         boolean open, boolean logged) {
    public AccessRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(what, "what");
        roles = List.copyOf(roles);
        if (open != roles.isEmpty()) {
            throw new IllegalArgumentException(method + " " + path + ": an open rule names no role, a closed rule at least one");
        }
    }

    /** Only callers holding one of {@code roles} may call it. */
    public static AccessRule allow(HttpMethod method, String path, String what, Role... roles) {
        return new AccessRule(method, path, null, null, what, List.of(roles), false, false);
    }

    /** Anyone may call it, without a token. */
    public static AccessRule open(HttpMethod method, String path, String what) {
        return new AccessRule(method, path, null, null, what, List.of(), true, false);
    }

    /** The same rule, with every call written to the access log. */
    public AccessRule andLogged() {
        return new AccessRule(method, path, parameter, value, what, roles, open, true);
    }

    /** The same rule, limited to requests whose query parameter {@code name} is {@code value}. */
    public AccessRule where(String name, String value) {
        return new AccessRule(method, path, Objects.requireNonNull(name), Objects.requireNonNull(value), what, roles, open,
                logged);
    }

    /** The role a caller holding {@code held} acts in: the first of the rule's roles they hold. */
    public Optional<Role> actingRole(Collection<String> held) {
        return roles.stream().filter(r -> held.contains(r.value())).findFirst();
    }

    /** The roles, as a list for people: {@code analyst, auditor}. */
    public String roleNames() {
        return roles.stream().map(Role::value).collect(Collectors.joining(", "));
    }

    /** {@code GET /api/v1/subjects/{subjectId}}, with its parameter if it has one. */
    public String endpoint() {
        return method.name() + " " + path + (parameter == null ? "" : "?" + parameter + "=" + value);
    }
}
