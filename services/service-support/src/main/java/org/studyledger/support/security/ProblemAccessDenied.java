package org.studyledger.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.support.problem.ProblemResponses;

/** 403 as problem details ({@code forbidden}): the caller is known, but the rule table does not let them do this. */
final class ProblemAccessDenied implements AccessDeniedHandler {
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        Refusal refusal = e instanceof AuthorizationDeniedException denied && denied.getAuthorizationResult() instanceof Refusal r
                ? r : new Refusal("", "not allowed: " + e.getMessage());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "forbidden", refusal.message(),
                List.of(new Problem(refusal.field(), refusal.message())));
    }
}
