package org.studyledger.kernel.subject;

/**
 * Invariants every event must satisfy whatever produced it. They guard the published language
 * (an event that breaks them cannot be constructed, locally or from the wire); business rules
 * with context, such as "no assessment after discontinuation", live in the aggregate.
 */
public final class Facts {
    private Facts() {
    }

    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static void requireText(String value, String field) {
        require(value != null && !value.isBlank(), field + " is required");
    }
}
