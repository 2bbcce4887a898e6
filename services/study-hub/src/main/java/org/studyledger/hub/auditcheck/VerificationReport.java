package org.studyledger.hub.auditcheck;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/audit/verify}.
 *
 * @param scope           what was verified
 * @param subjectsChecked subjects walked
 * @param eventsChecked   stored events walked
 * @param valid           true when there is no failure
 * @param failures        every failure, by subject (code-point order) and sequence
 */
public record VerificationReport(LedgerScope scope, long subjectsChecked, long eventsChecked, boolean valid,
                                 List<Failure> failures) {
}
