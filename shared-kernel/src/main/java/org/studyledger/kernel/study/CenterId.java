package org.studyledger.kernel.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A study center, 2–8 upper-case letters (e.g. {@code PAV}). The code is also the prefix of its
 * subjects' ids and part of its Kafka topic's name, so it is deliberately restricted to letters.
 */
public record CenterId(@JsonValue String value) {
    /** The longest center id. */
    public static final int MAX_LENGTH = 8;
    private static final Pattern FORMAT = Pattern.compile("[A-Z]{2," + MAX_LENGTH + "}");

    public CenterId {
        Objects.requireNonNull(value, "center id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("center id must be 2–8 upper-case letters (e.g. PAV), got '" + value + "'");
        }
    }

    @JsonCreator
    public static CenterId of(String value) {
        return new CenterId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
