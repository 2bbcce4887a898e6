package org.studyledger.support.actor;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.studyledger.kernel.envelope.Actor;

/**
 * Who is making the current request: the subject of its access token, in the role that authorised it (the service's
 * rule table decides both, before the request reaches a controller). Every event a center records and every decision
 * taken at the hub is attributed to this actor. The actor headers of earlier versions are not read: a request that
 * still sends them with other values than the token's is refused.
 */
public final class RequestActor {
    /** Formerly the staff id set by a gateway; now only compared with the token's subject. */
    public static final String ID_HEADER = "X-Actor-Id";
    /** Formerly the role set by a gateway; now only compared with the role the request is made in. */
    public static final String ROLE_HEADER = "X-Actor-Role";
    /** The request attribute under which the security rules leave the authorised actor. */
    public static final String ATTRIBUTE = RequestActor.class.getName();

    private RequestActor() {
    }

    /** The actor of {@code request}; fails when the request was not authorised as an actor (an open endpoint). */
    public static Actor of(HttpServletRequest request) {
        Object actor = request.getAttribute(ATTRIBUTE);
        if (actor instanceof Actor a) {
            return a;
        }
        throw new IllegalStateException(request.getMethod() + " " + request.getRequestURI()
                + " was not authorised as an actor; its endpoint needs a rule with roles");
    }

    /** The actor of the request the current thread serves. */
    public static Actor current() {
        RequestAttributes attributes = RequestContextHolder.currentRequestAttributes();
        Object actor = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (actor instanceof Actor a) {
            return a;
        }
        throw new IllegalStateException("the current request was not authorised as an actor; its endpoint needs a rule"
                + " with roles");
    }
}
