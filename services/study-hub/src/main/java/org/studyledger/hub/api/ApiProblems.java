package org.studyledger.hub.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Every refusal of the hub's API as RFC 7807 problem details ({@code application/problem+json}) with an
 * {@code errors} list naming each field and what is wrong with it: 422 for bad parameters, 404 for what
 * does not exist, 409 for a conflicting request.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {
    private static final String TYPES = "https://studyledger.org/problems/";

    @ExceptionHandler(InvalidQuery.class)
    ResponseEntity<ProblemDetail> invalid(InvalidQuery e) {
        return invalid(e.problems());
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalid(ValidationException e) {
        return invalid(e.problems());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), List.of(new Problem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, "conflict", e.getMessage(), List.of(new Problem("", e.getMessage())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return invalid(List.of(new Problem(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == boolean.class || type == Boolean.class ? "true or false"
                : "a " + (type == null ? "value" : type.getSimpleName());
        return invalid(List.of(new Problem(e.getName(), "must be " + expected + ", got '" + e.getValue() + "'")));
    }

    private static ResponseEntity<ProblemDetail> invalid(List<Problem> problems) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-parameters", "The request has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems"), problems);
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail, List<Problem> problems) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPES + type));
        body.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.path(), "message", p.message()))
                .toList());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
