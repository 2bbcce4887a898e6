package org.studyledger.hub.api;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.support.problem.ProblemResponses;

/**
 * Every refusal of the hub's API as RFC 7807 problem details ({@code application/problem+json}) with an
 * {@code errors} list naming each field and what is wrong with it: 422 for bad parameters, 404 for what does not exist, 409 for a conflicting request.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems extends ProblemResponses {
    @ExceptionHandler(InvalidQuery.class)
    ResponseEntity<ProblemDetail> invalid(InvalidQuery e) {
        return invalid(e.problems());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), e.problems());
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, "conflict", e.getMessage(), List.of(new Problem(e.field(), e.getMessage())));
    }
}
