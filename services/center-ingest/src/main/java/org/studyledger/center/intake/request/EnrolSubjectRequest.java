package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.LocalDate;
import org.studyledger.kernel.subject.Sex;

/** Body of {@code POST /api/v1/subjects}: a consented subject joins the study at this center. */
@Schema(description = "Enrol a consented subject at this center")
public record EnrolSubjectRequest(
        @JsonProperty("subject_id") @Schema(description = Descriptions.SUBJECT_ID, example = "PAV-001",
                requiredMode = RequiredMode.REQUIRED) String subjectId,
        @JsonProperty("enrolment_date") @Schema(description = Descriptions.DATE + "; not in the future",
                requiredMode = RequiredMode.REQUIRED) LocalDate enrolmentDate,
        @JsonProperty("consent_date") @Schema(description = Descriptions.DATE + "; on or before the enrolment date",
                requiredMode = RequiredMode.REQUIRED) LocalDate consentDate,
        @JsonProperty("consent_version") @Schema(description = "Version of the consent form signed",
                requiredMode = RequiredMode.REQUIRED) String consentVersion,
        @JsonProperty("birth_year") @Schema(description = "Year of birth; the study enrols adults",
                requiredMode = RequiredMode.REQUIRED) Integer birthYear,
        @JsonProperty("sex") @Schema(description = "CDISC SEX code", requiredMode = RequiredMode.REQUIRED) Sex sex,
        @JsonProperty("episode_duration_months") @Schema(description = "Duration of the current depressive episode, months",
                requiredMode = RequiredMode.REQUIRED) Integer episodeDurationMonths,
        @JsonProperty("failed_antidepressant_trials") @Schema(description = "Adequate antidepressant trials that failed",
                requiredMode = RequiredMode.REQUIRED) Integer failedAntidepressantTrials) {
}
