package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Body of {@code POST /api/v1/subjects/{subjectId}/assessments}: one completed rating form. */
@Schema(description = "Record a completed assessment form, at a protocol visit or a dosing session (exactly one)")
public record RecordAssessmentRequest(
        @JsonProperty("subject_id") @Schema(description = Descriptions.SUBJECT_ID) String subjectId,
        @JsonProperty("assessment_id") @Schema(description = Descriptions.GENERATED_ID) UUID assessmentId,
        @JsonProperty("instrument") @Schema(description = "Instrument code of the protocol, e.g. MADRS",
                requiredMode = RequiredMode.REQUIRED) String instrumentCode,
        @JsonProperty("instrument_version") @Schema(description = "Instrument version; must be the protocol's when given")
        String instrumentVersion,
        @JsonProperty("visit") @Schema(description = "Protocol visit code, e.g. BASELINE (or give dose_session)") String visit,
        @JsonProperty("dose_session") @Schema(description = "Number of an administered dosing session (or give visit)")
        Integer doseSession,
        @JsonProperty("administered_at") @Schema(description = Descriptions.INSTANT, requiredMode = RequiredMode.REQUIRED)
        OffsetDateTime administeredAt,
        @JsonProperty("rater") @Schema(description = "Who rated; " + Descriptions.FREE_TEXT,
                requiredMode = RequiredMode.REQUIRED) String rater,
        @JsonProperty("items") @Schema(description = Descriptions.ITEMS, requiredMode = RequiredMode.REQUIRED)
        Map<String, Object> items) {
}
