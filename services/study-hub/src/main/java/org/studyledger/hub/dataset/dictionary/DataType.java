package org.studyledger.hub.dataset.dictionary;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A variable's data type, as CDISC Dataset-JSON 1.1 names them ({@code columns[].dataType}). The hub uses
 * {@code string}, {@code integer}, {@code decimal} (exact numbers, NUMERIC in the tables), {@code date}
 * and {@code datetime}; the others are listed for completeness.
 */
public enum DataType {
    STRING, INTEGER, DECIMAL, FLOAT, DOUBLE, BOOLEAN, DATETIME, DATE, TIME, URI;

    /** The Dataset-JSON spelling: lower case, except {@code URI}. */
    @JsonValue
    public String json() {
        return this == URI ? "URI" : name().toLowerCase(Locale.ROOT);
    }
}
