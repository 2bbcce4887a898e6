package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.LocalDate;

/** Body of {@code POST /api/v1/subjects/{subjectId}/follow-up-completion}. */
@Schema(description = "Record that a subject completed follow-up")
public record CompleteFollowUpRequest(
        @JsonProperty("subject_id") @Schema(description = Descriptions.SUBJECT_ID) String subjectId,
        @JsonProperty("completion_date") @Schema(description = Descriptions.DATE + "; not before enrolment or recorded data",
                requiredMode = RequiredMode.REQUIRED) LocalDate completionDate) {
}
