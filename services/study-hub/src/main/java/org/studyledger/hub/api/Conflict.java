package org.studyledger.hub.api;

/** The request conflicts with one in progress (e.g. a second rebuild): answered 409. */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
