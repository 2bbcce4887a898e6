package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.SubjectId;

/** Record that the subject completed the protocol's follow-up. Every field is required. */
public record CompleteFollowUp(
        @TargetAggregateIdentifier SubjectId subjectId,
        LocalDate completionDate,
        Provenance provenance) implements SubjectCommand {
    public CompleteFollowUp {
        Required.value(subjectId, "subjectId");
        Required.value(completionDate, "completionDate");
        Required.value(provenance, "provenance");
    }
}
