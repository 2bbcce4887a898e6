package org.studyledger.support.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * RFC 7807 problem details ({@code application/problem+json}) with an {@code errors} list naming every field at
 * fault, the way every StudyLedger API refuses a request. A service's {@code @RestControllerAdvice} extends this
 * class (inheriting the handlers for refusals every API shares) and adds its own; it must have the highest
 * precedence, or Spring Boot's own problem-details advice answers first, without the errors.
 */
public abstract class ProblemResponses {
    /** Problem types are named below this URI, e.g. {@code …/invalid-input}. */
    public static final String TYPES = "https://studyledger.org/problems/";

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail, List<Problem> problems) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPES + type));
        body.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.path(), "message", p.message()))
                .toList());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes the same problem details straight to a servlet response, for refusals made before a request reaches a
     * controller (401 and 403 of the security rules).
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
                             String detail, List<Problem> problems) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPES + type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("errors", problems.stream().map(p -> Map.of("field", p.path(), "message", p.message())).toList());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }

    /** 422 {@code invalid-input}: "The request has N problems", each with its field. */
    public static ResponseEntity<ProblemDetail> invalid(List<Problem> problems) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-input", "The request has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems"), problems);
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalid(ValidationException e) {
        return invalid(e.problems());
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<ProblemDetail> forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "The caller may not make " + e.problems().size()
                + (e.problems().size() == 1 ? " part" : " parts") + " of the request", e.problems());
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
}
