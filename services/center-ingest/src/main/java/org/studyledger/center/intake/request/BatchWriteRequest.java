package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;

/** One item of {@code POST /api/v1/events:batch}: a single write's path and body. */
@Schema(description = "One write of a batch: where it would be posted on its own, and its body")
public record BatchWriteRequest(
        @JsonProperty("path") @Schema(description = "The write's path below /api/v1, e.g. /subjects/PAV-001/doses",
                requiredMode = RequiredMode.REQUIRED) String path,
        @JsonProperty("body") @Schema(description = "The body that write takes on its own endpoint",
                requiredMode = RequiredMode.REQUIRED) Map<String, Object> body) {
}
