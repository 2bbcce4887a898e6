package org.studyledger.center.subject;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.validation.Problem;

/**
 * A well-formed command that the subject's current state does not allow: not enrolled, already
 * discontinued, a second original assessment for a visit, and so on. Distinct from a
 * {@link org.studyledger.kernel.validation.ValidationException} (the input itself is wrong), because
 * the remedy differs: here the user must do something else, not fix a field. A conflict carries every
 * problem the command has, the field problems found beside it included, so one answer lists them all.
 */
public class CommandRefused extends RuntimeException {
    /** What kind of refusal, so the intake can answer with the right status. */
    public enum Reason {
        /** The subject or record named does not exist. */
        NOT_FOUND,
        /** The subject's state forbids this (conflict with what is already recorded). */
        CONFLICT
    }

    /**
     * The remedy a refusal points to: correcting the assessment already recorded, as {@code problem} (one of the
     * refusal's) says. How a client asks for the correction is the intake's to tell.
     */
    public record Correction(Problem problem, SubjectId subject, AssessmentId assessment) {
    }

    private final Reason reason;
    private final transient List<Problem> problems;
    private final transient Correction correction;

    public CommandRefused(Reason reason, List<Problem> problems) {
        this(reason, problems, null);
    }

    public CommandRefused(Reason reason, List<Problem> problems, Correction correction) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one problem");
        }
        this.reason = reason;
        this.problems = List.copyOf(problems);
        this.correction = correction;
    }

    public CommandRefused(Reason reason, String path, String message) {
        this(reason, List.of(new Problem(path, message)));
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
        return problems;
    }

    /** The assessment to correct instead, when that is the remedy. */
    public Optional<Correction> correction() {
        return Optional.ofNullable(correction);
    }
}
