package org.studyledger.kernel.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an adverse event report. Random UUIDs, assigned where the record is first entered, so ids never collide
 * across centers and a retried request can reuse the id it was given.
 */
public record AdverseEventId(@JsonValue UUID value) {
    public AdverseEventId {
        Objects.requireNonNull(value, "adverse event id");
    }

    public static AdverseEventId random() {
        return new AdverseEventId(UUID.randomUUID());
    }

    @JsonCreator
    public static AdverseEventId of(String value) {
        return new AdverseEventId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
