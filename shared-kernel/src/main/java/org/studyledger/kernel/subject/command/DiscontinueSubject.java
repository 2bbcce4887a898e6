package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.SubjectId;

/** Record that the subject left the study early, and whether consent was withdrawn. */
public record DiscontinueSubject(
        @TargetAggregateIdentifier SubjectId subjectId,
        LocalDate discontinuationDate,
        String reason,
        Boolean consentWithdrawn,
        Provenance provenance) implements SubjectCommand {
}
