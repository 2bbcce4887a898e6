package org.studyledger.kernel.subject.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Enrol a consented subject. Every field is required: the constructor refuses a null; the intake reports what is missing before it
 * makes a command.
 */
public record EnrolSubject(
        @TargetAggregateIdentifier SubjectId subjectId,
        LocalDate enrolmentDate,
        LocalDate consentDate,
        String consentVersion,
        int birthYear,
        Sex sex,
        int episodeDurationMonths,
        int failedAntidepressantTrials,
        Provenance provenance) implements SubjectCommand {
    public EnrolSubject {
        Required.value(subjectId, "subjectId");
        Required.value(enrolmentDate, "enrolmentDate");
        Required.value(consentDate, "consentDate");
        Required.value(consentVersion, "consentVersion");
        Required.value(sex, "sex");
        Required.value(provenance, "provenance");
    }
}
