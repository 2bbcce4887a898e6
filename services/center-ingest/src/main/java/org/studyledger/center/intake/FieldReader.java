package org.studyledger.center.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.Text;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Reads the fields of one request (a JSON body or a CSV row) and collects every problem instead of
 * stopping at the first, so a data manager sees all that is wrong with a form or a file row at once.
 * The source is abstracted as "a value by field name" so both intakes share the parsing rules.
 *
 * <p>Problems come in stages: what reading the raw input found (text that cannot be recorded, say), then the
 * fields' shape, then the rules of the values that parsed ({@link #finish}). A later stage does not report again a
 * field an earlier stage already reported, or a field inside it, so each field is named once, with its first fault.
 */
public final class FieldReader {
    /** One value as it arrived: JSON nodes become Java values; CSV cells arrive as strings. */
    public interface Source {
        /** The raw value, or null when the field is absent or empty. */
        Object get(String field);

        Set<String> fields();
    }

    private final Source source;
    private final String prefix;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> earlier;

    public FieldReader(Source source, String prefix) {
        this(source, prefix, List.of());
    }

    /** A reader whose input already had {@code earlier} problems (already located, without the prefix). */
    public FieldReader(Source source, String prefix, List<Problem> earlier) {
        this.source = source;
        this.prefix = prefix == null ? "" : prefix;
        this.earlier = List.copyOf(earlier);
        this.problems.addAll(earlier);
    }

    public List<Problem> problems() {
        return problems;
    }

    public void problem(String field, String message) {
        String path = path(field);
        if (earlier.stream().noneMatch(p -> related(p.path(), path))) {
            problems.add(new Problem(path, message));
        }
    }

    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /**
     * Ends the reading: without problems the command may go on to the aggregate. With problems, the request is
     * refused here, together with the problems {@code rules} finds in the values that did parse (the rules that
     * need no subject history), except on fields already reported.
     */
    public void finish(Supplier<List<Problem>> rules) {
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> found = new ArrayList<>(problems);
        for (Problem rule : rules.get()) {
            Problem located = rule.under(prefix);
            if (found.stream().noneMatch(p -> related(p.path(), located.path()))) {
                found.add(located);
            }
        }
        throw new ValidationException(found);
    }

    /** Whether two field paths name the same field, or one lies inside the other ({@code items}, {@code items.X}). */
    static boolean related(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.equals(b);
        }
        return a.equals(b) || inside(a, b) || inside(b, a);
    }

    private static boolean inside(String path, String parent) {
        return path.startsWith(parent) && path.length() > parent.length()
                && (path.charAt(parent.length()) == '.' || path.charAt(parent.length()) == '[');
    }

    /** Reports every field the source has that the layout does not know. */
    public void rejectUnknown(Set<String> known) {
        for (String field : source.fields()) {
            if (!known.contains(field)) {
                problem(field, "unknown field; expected one of " + known);
            }
        }
    }

    public String text(String field, boolean required) {
        Object v = source.get(field);
        if (v == null) {
            return missing(field, required);
        }
        if (!(v instanceof String s)) {
            problem(field, "must be a string");
            return null;
        }
        return s;
    }

    /** A free-text value (a reason, a term, a rater): text of at most {@link Text#MAX_FREE_TEXT} characters. */
    public String freeText(String field, boolean required) {
        String s = text(field, required);
        if (s != null) {
            Optional<String> problem = Text.freeTextProblem(s);
            if (problem.isPresent()) {
                problem(field, problem.get());
                return null;
            }
        }
        return s;
    }

    public Integer integer(String field, boolean required) {
        return parse(field, required, "a whole number", v -> {
            if (v instanceof Number n) {
                BigDecimal d = new BigDecimal(n.toString());
                return d.stripTrailingZeros().scale() <= 0 ? d.intValueExact() : fail();
            }
            return v instanceof String s ? Integer.valueOf(s.trim()) : fail();
        });
    }

    public Boolean bool(String field, boolean required) {
        return parse(field, required, "true or false", v -> {
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof String s) {
                String t = s.trim().toLowerCase();
                if (t.equals("true") || t.equals("yes") || t.equals("y")) {
                    return true;
                }
                if (t.equals("false") || t.equals("no") || t.equals("n")) {
                    return false;
                }
            }
            return fail();
        });
    }

    public LocalDate date(String field, boolean required) {
        return parse(field, required, "a date (yyyy-MM-dd)", v -> v instanceof String s ? LocalDate.parse(s.trim()) : fail());
    }

    /** Instants need an explicit offset ({@code Z} or {@code +01:00}): a clinical time without one is ambiguous. */
    public Instant instant(String field, boolean required) {
        return parse(field, required, "a date-time with offset, e.g. 2026-01-12T09:30:00+01:00",
                v -> v instanceof String s ? OffsetDateTime.parse(s.trim()).toInstant() : fail());
    }

    public UUID uuid(String field, boolean required) {
        return parse(field, required, "a UUID", v -> v instanceof String s ? UUID.fromString(s.trim()) : fail());
    }

    public <E extends Enum<E>> E enumeration(String field, Class<E> type, boolean required) {
        E[] values = type.getEnumConstants();
        return parse(field, required, "one of " + List.of(values), v -> {
            if (v instanceof String s) {
                for (E e : values) {
                    if (e.name().equalsIgnoreCase(s.trim())) {
                        return e;
                    }
                }
            }
            return fail();
        });
    }

    /** A blood pressure given as {@code {"systolic":..,"diastolic":..}} or as text {@code 128/82}. */
    public BloodPressure bloodPressure(String field, boolean required) {
        return parse(field, required, "a blood pressure such as 128/82 (mmHg)", v -> {
            if (v instanceof Map<?, ?> m) {
                return new BloodPressure(toInt(m.get("systolic")), toInt(m.get("diastolic")));
            }
            if (v instanceof String s && s.contains("/")) {
                String[] parts = s.trim().split("/");
                return new BloodPressure(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
            return fail();
        });
    }

    /** Item responses as an object of item code → value; values are left as they came for the scoring engine to judge. */
    public Map<String, Object> items(String field, boolean required) {
        Object v = source.get(field);
        if (v == null) {
            missing(field, required);
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(field, "must be an object of item code → value");
            return null;
        }
        Map<String, Object> items = new LinkedHashMap<>();
        m.forEach((k, value) -> items.put(String.valueOf(k), value));
        return items;
    }

    private <T> T parse(String field, boolean required, String expected, Function<Object, T> parser) {
        Object v = source.get(field);
        if (v == null) {
            return missing(field, required);
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException | ClassCastException
                 | ArrayIndexOutOfBoundsException e) {
            String detail = e instanceof IllegalArgumentException && e.getMessage() != null
                    && !(e instanceof NumberFormatException) && !e.getMessage().isBlank() && !"invalid".equals(e.getMessage())
                    ? " (" + e.getMessage() + ")" : "";
            problem(field, "must be " + expected + ", got " + render(v) + detail);
            return null;
        }
    }

    private static int toInt(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).intValueExact();
        }
        if (v instanceof String s) {
            return Integer.parseInt(s.trim());
        }
        throw new IllegalArgumentException("invalid");
    }

    private static <T> T fail() {
        throw new IllegalArgumentException("invalid");
    }

    private <T> T missing(String field, boolean required) {
        if (required) {
            problem(field, "is required");
        }
        return null;
    }

    private String path(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    private static String render(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
