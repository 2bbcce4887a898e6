package org.studyledger.hub.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.validation.Problem;

/**
 * Checks a request's query parameters, collecting every problem before answering, so one 422 names
 * them all. Each method returns the parsed value (null when absent or wrong).
 */
public final class QueryParameters {
    private static final Pattern CENTER = Pattern.compile("[A-Z]{2,8}");
    private final List<Problem> problems = new ArrayList<>();

    public String center(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (!CENTER.matcher(value).matches()) {
            problem(name, "must be a center id (2–8 upper-case letters, e.g. PAV), got '" + value + "'");
            return null;
        }
        return value;
    }

    public String subject(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (!SubjectId.isValid(value)) {
            problem(name, "must be a subject id <CENTER>-<NNN> (e.g. PAV-001), got '" + value + "'");
            return null;
        }
        return value;
    }

    /** An ISO-8601 instant with zone designator, e.g. {@code 2026-01-12T08:00:00Z}. */
    public Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problem(name, (isLocalTime(value) ? "has no offset: a time names an instant only with Z or an offset"
                    + " (2026-01-12T08:00:00Z, 2026-01-12T09:00:00+01:00)" : "must be an ISO-8601 instant such as"
                    + " 2026-01-12T08:00:00Z") + ", got '" + value + "'");
            return null;
        }
    }

    /** One of {@code allowed}, compared ignoring case; returns the allowed spelling. */
    public String oneOf(String name, String value, Collection<String> allowed) {
        if (blank(value)) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        problem(name, "must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        return null;
    }

    public Integer integer(String name, String value, int min, int max) {
        if (blank(value)) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                problem(name, "must be from " + min + " to " + max + ", got " + n);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(name, "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
            return null;
        }
    }

    public Long position(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                problem(name, "must be 0 or more, got " + n);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(name, "must be a ledger position (a whole number), got '" + value + "'");
            return null;
        }
    }

    public void problem(String name, String message) {
        problems.add(new Problem(name, message));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every problem found so far, in the order found. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@link InvalidQuery} naming every problem found so far. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new InvalidQuery(problems);
        }
    }

    /** A date and time without a zone: which instant it means depends on where it was written. */
    private static boolean isLocalTime(String value) {
        try {
            LocalDateTime.parse(value.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
