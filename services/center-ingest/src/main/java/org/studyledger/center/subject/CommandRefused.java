package org.studyledger.center.subject;

import java.util.List;
import org.studyledger.kernel.validation.Problem;

/**
 * A well-formed command that the subject's current state does not allow: not enrolled, already
 * discontinued, a second original assessment for a visit, and so on. Distinct from a
 * {@link org.studyledger.kernel.validation.ValidationException} (the input itself is wrong), because
 * the remedy differs: here the user must do something else, not fix a field.
 */
public class CommandRefused extends RuntimeException {
    /** What kind of refusal, so the intake can answer with the right status. */
    public enum Reason {
        /** The subject or record named does not exist. */
        NOT_FOUND,
        /** The subject's state forbids this (conflict with what is already recorded). */
        CONFLICT
    }

    private final Reason reason;
    private final transient Problem problem;

    public CommandRefused(Reason reason, String path, String message) {
        super(message);
        this.reason = reason;
        this.problem = new Problem(path, message);
    }

    public static CommandRefused conflict(String path, String message) {
        return new CommandRefused(Reason.CONFLICT, path, message);
    }

    public static CommandRefused notFound(String path, String message) {
        return new CommandRefused(Reason.NOT_FOUND, path, message);
    }

    public Reason reason() {
        return reason;
    }

    public List<Problem> problems() {
        return List.of(problem);
    }
}
