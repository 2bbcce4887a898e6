package org.studyledger.kernel.subject.command;

import org.studyledger.kernel.subject.SubjectId;

/** A request to change one subject's history; the aggregate validates it and records events, or refuses. */
public sealed interface SubjectCommand
        permits EnrolSubject, RecordAssessment, CorrectAssessment, RetractAssessment, RecordDose, WithholdDose,
                ReportAdverseEvent, DiscontinueSubject, CompleteFollowUp {
    SubjectId subjectId();

    Provenance provenance();
}
