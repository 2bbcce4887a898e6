package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;

/** Body of {@code POST …/assessments/{assessmentId}/corrections}: the complete corrected form. */
@Schema(description = "Correct a recorded assessment: the complete corrected form and why")
public record CorrectAssessmentRequest(
        @JsonProperty("items") @Schema(description = Descriptions.ITEMS + "; at least one must differ",
                requiredMode = RequiredMode.REQUIRED) Map<String, Object> items,
        @JsonProperty("reason") @Schema(description = "Why it is corrected; " + Descriptions.FREE_TEXT,
                requiredMode = RequiredMode.REQUIRED) String reason) {
}
