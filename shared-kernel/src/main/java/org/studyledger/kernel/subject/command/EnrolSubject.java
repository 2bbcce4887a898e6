package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;

/** Enrol a consented subject. Fields may be missing: the aggregate reports every missing one at once. */
public record EnrolSubject(
        @TargetAggregateIdentifier SubjectId subjectId,
        LocalDate enrolmentDate,
        LocalDate consentDate,
        String consentVersion,
        Integer birthYear,
        Sex sex,
        Integer episodeDurationMonths,
        Integer failedAntidepressantTrials,
        Provenance provenance) implements SubjectCommand {
}
