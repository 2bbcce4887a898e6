package org.studyledger.kernel.instrument;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/** A test of an earlier numeric score, e.g. {@code CSSRS_IDEATION_SEVERITY > 0}. */
public record Condition(
        @JsonProperty("score") String score,
        @JsonProperty("op") Comparison op,
        @JsonProperty("value") BigDecimal value) {

    public boolean test(BigDecimal actual) {
        return op.test(actual.compareTo(value));
    }

    /**
     * Equality by numeric value, so {@code 0} and {@code 0.0} in two places of a file name the
     * same condition (record equality would compare BigDecimal scale too).
     */
    public boolean sameAs(Condition other) {
        return other != null && Objects.equals(score, other.score) && op == other.op
                && value != null && other.value != null && value.compareTo(other.value) == 0;
    }

    @Override
    public String toString() {
        return score + " " + op.symbol() + " " + (value == null ? "?" : value.toPlainString());
    }

    /** Comparison operators as written in the catalogue files. */
    public enum Comparison {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        @JsonValue
        public String symbol() {
            return symbol;
        }

        @JsonCreator
        public static Comparison fromSymbol(String symbol) {
            return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown comparison '" + symbol + "' (use >, >=, <, <=, == or !=)"));
        }

        boolean test(int comparison) {
            return switch (this) {
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
            };
        }
    }
}
