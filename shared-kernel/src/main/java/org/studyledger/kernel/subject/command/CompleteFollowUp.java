package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.SubjectId;

/** Record that the subject completed the protocol's follow-up. */
public record CompleteFollowUp(
        @TargetAggregateIdentifier SubjectId subjectId,
        LocalDate completionDate,
        Provenance provenance) implements SubjectCommand {
}
