package org.studyledger.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.support.problem.ProblemResponses;

/**
 * 401 as problem details ({@code unauthorized}, field {@code Authorization}): no token, or a token this service does
 * not accept (forged, expired, of another issuer or audience). {@code WWW-Authenticate} says the same, as RFC 6750
 * asks.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint {
    static final String REQUIRED = "a bearer access token of the study's OpenID Connect issuer is required"
            + " (Authorization: Bearer <token>)";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String message;
        if (e instanceof OAuth2AuthenticationException invalid) {
            String description = invalid.getError().getDescription();
            message = "the access token is not accepted: " + (description == null ? invalid.getError().getErrorCode() : description);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + message.replace('"', '\'').replace('\\', '/') + "\"");
        } else {
            message = REQUIRED;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", message,
                List.of(new Problem("Authorization", message)));
    }
}
