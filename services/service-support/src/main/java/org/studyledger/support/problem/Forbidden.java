package org.studyledger.support.problem;

import java.util.List;
import org.studyledger.kernel.validation.Problem;

/**
 * A refusal a controller makes because the caller may not do part of what the request asks (an item of a batch whose
 * own endpoint takes a role the caller lacks): 403 {@code forbidden}, naming every such part. Refusals of a whole
 * request are made earlier, by the service's rule table.
 */
public class Forbidden extends RuntimeException {
    private final List<Problem> problems;

    public Forbidden(List<Problem> problems) {
        super(problems.isEmpty() ? "forbidden" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
