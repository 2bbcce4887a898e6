package org.studyledger.support.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.studyledger.support.actor.RequestActor;

/**
 * Decides every request by the service's rule table ({@link AccessRules}). An allowed request carries its caller, its
 * actor and its rule as request attributes, for the controller ({@link RequestActor}) and the access log.
 */
final class RuleAuthorization implements AuthorizationManager<RequestAuthorizationContext> {
    /** The request attribute under which the rule that allowed the request is kept. */
    static final String RULE = AccessRule.class.getName();

    private final AccessRules rules;
    private final SecurityProperties settings;

    RuleAuthorization(AccessRules rules, SecurityProperties settings) {
        this.rules = rules;
        this.settings = settings;
    }

    @Override
    @SuppressWarnings("deprecation") // Spring Security 6.5 still calls check() through authorize()
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        AccessRule rule = rules.match(request).orElse(null);
        Caller caller = caller(authentication.get(), settings);
        AccessRules.Decision decision = rules.decide(request, rule, caller, settings);
        if (decision.refusal() != null) {
            return decision.refusal();
        }
        request.setAttribute(RULE, decision.rule());
        if (decision.actor() != null) {
            request.setAttribute(RequestActor.ATTRIBUTE, decision.actor());
            request.setAttribute(Caller.ATTRIBUTE, decision.caller());
        }
        return new AuthorizationDecision(true);
    }

    /** The caller a token authenticates; null without one. */
    static Caller caller(Authentication authentication, SecurityProperties settings) {
        return authentication instanceof JwtAuthenticationToken token ? Caller.of(token.getToken(), settings) : null;
    }
}
