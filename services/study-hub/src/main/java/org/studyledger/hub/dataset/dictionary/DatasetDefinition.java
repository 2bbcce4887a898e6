package org.studyledger.hub.dataset.dictionary;

import java.util.List;
import java.util.Optional;

/**
 * One dataset's definition: its name, label, structure (what one row is), key and variables in output order.
 */
public record DatasetDefinition(String name, String label, String structure, List<Variable> variables) {
    public DatasetDefinition {
        variables = List.copyOf(variables);
    }

    public List<String> variableNames() {
        return variables.stream().map(Variable::name).toList();
    }

    public Optional<Variable> variable(String variableName) {
        return variables.stream().filter(v -> v.name().equals(variableName)).findFirst();
    }

    /** The key variables in key order. */
    public List<String> keys() {
        return variables.stream().filter(v -> v.keySequence() != null)
                .sorted(java.util.Comparator.comparing(Variable::keySequence)).map(Variable::name).toList();
    }
}
