package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;
import static org.studyledger.kernel.subject.Facts.requireText;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.studyledger.kernel.subject.Sex;

/**
 * A subject gave consent and entered the study. The baseline clinical facts are what the analysis
 * dataset (ADSL) uses as covariates.
 *
 * @param enrolmentDate              date of enrolment; no data about the subject may predate it
 * @param consentDate                date the informed consent was signed (on or before enrolment)
 * @param consentVersion             version of the consent form signed, e.g. {@code 2.1}
 * @param protocolVersion            protocol definition the subject is followed under, e.g. {@code ESK-TRD/1}
 * @param birthYear                  year of birth (no full date: data minimisation)
 * @param sex                        CDISC SEX code
 * @param episodeDurationMonths      duration of the current depressive episode, months
 * @param failedAntidepressantTrials adequate antidepressant trials that failed in this episode (TRD: ≥ 2)
 */
@Revision("1")
public record SubjectEnrolled(
        LocalDate enrolmentDate,
        LocalDate consentDate,
        String consentVersion,
        String protocolVersion,
        int birthYear,
        Sex sex,
        int episodeDurationMonths,
        int failedAntidepressantTrials) implements StudyEvent {
    public static final int BIRTH_YEAR_MIN = 1900;
    public static final int BIRTH_YEAR_MAX = 2100;

    public SubjectEnrolled {
        require(enrolmentDate != null, "enrolment_date is required");
        require(consentDate != null, "consent_date is required");
        require(!consentDate.isAfter(enrolmentDate), "consent_date must be on or before enrolment_date");
        requireText(consentVersion, "consent_version");
        requireText(protocolVersion, "protocol_version");
        require(birthYear >= BIRTH_YEAR_MIN && birthYear <= BIRTH_YEAR_MAX, "birth_year must be a four-digit year");
        require(sex != null, "sex is required");
        require(episodeDurationMonths >= 0, "episode_duration_months must not be negative");
        require(failedAntidepressantTrials >= 0, "failed_antidepressant_trials must not be negative");
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
