package org.studyledger.kernel.instrument;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One question of an instrument and the answers it accepts: a whole number from {@code min} to
 * {@code max}. An item with {@code appliesWhen} is asked only when an earlier score meets the
 * condition (e.g. C-SSRS intensity only when there is ideation): then it is required, otherwise it
 * must be absent, so "not asked" and "forgotten" can never be confused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(
        @JsonProperty("code") String code,
        @JsonProperty("label") String label,
        @JsonProperty("min") Integer min,
        @JsonProperty("max") Integer max,
        @JsonProperty("integer") Boolean integer,
        @JsonProperty("applies_when") Condition appliesWhen) {

    @JsonIgnore
    public boolean isConditional() {
        return appliesWhen != null;
    }

    /** Whether {@code value} is within the item's range (type is checked by the engine). */
    public boolean accepts(int value) {
        return value >= min && value <= max;
    }
}
