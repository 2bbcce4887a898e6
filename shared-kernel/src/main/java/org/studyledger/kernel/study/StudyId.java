package org.studyledger.kernel.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** A study protocol's identifier, e.g. {@code ESK-TRD}: upper-case letters and digits, hyphen-separated. */
public record StudyId(@JsonValue String value) {
    /** The longest study id. */
    public static final int MAX_LENGTH = 20;
    private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

    public StudyId {
        Objects.requireNonNull(value, "study id");
        if (value.length() < 2 || value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "study id must be 2–20 upper-case letters/digits in hyphen-separated parts (e.g. ESK-TRD), got '" + value + "'");
        }
    }

    @JsonCreator
    public static StudyId of(String value) {
        return new StudyId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
