package org.studyledger.hub.auditcheck;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * One thing the verifier found wrong.
 *
 * @param subjectId  the subject
 * @param sequence   the sequence number it concerns (for a gap: the first missing one)
 * @param eventId    the stored event's id, null when no event is there (a gap)
 * @param reasonCode what kind of failure, in the kernel's vocabulary; docs/audit.md lists the ones this walk reports
 * @param reason     a sentence naming the values involved
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Failure(String subjectId, long sequence, String eventId, VerificationFailure reasonCode, String reason) {
}
