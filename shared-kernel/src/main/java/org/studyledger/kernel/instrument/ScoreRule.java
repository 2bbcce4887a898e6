package org.studyledger.kernel.instrument;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The scoring vocabulary: every instrument's scores are written with these few rules, so adding
 * an instrument or a version is a data change and there is exactly one implementation to verify
 * (and to port, since scores are part of hash-verified events).
 *
 * <p>Rules are evaluated in the order the definition lists them; a rule may only refer to scores
 * listed before it. A rule with {@code applies_when} whose condition is false produces no score
 * at all (absent, not zero).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "rule")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ScoreRule.Sum.class, name = "sum"),
        @JsonSubTypes.Type(value = ScoreRule.Mean.class, name = "mean"),
        @JsonSubTypes.Type(value = ScoreRule.HighestPositive.class, name = "highest_positive"),
        @JsonSubTypes.Type(value = ScoreRule.AnyPositive.class, name = "any_positive"),
        @JsonSubTypes.Type(value = ScoreRule.Bands.class, name = "bands"),
        @JsonSubTypes.Type(value = ScoreRule.Flag.class, name = "flag")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ScoreRule {

    /** The category written for a true flag / a positive answer. */
    String YES = "Y";
    /** The category written for a false flag / no positive answer. */
    String NO = "N";

    String code();

    String label();

    Condition appliesWhen();

    /** Rule name as written in the {@code rule} field of a catalogue file. */
    default String ruleName() {
        JsonSubTypes.Type[] types = ScoreRule.class.getAnnotation(JsonSubTypes.class).value();
        for (JsonSubTypes.Type type : types) {
            if (type.value() == getClass()) {
                return type.name();
            }
        }
        throw new IllegalStateException("rule without a name: " + getClass());
    }

    /** A rule whose result goes to {@link ScoreSet#scores()}, with its documented range. */
    sealed interface NumericRule extends ScoreRule {
        BigDecimal min();

        BigDecimal max();

        /** Whether every value is a whole number, which is what {@code bands} need. */
        boolean integral();
    }

    /** A rule whose result goes to {@link ScoreSet#categories()}. */
    sealed interface CategoryRule extends ScoreRule {
    }

    /** Sum of the listed items' values. */
    record Sum(
            @JsonProperty("code") String code,
            @JsonProperty("label") String label,
            @JsonProperty("items") List<String> items,
            @JsonProperty("min") BigDecimal min,
            @JsonProperty("max") BigDecimal max,
            @JsonProperty("applies_when") Condition appliesWhen) implements NumericRule {
        public Sum {
            items = copy(items);
        }

        @Override
        public boolean integral() {
            return true;
        }
    }

    /**
     * Mean of recoded items: each group's items are mapped through that group's recode table,
     * then all recoded values are averaged together and the quotient is rounded once, to
     * {@code scale} decimals with {@code rounding}.
     */
    record Mean(
            @JsonProperty("code") String code,
            @JsonProperty("label") String label,
            @JsonProperty("groups") List<RecodeGroup> groups,
            @JsonProperty("scale") Integer scale,
            @JsonProperty("rounding") RoundingMode rounding,
            @JsonProperty("min") BigDecimal min,
            @JsonProperty("max") BigDecimal max,
            @JsonProperty("applies_when") Condition appliesWhen) implements NumericRule {
        public Mean {
            groups = copy(groups);
        }

        @Override
        public boolean integral() {
            return false;
        }

        /** Every item the mean uses, in group order. */
        public List<String> items() {
            List<String> all = new ArrayList<>();
            for (RecodeGroup group : groups) {
                if (group != null) {
                    all.addAll(group.items());
                }
            }
            return all;
        }
    }

    /** Items sharing one recode table (answer → recoded value). */
    record RecodeGroup(
            @JsonProperty("items") List<String> items,
            @JsonProperty("recode") SortedMap<Integer, Integer> recode) {
        public RecodeGroup {
            items = copy(items);
            recode = recode == null ? Collections.emptySortedMap()
                    : Collections.unmodifiableSortedMap(new TreeMap<>(recode));
        }
    }

    /**
     * Position (1-based) of the last item answered yes (1) in the listed order, 0 if none: for
     * items ordered by severity, the most severe one endorsed.
     */
    record HighestPositive(
            @JsonProperty("code") String code,
            @JsonProperty("label") String label,
            @JsonProperty("items") List<String> items,
            @JsonProperty("min") BigDecimal min,
            @JsonProperty("max") BigDecimal max,
            @JsonProperty("applies_when") Condition appliesWhen) implements NumericRule {
        public HighestPositive {
            items = copy(items);
        }

        @Override
        public boolean integral() {
            return true;
        }
    }

    /** {@link #YES} if any listed yes/no item is yes (1), otherwise {@link #NO}. */
    record AnyPositive(
            @JsonProperty("code") String code,
            @JsonProperty("label") String label,
            @JsonProperty("items") List<String> items,
            @JsonProperty("applies_when") Condition appliesWhen) implements CategoryRule {
        public AnyPositive {
            items = copy(items);
        }
    }

    /** The label of the band (inclusive integer range) that an earlier whole-number score falls in. */
    record Bands(
            @JsonProperty("code") String code,
            @JsonProperty("label") String label,
            @JsonProperty("of") String of,
            @JsonProperty("bands") List<Band> bands,
            @JsonProperty("applies_when") Condition appliesWhen) implements CategoryRule {
        public Bands {
            bands = copy(bands);
        }
    }

    /** One band: {@code min} to {@code max} inclusive. */
    record Band(
            @JsonProperty("min") Integer min,
            @JsonProperty("max") Integer max,
            @JsonProperty("label") String label) {
    }

    /** {@link #YES} if a condition on an earlier score holds, otherwise {@link #NO}. */
    record Flag(
            @JsonProperty("code") String code,
            @JsonProperty("label") String label,
            @JsonProperty("when") Condition when,
            @JsonProperty("applies_when") Condition appliesWhen) implements CategoryRule {
    }

    private static <T> List<T> copy(List<T> list) {
        // Not List.copyOf: a null element must reach the definition checker as a located problem.
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Names of the rules, for messages. */
    static List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        for (JsonSubTypes.Type type : ScoreRule.class.getAnnotation(JsonSubTypes.class).value()) {
            names.add(type.name());
        }
        return names;
    }
}
