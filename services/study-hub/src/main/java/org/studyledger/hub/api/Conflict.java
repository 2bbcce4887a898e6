package org.studyledger.hub.api;

/**
 * The request conflicts with the state of what it names (a second rebuild while one runs, dismissing a quarantine row
 * that is no longer open): answered 409, the field (empty when none) saying which part of that state.
 */
public class Conflict extends RuntimeException {
    private final String field;

    public Conflict(String message) {
        this("", message);
    }

    public Conflict(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
