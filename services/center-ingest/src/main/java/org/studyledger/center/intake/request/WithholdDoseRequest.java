package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.studyledger.kernel.subject.BloodPressure;

/** Body of {@code POST /api/v1/subjects/{subjectId}/withheld-doses}: a dosing session in which no dose was given. */
@Schema(description = "Record a dose withheld at a dosing session")
public record WithholdDoseRequest(
        @JsonProperty("subject_id") @Schema(description = Descriptions.SUBJECT_ID) String subjectId,
        @JsonProperty("dose_id") @Schema(description = Descriptions.GENERATED_ID) UUID doseId,
        @JsonProperty("decided_at") @Schema(description = Descriptions.INSTANT, requiredMode = RequiredMode.REQUIRED)
        OffsetDateTime decidedAt,
        @JsonProperty("reason") @Schema(description = "Why it was withheld; " + Descriptions.FREE_TEXT,
                requiredMode = RequiredMode.REQUIRED) String reason,
        @JsonProperty("bp_before") @Schema(description = "Pre-dose " + Descriptions.BLOOD_PRESSURE,
                oneOf = {BloodPressure.class, String.class}) Object bpBefore) {
}
