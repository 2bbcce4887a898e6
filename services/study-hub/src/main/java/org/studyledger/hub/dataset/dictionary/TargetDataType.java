package org.studyledger.hub.dataset.dictionary;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The type a receiving system must convert a variable's values to (Dataset-JSON 1.1 {@code columns[].targetDataType}),
 * when it differs from the data type the values are exchanged in: {@code integer} for ADaM dates and datetimes (SAS
 * numeric dates, exchanged as ISO 8601 strings), {@code decimal} for exact decimals (exchanged as strings).
 */
public enum TargetDataType {
    INTEGER, DECIMAL;

    /** The Dataset-JSON spelling: lower case. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
