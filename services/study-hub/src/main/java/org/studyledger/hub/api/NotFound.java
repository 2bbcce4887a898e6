package org.studyledger.hub.api;

import java.util.List;
import org.studyledger.kernel.validation.Problem;

/**
 * What the request names does not exist: answered 404, the field saying which part of the request named it, followed
 * by whatever else is wrong with the request (so one answer names every problem).
 */
public class NotFound extends RuntimeException {
    private final String field;
    private final List<Problem> alsoWrong;

    public NotFound(String field, String message) {
        this(field, message, List.of());
    }

    public NotFound(String field, String message, List<Problem> alsoWrong) {
        super(message);
        this.field = field;
        this.alsoWrong = List.copyOf(alsoWrong);
    }

    public static NotFound subject(String subjectId) {
        return new NotFound("subject_id", "subject " + subjectId + " is not in the ledger");
    }

    public String field() {
        return field;
    }

    /** Every problem of the request: what does not exist first, then the others. */
    public List<Problem> problems() {
        List<Problem> all = new java.util.ArrayList<>();
        all.add(new Problem(field, getMessage()));
        all.addAll(alsoWrong);
        return all;
    }
}
