package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Body of {@code POST …/assessments/{assessmentId}/retraction}. */
@Schema(description = "Retract a recorded assessment, which frees its visit or session for a new original")
public record RetractAssessmentRequest(
        @JsonProperty("reason") @Schema(description = "Why it is retracted; " + Descriptions.FREE_TEXT,
                requiredMode = RequiredMode.REQUIRED) String reason) {
}
