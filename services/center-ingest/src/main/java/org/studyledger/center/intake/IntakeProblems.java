package org.studyledger.center.intake;

import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.studyledger.center.subject.CommandRefused;
import org.studyledger.support.problem.ProblemResponses;
import org.studyledger.kernel.validation.Problem;

/**
 * Every refusal of the intake as RFC 7807 problem details with an {@code errors} list naming each field path
 * and what is wrong with it: the shared ones ({@link ProblemResponses}) and the aggregate's refusals.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's problem-details advice, which would answer without errors
public class IntakeProblems extends ProblemResponses {
    @ExceptionHandler(CommandRefused.class)
    ResponseEntity<ProblemDetail> refused(CommandRefused e) {
        List<Problem> problems = IntakeRoutes.explained(e);
        String detail = problems.stream().map(Problem::message).collect(Collectors.joining("; "));
        return switch (e.reason()) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "not-found", detail, problems);
            case CONFLICT -> problem(HttpStatus.CONFLICT, "refused", detail, problems);
        };
    }

    @ExceptionHandler(MalformedBody.class)
    ResponseEntity<ProblemDetail> malformed(MalformedBody e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request body is not valid JSON",
                List.of(new Problem("", e.getMessage() == null ? "not readable" : e.getMessage().lines().findFirst().orElse(""))));
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLarge e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", e.getMessage(), List.of(new Problem("",
                "is larger than " + e.limitBytes() + " bytes, the most this service reads of one request")));
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
}
