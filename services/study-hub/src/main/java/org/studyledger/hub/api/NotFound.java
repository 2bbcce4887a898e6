package org.studyledger.hub.api;

/** What the request names does not exist: answered 404, the field saying which part of the request named it. */
public class NotFound extends RuntimeException {
    private final String field;

    public NotFound(String field, String message) {
        super(message);
        this.field = field;
    }

    public static NotFound subject(String subjectId) {
        return new NotFound("subject_id", "subject " + subjectId + " is not in the ledger");
    }

    public String field() {
        return field;
    }
}
