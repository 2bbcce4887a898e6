package org.studyledger.kernel.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Validates a completed form against its instrument version and scores it with the catalogue's
 * rule vocabulary. The one place scores are computed, so that a center, the hub and a replay a
 * year later derive the same numbers from the same answers.
 *
 * <p>Answers arrive as parsed JSON, so a value may be any {@link Number}, a String, a Boolean or
 * null. Only whole numbers within the item's range are accepted; {@code 3.0} counts as the whole
 * number 3 (as JSON Schema's {@code integer} does), {@code "3"} and {@code true} do not. A
 * Jackson {@link JsonNode} value is read as the plain value it holds.
 */
public final class ScoringEngine {
    private static final String ITEMS = "items";
    private static final int MAX_SHOWN_TEXT = 40;

    private final InstrumentCatalogue catalogue;

    public ScoringEngine(InstrumentCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** The engine over {@link InstrumentCatalogue#standard()}. */
    public static ScoringEngine standard() {
        return Standard.ENGINE;
    }

    public InstrumentCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Validates and scores a form. Problems are located as {@code items.<ITEM_CODE>} (or
     * {@code instrument} when the instrument version is unknown) and all of them are reported.
     */
    public ScoringResult score(InstrumentRef instrument, Map<String, ?> responses) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(responses, "responses");
        return catalogue.find(instrument)
                .map(definition -> new Evaluation(definition, responses).run())
                .orElseGet(() -> ScoringResult.invalid(instrument,
                        List.of(new Problem("instrument", catalogue.describeMissing(instrument)))));
    }

    /** Scores a form or throws a {@link ValidationException} with all its problems. */
    public ScoredForm scoreOrThrow(InstrumentRef instrument, Map<String, ?> responses) {
        return score(instrument, responses).orThrow();
    }

    /** The form's answers as whole numbers by item code, or a {@link ValidationException}. */
    public SortedMap<String, Integer> normalise(InstrumentRef instrument, Map<String, ?> responses) {
        return scoreOrThrow(instrument, responses).responses();
    }

    /**
     * The documented mean: the exact quotient of two whole numbers, rounded once. Shared with the
     * definition checker so declared ranges are compared with what the engine would produce.
     */
    static BigDecimal mean(long sum, int count, int scale, RoundingMode rounding) {
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), scale, rounding);
    }

    private static final class Standard {
        static final ScoringEngine ENGINE = new ScoringEngine(InstrumentCatalogue.standard());
    }

    /** Tri-state, because a condition on a score that could not be computed is undecided. */
    private enum Truth { TRUE, FALSE, UNKNOWN }

    /** One pass over one form. */
    private static final class Evaluation {
        private final Instrument definition;
        private final Map<String, ?> responses;
        private final Map<String, List<Problem>> problemsByItem = new LinkedHashMap<>();
        private final Map<String, Integer> answers = new HashMap<>();
        private final SortedMap<String, BigDecimal> numbers = new TreeMap<>();
        private final SortedMap<String, String> categories = new TreeMap<>();

        Evaluation(Instrument definition, Map<String, ?> responses) {
            this.definition = definition;
            this.responses = responses;
        }

        ScoringResult run() {
            for (Item item : definition.items()) {
                problemsByItem.put(item.code(), new ArrayList<>());
                if (responses.containsKey(item.code())) {
                    readAnswer(item, responses.get(item.code()));
                } else if (!item.isConditional()) {
                    problem(item.code(), "is required (" + range(item) + ")");
                }
            }
            for (ScoreRule rule : definition.scores()) {
                evaluate(rule);
            }
            checkConditionalItems();

            List<Problem> problems = new ArrayList<>();
            problemsByItem.values().forEach(problems::addAll);
            Set<String> unknown = new TreeSet<>();
            for (String key : responses.keySet()) {
                if (definition.item(key).isEmpty()) {
                    unknown.add(String.valueOf(key));
                }
            }
            for (String key : unknown) {
                String message = definition.score(key).isPresent()
                        ? "is a score of " + definition.ref() + "; scores are computed from the items, not entered"
                        : "is not an item of " + definition.ref();
                problems.add(new Problem(key, message).under(ITEMS));
            }
            if (!problems.isEmpty()) {
                return ScoringResult.invalid(definition.ref(), problems);
            }
            SortedMap<String, Integer> normalised = new TreeMap<>(answers);
            return ScoringResult.valid(new ScoredForm(definition.ref(), normalised, new ScoreSet(numbers, categories)));
        }

        private void readAnswer(Item item, Object given) {
            Object raw = given instanceof JsonNode node ? plain(node) : given;
            String expected = "must be an integer from " + item.min() + " to " + item.max();
            if (raw == null) {
                problem(item.code(), expected + ", got an empty value (null)");
                return;
            }
            if (raw instanceof Boolean b) {
                problem(item.code(), expected + ", got " + b + " (a true/false value)");
                return;
            }
            if (raw instanceof CharSequence text) {
                problem(item.code(), expected + ", got the text \"" + shorten(text.toString()) + "\"");
                return;
            }
            if (!(raw instanceof Number number)) {
                problem(item.code(), expected + ", got " + describe(raw));
                return;
            }
            BigDecimal value = decimal(number);
            if (value == null) {
                problem(item.code(), expected + ", got " + number);
                return;
            }
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                problem(item.code(), expected + ", got " + shown(value));
                return;
            }
            if (value.compareTo(BigDecimal.valueOf(item.min())) < 0
                    || value.compareTo(BigDecimal.valueOf(item.max())) > 0) {
                problem(item.code(), expected + ", got " + shown(value));
                return;
            }
            answers.put(item.code(), value.intValueExact());
        }

        private void evaluate(ScoreRule rule) {
            if (rule.appliesWhen() != null) {
                Truth applies = test(rule.appliesWhen());
                if (applies != Truth.TRUE) {
                    return;
                }
            }
            if (rule instanceof ScoreRule.Sum sum) {
                int[] values = values(sum.items());
                if (values != null) {
                    long total = 0;
                    for (int v : values) {
                        total += v;
                    }
                    number(sum, BigDecimal.valueOf(total));
                }
            } else if (rule instanceof ScoreRule.Mean mean) {
                evaluateMean(mean);
            } else if (rule instanceof ScoreRule.HighestPositive highest) {
                int[] values = values(highest.items());
                if (values != null) {
                    int position = 0;
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] == 1) {
                            position = i + 1;
                        }
                    }
                    number(highest, BigDecimal.valueOf(position));
                }
            } else if (rule instanceof ScoreRule.AnyPositive any) {
                int[] values = values(any.items());
                if (values != null) {
                    boolean yes = false;
                    for (int v : values) {
                        yes |= v == 1;
                    }
                    categories.put(any.code(), yes ? ScoreRule.YES : ScoreRule.NO);
                }
            } else if (rule instanceof ScoreRule.Bands bands) {
                BigDecimal source = numbers.get(bands.of());
                if (source == null) {
                    return;
                }
                int value = source.intValueExact();
                String label = bands.bands().stream()
                        .filter(b -> value >= b.min() && value <= b.max())
                        .map(ScoreRule.Band::label)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(bands.of() + " = " + value
                                + " is outside the bands of " + definition.ref() + " " + bands.code()));
                categories.put(bands.code(), label);
            } else if (rule instanceof ScoreRule.Flag flag) {
                Truth truth = test(flag.when());
                if (truth != Truth.UNKNOWN) {
                    categories.put(flag.code(), truth == Truth.TRUE ? ScoreRule.YES : ScoreRule.NO);
                }
            }
        }

        private void evaluateMean(ScoreRule.Mean mean) {
            long total = 0;
            int count = 0;
            for (ScoreRule.RecodeGroup group : mean.groups()) {
                int[] values = values(group.items());
                if (values == null) {
                    return;
                }
                for (int v : values) {
                    total += group.recode().get(v);
                    count++;
                }
            }
            number(mean, mean(total, count, mean.scale(), mean.rounding()));
        }

        /**
         * The rule's inputs, or null if any is missing or invalid. The rule then produces nothing;
         * that only happens on a form that already has problems, so nothing partial escapes.
         */
        private int[] values(List<String> itemCodes) {
            int[] values = new int[itemCodes.size()];
            for (int i = 0; i < values.length; i++) {
                Integer answer = answers.get(itemCodes.get(i));
                if (answer == null) {
                    return null;
                }
                values[i] = answer;
            }
            return values;
        }

        private void number(ScoreRule.NumericRule rule, BigDecimal value) {
            if (value.compareTo(rule.min()) < 0 || value.compareTo(rule.max()) > 0) {
                // The definition checker proved the range from the items; reaching this is a bug.
                throw new IllegalStateException(definition.ref() + " " + rule.code() + " = " + value
                        + " is outside its declared range");
            }
            numbers.put(rule.code(), value);
        }

        private Truth test(Condition condition) {
            BigDecimal value = numbers.get(condition.score());
            if (value == null) {
                // The checker only lets conditions test always-computed scores, so an absent one
                // could not be computed from this form's answers: the condition is undecided.
                return Truth.UNKNOWN;
            }
            return condition.test(value) ? Truth.TRUE : Truth.FALSE;
        }

        /**
         * Runs after all scores, when every condition's score is known (or known to be
         * undetermined, in which case the item's presence cannot be judged until the answers it
         * depends on are fixed).
         */
        private void checkConditionalItems() {
            for (Item item : definition.items()) {
                if (!item.isConditional()) {
                    continue;
                }
                Condition condition = item.appliesWhen();
                Truth applies = test(condition);
                boolean present = responses.containsKey(item.code());
                String actual = applies == Truth.UNKNOWN ? "" : numbers.get(condition.score()).toPlainString();
                if (applies == Truth.TRUE && !present) {
                    problem(item.code(), "is required because " + condition.score() + " is " + actual
                            + " (" + range(item) + ")");
                } else if (applies == Truth.FALSE && present) {
                    // Whatever was wrong with the value, the fix is to leave it out.
                    problemsByItem.get(item.code()).clear();
                    answers.remove(item.code());
                    problem(item.code(), "must be left out: it is asked only when " + condition
                            + ", and " + condition.score() + " is " + actual);
                }
            }
        }

        private void problem(String itemCode, String message) {
            problemsByItem.get(itemCode).add(new Problem(itemCode, message).under(ITEMS));
        }
    }

    private static String range(Item item) {
        return "an integer from " + item.min() + " to " + item.max();
    }

    /** A form bound as a Jackson tree is read like the same form bound to plain Java values. */
    private static Object plain(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? node.bigIntegerValue() : node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isArray() ? List.of() : Map.of();
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(number.toString()) : null;
        }
        try {
            return new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(Object raw) {
        if (raw instanceof Map<?, ?>) {
            return "a group of values (an object)";
        }
        if (raw instanceof Iterable<?> || raw.getClass().isArray()) {
            return "a list of values";
        }
        return "a value of type " + raw.getClass().getSimpleName();
    }

    /** Plain digits as a rater typed them, unless that would be absurdly long (e.g. 1E+999999999). */
    private static String shown(BigDecimal value) {
        return Math.abs((long) value.precision() - value.scale()) > MAX_SHOWN_TEXT || value.scale() > MAX_SHOWN_TEXT
                ? value.toString() : value.toPlainString();
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN_TEXT ? text : text.substring(0, MAX_SHOWN_TEXT) + "…";
    }
}
