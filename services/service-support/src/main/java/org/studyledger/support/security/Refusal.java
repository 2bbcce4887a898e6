package org.studyledger.support.security;

import org.springframework.security.authorization.AuthorizationDecision;

/** A request the rule table does not allow, with the field at fault and why: answered 403 with both. */
public class Refusal extends AuthorizationDecision {
    private final String field;
    private final String message;

    Refusal(String field, String message) {
        super(false);
        this.field = field;
        this.message = message;
    }

    public String field() {
        return field;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "Refusal[" + field + ": " + message + "]";
    }
}
