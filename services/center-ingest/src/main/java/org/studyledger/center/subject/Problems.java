package org.studyledger.center.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Collects every problem with a command before deciding, so a user fixes all of them in one pass. A conflict with
 * the subject's history is collected like any other problem; when there is one, the command is refused as a
 * conflict (fixing the fields alone would not make it acceptable) and the refusal still lists every problem.
 */
final class Problems {
    private final List<Problem> found = new ArrayList<>();
    private boolean conflict;
    private CommandRefused.Correction correction;

    void add(String path, String message) {
        found.add(new Problem(path, message));
    }

    void add(Problem problem) {
        found.add(problem);
    }

    void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    /** A problem the subject's history causes: the command would be refused even with every field right. */
    void conflict(String path, String message) {
        add(path, message);
        conflict = true;
    }

    /** A conflict whose remedy is to correct the assessment already recorded. */
    void conflict(String path, String message, SubjectId subject, AssessmentId toCorrect) {
        conflict(path, message);
        correction = new CommandRefused.Correction(found.get(found.size() - 1), subject, toCorrect);
    }

    void check(boolean ok, String path, Supplier<String> message) {
        if (!ok) {
            add(path, message.get());
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(found);
    }

    void throwIfAny() {
        if (conflict) {
            throw new CommandRefused(CommandRefused.Reason.CONFLICT, found, correction);
        }
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }
}
