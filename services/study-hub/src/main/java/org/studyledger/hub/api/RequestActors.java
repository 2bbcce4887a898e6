package org.studyledger.hub.api;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;
import org.studyledger.support.actor.RequestActor;

/**
 * Who is making a request to the hub, and whether their role allows what they ask: the one place the hub finds out.
 * Until the hub validates OAuth2 tokens itself, the gateway in front of it authenticates the caller and passes the
 * staff id and role in {@code X-Actor-Id} and {@code X-Actor-Role}, read exactly as the center services read them
 * ({@link RequestActor}). With tokens, this class takes the actor from the token's subject and role claim instead,
 * and nothing that calls it changes.
 */
@Component
public class RequestActors {

    /**
     * The caller, or null when the request does not name one properly; then every problem is added to {@code problems},
     * each naming its header, so that it is refused together with whatever else is wrong with the request.
     */
    public Actor actorOf(HttpHeaders headers, List<Problem> problems) {
        try {
            return RequestActor.from(headers);
        } catch (ValidationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** Refuses ({@link Forbidden}, 403) a caller whose role is not one of {@code roles}. */
    public void requireRole(Actor actor, List<String> roles, String action) {
        if (!roles.contains(actor.role())) {
            throw new Forbidden(RequestActor.ROLE_HEADER, "role '" + actor.role() + "' may not " + action
                    + "; that takes one of the roles " + String.join(", ", roles));
        }
    }
}
