package org.studyledger.kernel.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.studyledger.kernel.study.CenterId;

/**
 * A subject's pseudonymous id, {@code <CENTER>-<NNN>} (e.g. {@code PAV-001}). The prefix names the
 * center that owns the subject; the hub refuses an event whose subject prefix differs from its center.
 */
public record SubjectId(@JsonValue String value) {
    /** The longest subject id: the longest center id, a hyphen and three digits. */
    public static final int MAX_LENGTH = CenterId.MAX_LENGTH + 4;
    private static final Pattern FORMAT = Pattern.compile("([A-Z]{2," + CenterId.MAX_LENGTH + "})-([0-9]{3})");

    public SubjectId {
        Objects.requireNonNull(value, "subject id");
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("subject id must be <CENTER>-<NNN> (e.g. PAV-001), got '" + value + "'");
        }
        if ("000".equals(m.group(2))) {
            throw new IllegalArgumentException("subject number 000 is not used; numbering starts at 001: '" + value + "'");
        }
    }

    @JsonCreator
    public static SubjectId of(String value) {
        return new SubjectId(value);
    }

    public static SubjectId of(CenterId center, int number) {
        return new SubjectId("%s-%03d".formatted(center.value(), number));
    }

    /** Whether {@code value} is a well-formed subject id (for validators that collect problems). */
    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = FORMAT.matcher(value);
        return m.matches() && !"000".equals(m.group(2));
    }

    public CenterId center() {
        return new CenterId(value.substring(0, value.indexOf('-')));
    }

    public int number() {
        return Integer.parseInt(value.substring(value.indexOf('-') + 1));
    }

    public boolean belongsTo(CenterId center) {
        return center().equals(center);
    }

    @Override
    public String toString() {
        return value;
    }
}
