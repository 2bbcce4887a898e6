package org.studyledger.hub.api;

/** The caller is known but their role does not allow the request: answered 403, the field saying what is lacking. */
public class Forbidden extends RuntimeException {
    private final String field;

    public Forbidden(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
