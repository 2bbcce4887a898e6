package org.studyledger.support.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.studyledger.kernel.access.Role;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.support.actor.RequestActor;

/**
 * A service's rule table, the one place it decides who may call what: every endpoint with the roles that may call
 * it; a request no rule covers is refused (deny by default). The service's documentation table is generated from it,
 * and a test holds it against the service's handler mappings, so an endpoint without a rule fails the build.
 *
 * <p>Besides the roles, the table knows whose service this is: a center's service serves only the staff of that
 * center (the token's center claim names it); the hub serves only study-wide callers (a token that names a center
 * belongs to center staff, who act at their center's service).
 */
public final class AccessRules {
    private final String service;
    private final String center;
    private final Map<AccessRule, RequestMatcher> rules = new LinkedHashMap<>();

    private AccessRules(String service, String center, List<AccessRule> rules) {
        this.service = service;
        this.center = center;
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<String> endpoints = new ArrayList<>();
        rules.forEach(r -> {
            if (endpoints.contains(r.endpoint())) {
                throw new IllegalArgumentException("two rules for " + r.endpoint());
            }
            endpoints.add(r.endpoint());
            RequestMatcher path = paths.matcher(r.method(), r.path());
            this.rules.put(r, r.parameter() == null ? path
                    : request -> r.value().equals(request.getParameter(r.parameter())) && path.matches(request));
        });
    }

    /** The rules of center {@code center}'s service: its callers must be staff of that center. */
    public static AccessRules center(String center, List<AccessRule> rules) {
        return new AccessRules("the " + center + " center's service", center, rules);
    }

    /** The rules of the study hub: its callers must act for the whole study, not for one center. */
    public static AccessRules study(List<AccessRule> rules) {
        return new AccessRules("the study hub", null, rules);
    }

    public List<AccessRule> rules() {
        return new ArrayList<>(rules.keySet());
    }

    /** The center whose staff this service serves; null for the hub. */
    public String center() {
        return center;
    }

    /**
     * The rule covering a request: the first that matches its method, path and (for a rule limited to one) query
     * parameter; so a rule limited to a parameter comes before the endpoint's general rule.
     */
    public Optional<AccessRule> match(HttpServletRequest request) {
        return rules.entrySet().stream().filter(e -> e.getValue().matches(request)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The rule of the endpoint {@code method path} (a path without query, e.g. {@code /api/v1/subjects/PAV-001/doses}),
     * for writes a request carries inside it (the items of a batch), each of which must be allowed as if it were made
     * on its own. Rules limited to a query parameter do not apply.
     */
    public Optional<AccessRule> match(org.springframework.http.HttpMethod method, String path) {
        org.springframework.http.server.PathContainer container = org.springframework.http.server.PathContainer.parsePath(path);
        return rules.keySet().stream()
                .filter(r -> r.parameter() == null && r.method().equals(method)
                        && org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(r.path()).matches(container))
                .findFirst();
    }

    /**
     * The role in which {@code caller} may make a request to {@code method path} (no query), by the same table as
     * {@link #decide}: this service must serve the caller (the hub: study-wide callers; a center's service: its own
     * staff) and the endpoint's rule must grant one of their roles. Empty when they may not, or for an open endpoint,
     * which no role is needed for. For pages that show what an endpoint answers, to the people it answers.
     */
    public Optional<Role> actingRole(org.springframework.http.HttpMethod method, String path, Caller caller) {
        boolean served = center == null ? caller.center() == null : center.equals(caller.center());
        return match(method, path).filter(r -> served && !r.open()).flatMap(r -> r.actingRole(caller.roles()));
    }

    /**
     * Decides a request of {@code caller} (null: no token) covered by {@code rule} (null: none), and, when it is
     * allowed, the actor it acts as. The refusals say what is lacking, naming the token's claim or the header at fault.
     */
    Decision decide(HttpServletRequest request, AccessRule rule, Caller caller, SecurityProperties settings) {
        if (rule == null) {
            return refuse("", request.getMethod() + " " + request.getRequestURI() + " is not an endpoint of " + service
                    + " that anyone may call");
        }
        if (rule.open()) {
            return new Decision(rule, null, null);
        }
        if (caller == null) {
            return refuse("Authorization", "a bearer access token is required to " + rule.what());
        }
        if (center != null && !center.equals(caller.center())) {
            return refuse(settings.centerClaim(), caller.center() == null
                    ? "this is " + service + "; the token names no center, so it is not of a member of its staff"
                    : "this is " + service + "; the token is of staff of center " + caller.center()
                    + ", who act at their own center's service");
        }
        if (center == null && caller.center() != null) {
            return refuse(settings.centerClaim(), "the token is of staff of center " + caller.center()
                    + ", who act at their center's service; " + service + " serves study-wide roles only");
        }
        Optional<Role> role = rule.actingRole(caller.roles());
        if (role.isEmpty()) {
            return refuse(settings.rolesClaim(), (caller.roles().isEmpty() ? "the token grants no role"
                    : "the role(s) " + String.join(", ", caller.roles())) + " may not " + rule.what()
                    + "; that takes one of the roles " + rule.roleNames());
        }
        Actor actor = new Actor(caller.id(), role.get().value(), caller.name());
        String idHeader = request.getHeader(RequestActor.ID_HEADER);
        String roleHeader = request.getHeader(RequestActor.ROLE_HEADER);
        if (idHeader != null && !idHeader.equals(actor.id())) {
            return refuse(RequestActor.ID_HEADER, "names '" + idHeader + "', but the actor is the token's subject '"
                    + actor.id() + "'; leave the actor headers out: the actor comes from the access token");
        }
        if (roleHeader != null && !roleHeader.equals(actor.role())) {
            return refuse(RequestActor.ROLE_HEADER, "names '" + roleHeader + "', but this request is made in the role '"
                    + actor.role() + "' (the first of " + rule.roleNames() + " the token grants); leave the actor"
                    + " headers out: the actor comes from the access token");
        }
        return new Decision(rule, caller, actor);
    }

    private static Decision refuse(String field, String message) {
        return new Decision(new Refusal(field, message));
    }

    /** Either a refusal, or the rule that allowed the request with the caller and the actor they act as. */
    record Decision(AccessRule rule, Caller caller, Actor actor, Refusal refusal) {
        Decision(AccessRule rule, Caller caller, Actor actor) {
            this(rule, caller, actor, null);
        }

        Decision(Refusal refusal) {
            this(null, null, null, refusal);
        }
    }
}
