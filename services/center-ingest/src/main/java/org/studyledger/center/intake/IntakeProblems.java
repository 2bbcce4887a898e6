package org.studyledger.center.intake;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.studyledger.center.subject.CommandRefused;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Every refusal as RFC 7807 problem details ({@code application/problem+json}) with an {@code errors}
 * list naming each field path and what is wrong with it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's problem-details advice, which would answer without errors
public class IntakeProblems {
    private static final Logger log = LoggerFactory.getLogger(IntakeProblems.class);
    private static final String TYPES = "https://studyledger.org/problems/";

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalid(ValidationException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-input", "The request has "
                + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"), e.problems());
    }

    @ExceptionHandler(CommandRefused.class)
    ResponseEntity<ProblemDetail> refused(CommandRefused e) {
        return switch (e.reason()) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), e.problems());
            case CONFLICT -> problem(HttpStatus.CONFLICT, "refused", e.getMessage(), e.problems());
        };
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownSubject(AggregateNotFoundException e) {
        String subject = String.valueOf(e.getAggregateIdentifier());
        return problem(HttpStatus.NOT_FOUND, "not-found", "subject " + subject + " is not enrolled at this center",
                List.of(new Problem("subject_id", "subject " + subject + " is not enrolled at this center")));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        // Two writes raced for the same subject and sequence number; the store's unique key let one win.
        return problem(HttpStatus.CONFLICT, "concurrent-write", "another write to this subject happened at the same time;"
                + " repeat the request", List.of(new Problem("subject_id", "concurrent write; repeat the request")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String detail = e.getMostSpecificCause().getMessage();
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request body is not valid JSON",
                List.of(new Problem("", detail == null ? "not readable" : detail.lines().findFirst().orElse(detail))));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", e.getMessage(),
                List.of(new Problem("Content-Type", "supported: " + e.getSupportedMediaTypes())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-input", "The request has 1 problem",
                List.of(new Problem(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == boolean.class || type == Boolean.class ? "true or false"
                : "a " + (type == null ? "value" : type.getSimpleName());
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-input", "The request has 1 problem",
                List.of(new Problem(e.getName(), "must be " + expected + ", got '" + e.getValue() + "'")));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail, List<Problem> problems) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPES + type));
        body.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.path(), "message", p.message()))
                .toList());
        if (status.is5xxServerError()) {
            log.error("request failed: {}", detail);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
