package org.studyledger.hub.dataset.dictionary;

import java.util.Objects;

/**
 * One variable of a dataset.
 *
 * @param name           the (ADaM) variable name, as the dataset endpoints output it
 * @param label          the variable's label (at most 40 characters, as in SAS transport files)
 * @param dataType       its Dataset-JSON data type
 * @param targetDataType the type a receiving system converts its values to ({@link DataType#targetDataType()}), or null
 * @param length         for strings: the most characters a value can have, from the definition of its source
 *                       ({@link TextLengths}); else null
 * @param displayFormat  the SAS display format of dates and datetimes ({@link DataType#displayFormat()}), or null
 * @param keySequence    for key variables: the position in the dataset's key (1, 2, …); else null
 * @param derivation     where the value comes from and how it is derived
 */
public record Variable(String name, String label, DataType dataType, TargetDataType targetDataType, Integer length,
                       String displayFormat, Integer keySequence, String derivation) {
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(derivation, "derivation");
        if (label.length() > 40) {
            throw new IllegalArgumentException("label of " + name + " is longer than 40 characters: " + label);
        }
        if ((dataType == DataType.STRING) != (length != null)) {
            throw new IllegalArgumentException(name + ": a string variable has a length, and only a string variable");
        }
    }

    /** A variable carried the way the analysis datasets carry its data type. */
    public Variable(String name, String label, DataType dataType, Integer length, Integer keySequence, String derivation) {
        this(name, label, dataType, dataType.targetDataType(), length, dataType.displayFormat(), keySequence, derivation);
    }

    /** Whether {@code value} (as text) is longer than the variable's length; never for a variable without one. */
    public boolean tooLong(String value) {
        return length != null && value != null && TextLengths.of(value) > length;
    }
}
