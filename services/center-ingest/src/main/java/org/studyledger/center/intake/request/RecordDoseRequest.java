package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.studyledger.kernel.subject.BloodPressure;

/** Body of {@code POST /api/v1/subjects/{subjectId}/doses}: a dosing session in which the dose was given. */
@Schema(description = "Record an administered dose")
public record RecordDoseRequest(
        @JsonProperty("subject_id") @Schema(description = Descriptions.SUBJECT_ID) String subjectId,
        @JsonProperty("dose_id") @Schema(description = Descriptions.GENERATED_ID) UUID doseId,
        @JsonProperty("administered_at") @Schema(description = Descriptions.INSTANT + "; when the first device was used",
                requiredMode = RequiredMode.REQUIRED) OffsetDateTime administeredAt,
        @JsonProperty("dose_mg") @Schema(description = "Dose in mg, one the protocol allows", requiredMode = RequiredMode.REQUIRED)
        Integer doseMg,
        @JsonProperty("devices") @Schema(description = "Number of devices used; must match the dose",
                requiredMode = RequiredMode.REQUIRED) Integer devices,
        @JsonProperty("bp_before") @Schema(description = "Pre-dose " + Descriptions.BLOOD_PRESSURE,
                oneOf = {BloodPressure.class, String.class}, requiredMode = RequiredMode.REQUIRED) Object bpBefore,
        @JsonProperty("bp_after") @Schema(description = "Post-dose " + Descriptions.BLOOD_PRESSURE,
                oneOf = {BloodPressure.class, String.class}, requiredMode = RequiredMode.REQUIRED) Object bpAfter,
        @JsonProperty("monitoring_minutes") @Schema(description = "Minutes of post-dose monitoring",
                requiredMode = RequiredMode.REQUIRED) Integer monitoringMinutes,
        @JsonProperty("override_reason") @Schema(description = "Required exactly when the pre-dose blood pressure is above"
                + " the protocol's limit; " + Descriptions.FREE_TEXT) String overrideReason) {
}
