package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.LocalDate;

/** Body of {@code POST /api/v1/subjects/{subjectId}/discontinuation}. */
@Schema(description = "Discontinue a subject; no new data is accepted for them afterwards")
public record DiscontinueSubjectRequest(
        @JsonProperty("subject_id") @Schema(description = Descriptions.SUBJECT_ID) String subjectId,
        @JsonProperty("discontinuation_date") @Schema(description = Descriptions.DATE
                + "; not before enrolment or recorded data", requiredMode = RequiredMode.REQUIRED) LocalDate discontinuationDate,
        @JsonProperty("reason") @Schema(description = "Why; " + Descriptions.FREE_TEXT, requiredMode = RequiredMode.REQUIRED)
        String reason,
        @JsonProperty("consent_withdrawn") @Schema(description = "Whether the subject withdrew consent",
                requiredMode = RequiredMode.REQUIRED) Boolean consentWithdrawn) {
}
