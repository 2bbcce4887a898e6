package org.studyledger.kernel.instrument;

import java.util.Objects;
import java.util.regex.Pattern;

/** An instrument named with the catalogue version its items and scoring come from, e.g. {@code MADRS/1}. */
public record InstrumentRef(String code, String version) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,15}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    public InstrumentRef {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(version, "version");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("instrument code must be upper-case letters, digits or _: " + code);
        }
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("instrument version must be numeric (e.g. 1 or 1.1): " + version);
        }
    }

    @Override
    public String toString() {
        return code + "/" + version;
    }
}
