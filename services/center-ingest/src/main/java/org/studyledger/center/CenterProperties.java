package org.studyledger.center;

import java.time.ZoneId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which center this service is and which study protocol it records under.
 *
 * @param id              center code, e.g. {@code PAV}; subjects it accepts are {@code PAV-NNN}
 * @param studyId         the study, e.g. {@code ESK-TRD}
 * @param protocolVersion version of the study's protocol definition, e.g. {@code 1}
 * @param zone            the center's time zone: clinical dates (study days, visit windows) are its local dates
 */
@ConfigurationProperties("studyledger.center")
@Validated
public record CenterProperties(@NotBlank String id, @NotBlank @DefaultValue("ESK-TRD") String studyId,
                               @NotBlank @DefaultValue("1") String protocolVersion,
                               @NotNull @DefaultValue("UTC") ZoneId zone) {
}
