package org.studyledger.hub.dataset.dictionary;

import java.util.Objects;

/**
 * One variable of a dataset.
 *
 * @param name        the (ADaM) variable name, as the dataset endpoints output it
 * @param label       the variable's label (at most 40 characters, as in SAS transport files)
 * @param dataType    its Dataset-JSON data type
 * @param length      for strings of bounded length: the maximum length (the table's VARCHAR size); else null
 * @param keySequence for key variables: the position in the dataset's key (1, 2, …); else null
 * @param derivation  where the value comes from and how it is derived
 */
public record Variable(String name, String label, DataType dataType, Integer length, Integer keySequence,
                       String derivation) {
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(derivation, "derivation");
        if (label.length() > 40) {
            throw new IllegalArgumentException("label of " + name + " is longer than 40 characters: " + label);
        }
    }
}
