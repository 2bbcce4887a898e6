package org.studyledger.hub.api;

import java.util.List;
import org.studyledger.kernel.validation.Problem;

/** A query's parameters are wrong: answered 422 with every problem ({@code errors: [{field, message}]}). */
public class InvalidQuery extends RuntimeException {
    private final List<Problem> problems;

    public InvalidQuery(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " with the query's parameters");
        this.problems = List.copyOf(problems);
    }

    public InvalidQuery(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
