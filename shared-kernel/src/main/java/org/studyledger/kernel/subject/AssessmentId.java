package org.studyledger.kernel.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an assessment (one administered instrument form). Random UUIDs, assigned where the record is first entered, so ids never collide
 * across centers and a retried request can reuse the id it was given.
 */
public record AssessmentId(@JsonValue UUID value) {
    public AssessmentId {
        Objects.requireNonNull(value, "assessment id");
    }

    public static AssessmentId random() {
        return new AssessmentId(UUID.randomUUID());
    }

    @JsonCreator
    public static AssessmentId of(String value) {
        return new AssessmentId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
