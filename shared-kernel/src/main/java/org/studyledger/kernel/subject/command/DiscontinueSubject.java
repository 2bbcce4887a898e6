package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Record that the subject left the study early, and whether consent was withdrawn. Every field is required (the
 * constructor refuses a null).
 */
public record DiscontinueSubject(
        @TargetAggregateIdentifier SubjectId subjectId,
        LocalDate discontinuationDate,
        String reason,
        boolean consentWithdrawn,
        Provenance provenance) implements SubjectCommand {
    public DiscontinueSubject {
        Required.value(subjectId, "subjectId");
        Required.value(discontinuationDate, "discontinuationDate");
        Required.value(reason, "reason");
        Required.value(provenance, "provenance");
    }
}
