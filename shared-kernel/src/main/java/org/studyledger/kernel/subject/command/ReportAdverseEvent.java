package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.SubjectId;

/** Report an adverse event. */
public record ReportAdverseEvent(
        @TargetAggregateIdentifier SubjectId subjectId,
        AdverseEventId adverseEventId,
        String term,
        LocalDate onsetDate,
        AdverseEventSeverity severity,
        Boolean serious,
        Relatedness relatedness,
        Provenance provenance) implements SubjectCommand {
}
