package org.studyledger.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.studyledger.kernel.access.Role;
import org.studyledger.support.security.AccessRecord;
import org.studyledger.support.security.AccessRecorder;
import org.studyledger.support.security.AccessRules;
import org.studyledger.support.security.Caller;
import org.studyledger.support.security.SecurityProperties;

/**
 * The gate of every console page: the signed-in person, as their ID token describes them (the same claims an access
 * token carries to the API), may see what an API endpoint answers iff the hub's rule table lets them call it
 * ({@link AccessRules#actingRole}); a read that is logged at the API is logged here too, in the role it was allowed in.
 */
@Service
@Conditional(ConsoleConfigured.class)
public class ConsoleAccess {
    /** The request attribute of a logged read, written to the access log when the page is complete. */
    static final String LOGGED_READ = ConsoleAccess.class.getName() + ".read";

    private final AccessRules rules;
    private final SecurityProperties security;
    private final ConsoleProperties console;
    private final AccessRecorder log;
    private final Clock clock = Clock.systemUTC();

    ConsoleAccess(AccessRules rules, SecurityProperties security, ConsoleProperties console, AccessRecorder log) {
        this.rules = rules;
        this.security = security;
        this.console = console;
        this.log = log;
    }

    /** The signed-in person; null when no one is. */
    public Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            return Caller.of(user.getIdToken().getClaims(), security);
        }
        return null;
    }

    /** The role the signed-in person may see {@code shown} in; empty when they may not. */
    public Optional<Role> role(Shown shown) {
        Caller caller = caller();
        return caller == null ? Optional.empty() : rules.actingRole(shown.method(), shown.examplePath(), caller);
    }

    public boolean may(Shown shown) {
        return role(shown).isPresent();
    }

    /** Everything the signed-in person may see or do. */
    public Set<Shown> allowed() {
        Set<Shown> allowed = EnumSet.noneOf(Shown.class);
        for (Shown s : Shown.values()) {
            if (may(s)) {
                allowed.add(s);
            }
        }
        return allowed;
    }

    /**
     * Lets the request show {@code shown}, or refuses it ({@link Refused}, a 403 page naming what it takes); a read
     * the API logs is logged when the page is complete ({@link ConsoleReadLog}).
     */
    public Role require(Shown shown, HttpServletRequest request) {
        Role role = role(shown).orElseThrow(() -> new Refused(shown, caller()));
        rules.match(shown.method(), shown.examplePath()).filter(r -> r.logged())
                .ifPresent(r -> request.setAttribute(LOGGED_READ, role));
        return role;
    }

    /** Writes a logged read of the console to the access log, as the API writes its own. */
    void record(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, int status, Role role) {
        Caller caller = caller();
        if (caller == null) {
            return;
        }
        Object position = request.getAttribute(POSITION) != null ? request.getAttribute(POSITION)
                : response.getHeader("X-Ledger-Position");
        log.record(new AccessRecord(clock.instant(), caller.id(), caller.name(), role.value(),
                caller.client() != null ? caller.client() : console.clientId(), request.getMethod(),
                request.getRequestURI(), request.getQueryString(), status, position == null ? null : position.toString(),
                response.getHeader("X-Content-SHA256")));
    }

    /** The request attribute a page sets to the ledger position it showed, for the access log. */
    public static final String POSITION = ConsoleAccess.class.getName() + ".position";

    /** A page the signed-in person may not see. */
    public static final class Refused extends RuntimeException {
        private final Shown shown;

        Refused(Shown shown, Caller caller) {
            super((caller == null ? "no one is signed in" : "the role(s) " + String.join(", ", caller.roles())
                    + (caller.center() != null ? " of center " + caller.center() : ""))
                    + " may not see " + shown.what() + " (" + shown.method() + " " + shown.path() + ")");
            this.shown = shown;
        }

        public Shown shown() {
            return shown;
        }
    }
}
