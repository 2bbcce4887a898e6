package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.SubjectId;

/** Report an adverse event. Every field is required (the constructor refuses a null). */
public record ReportAdverseEvent(
        @TargetAggregateIdentifier SubjectId subjectId,
        AdverseEventId adverseEventId,
        String term,
        LocalDate onsetDate,
        AdverseEventSeverity severity,
        boolean serious,
        Relatedness relatedness,
        Provenance provenance) implements SubjectCommand {
    public ReportAdverseEvent {
        Required.value(subjectId, "subjectId");
        Required.value(adverseEventId, "adverseEventId");
        Required.value(term, "term");
        Required.value(onsetDate, "onsetDate");
        Required.value(severity, "severity");
        Required.value(relatedness, "relatedness");
        Required.value(provenance, "provenance");
    }
}
