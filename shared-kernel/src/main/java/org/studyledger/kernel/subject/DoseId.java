package org.studyledger.kernel.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a dosing session, administered or withheld. Random UUIDs, assigned where the record is first entered, so ids never collide
 * across centers and a retried request can reuse the id it was given.
 */
public record DoseId(@JsonValue UUID value) {
    public DoseId {
        Objects.requireNonNull(value, "dose id");
    }

    public static DoseId random() {
        return new DoseId(UUID.randomUUID());
    }

    @JsonCreator
    public static DoseId of(String value) {
        return new DoseId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
