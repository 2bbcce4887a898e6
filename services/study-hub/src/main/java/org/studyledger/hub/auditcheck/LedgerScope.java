package org.studyledger.hub.auditcheck;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What is verified or exported: the whole ledger, one center's subjects (subject ids {@code <CENTER>-…}), or one
 * subject.
 *
 * @param level     {@code ledger}, {@code center} or {@code subject}
 * @param centerId  the center, when the scope is one center (or the subject's center was named too)
 * @param subjectId the subject, when the scope is one subject
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerScope(String level, String centerId, String subjectId) {

    public static LedgerScope of(String centerId, String subjectId) {
        if (subjectId != null) {
            return new LedgerScope("subject", centerId, subjectId);
        }
        if (centerId != null) {
            return new LedgerScope("center", centerId, null);
        }
        return new LedgerScope("ledger", null, null);
    }
}
