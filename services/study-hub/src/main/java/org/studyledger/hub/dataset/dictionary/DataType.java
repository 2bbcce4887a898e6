package org.studyledger.hub.dataset.dictionary;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A variable's data type, as CDISC Dataset-JSON 1.1 names them ({@code columns[].dataType}). The hub uses
 * {@code string}, {@code integer}, {@code decimal} (exact numbers, NUMERIC in the tables), {@code date}
 * and {@code datetime}; the others are listed for completeness.
 *
 * <p>How the analysis datasets carry each type ({@link #targetDataType()}, {@link #displayFormat()}) is decided here
 * once, following the Dataset-JSON 1.1 specification ("Supported Column Data Type Combinations"): a decimal is
 * exchanged as a string and converted to a decimal ({@code targetDataType} {@code decimal}); an ADaM date or datetime
 * is exchanged as an ISO 8601 string and converted to a SAS numeric date or datetime ({@code targetDataType}
 * {@code integer}) shown with an ISO 8601 display format.
 */
public enum DataType {
    STRING, INTEGER, DECIMAL, FLOAT, DOUBLE, BOOLEAN, DATETIME, DATE, TIME, URI;

    /** SAS display format of an ADaM date (a numeric date shown as {@code 2026-01-12}). */
    public static final String DATE_FORMAT = "E8601DA.";
    /** SAS display format of an ADaM datetime (a numeric datetime shown as {@code 2026-01-12T09:00:00}). */
    public static final String DATETIME_FORMAT = "E8601DT.";

    /** The Dataset-JSON spelling: lower case, except {@code URI}. */
    @JsonValue
    public String json() {
        return this == URI ? "URI" : name().toLowerCase(Locale.ROOT);
    }

    /** The type a receiving system converts values of this type to in the analysis datasets; null when none. */
    public TargetDataType targetDataType() {
        return switch (this) {
            case DECIMAL -> TargetDataType.DECIMAL;
            case DATE, DATETIME -> TargetDataType.INTEGER;
            default -> null;
        };
    }

    /** The SAS display format of values of this type in the analysis datasets; null when none. */
    public String displayFormat() {
        return switch (this) {
            case DATE -> DATE_FORMAT;
            case DATETIME -> DATETIME_FORMAT;
            default -> null;
        };
    }
}
