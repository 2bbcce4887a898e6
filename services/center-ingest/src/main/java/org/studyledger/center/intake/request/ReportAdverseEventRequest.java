package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.LocalDate;
import java.util.UUID;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.Relatedness;

/** Body of {@code POST /api/v1/subjects/{subjectId}/adverse-events}. */
@Schema(description = "Report an adverse event")
public record ReportAdverseEventRequest(
        @JsonProperty("subject_id") @Schema(description = Descriptions.SUBJECT_ID) String subjectId,
        @JsonProperty("adverse_event_id") @Schema(description = Descriptions.GENERATED_ID) UUID adverseEventId,
        @JsonProperty("term") @Schema(description = "The event as reported; " + Descriptions.FREE_TEXT,
                requiredMode = RequiredMode.REQUIRED) String term,
        @JsonProperty("onset_date") @Schema(description = Descriptions.DATE + "; not before enrolment",
                requiredMode = RequiredMode.REQUIRED) LocalDate onsetDate,
        @JsonProperty("severity") @Schema(description = "CDISC AESEV", requiredMode = RequiredMode.REQUIRED)
        AdverseEventSeverity severity,
        @JsonProperty("serious") @Schema(description = "Whether the event is serious", requiredMode = RequiredMode.REQUIRED)
        Boolean serious,
        @JsonProperty("relatedness") @Schema(description = "Causality to the treatment, as the investigator judges it",
                requiredMode = RequiredMode.REQUIRED) Relatedness relatedness) {
}
