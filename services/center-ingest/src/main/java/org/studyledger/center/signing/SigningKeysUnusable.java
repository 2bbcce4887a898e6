package org.studyledger.center.signing;

/**
 * The center cannot sign with what its key directory holds, so it must not start: an event it recorded unsigned,
 * or signed with a key the hub does not expect, would be refused by the hub. The message names the directory and
 * the key; {@link #action()} says what the operator can do.
 */
public class SigningKeysUnusable extends IllegalStateException {
    private final String action;

    SigningKeysUnusable(String message, String action) {
        super(message);
        this.action = action;
    }

    SigningKeysUnusable(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
