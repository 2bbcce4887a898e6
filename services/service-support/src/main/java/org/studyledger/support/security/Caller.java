package org.studyledger.support.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who makes a request, as their access token says.
 *
 * @param id     the unique id of the person or client (the token's {@code sub} by default): the actor id of what
 *               they record
 * @param name   their display name, or null when the token has none
 * @param roles  every role the token grants, in the token's order
 * @param center the center a staff member belongs to, or null for study-wide callers
 * @param client the OAuth2 client the token was issued to ({@code azp} or {@code client_id}), or null
 */
public record Caller(String id, String name, Set<String> roles, String center, String client) {
    /** The request attribute under which the authorised caller is kept. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        roles = Set.copyOf(new LinkedHashSet<>(roles));
    }

    /** The caller of the request the current thread serves, as the rule table authorised it. */
    public static Caller current() {
        Object caller = org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()
                .getAttribute(ATTRIBUTE, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("the current request was not authorised for a caller; its endpoint needs a rule"
                + " with roles");
    }

    /** The actor this caller is when acting under {@code rule}: their id and name, in the rule's role they hold. */
    public java.util.Optional<org.studyledger.kernel.envelope.Actor> actorUnder(AccessRule rule) {
        return rule.actingRole(roles).map(role -> new org.studyledger.kernel.envelope.Actor(id, role.value(), name));
    }

    static Caller of(Jwt jwt, SecurityProperties settings) {
        return of(jwt.getClaims(), settings);
    }

    /**
     * The caller a token's claims describe, read by the service's claim settings: an access token's, or the ID token
     * of a person signed in to a web page.
     */
    public static Caller of(Map<String, Object> claims, SecurityProperties settings) {
        Object azp = claims.getOrDefault("azp", claims.get("client_id"));
        return new Caller(text(claims.get(settings.idClaim())), text(claims.get(settings.nameClaim())),
                new LinkedHashSet<>(roles(claims, settings.rolesClaim())), text(claims.get(settings.centerClaim())),
                text(azp));
    }

    /** The strings of the roles claim; a claim that is absent or not a list of strings gives none. */
    static List<String> roles(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        List<String> roles = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(r -> {
                if (r instanceof String s) {
                    roles.add(s);
                }
            });
        } else if (value instanceof String s) {
            // Some issuers write a single role as a string, or several separated by spaces (like "scope").
            roles.addAll(List.of(s.trim().split("\\s+")));
        }
        return roles;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
