package org.studyledger.center;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which center this service is and which study protocol it records under.
 *
 * @param id              center code, e.g. {@code PAV}; subjects it accepts are {@code PAV-NNN}
 * @param studyId         the study, e.g. {@code ESK-TRD}
 * @param protocolVersion version of the study's protocol definition, e.g. {@code 1}
 * @param zone            the center's time zone: clinical dates (study days, visit windows) are its local dates
 */
@ConfigurationProperties("studyledger.center")
public record CenterProperties(String id, String studyId, String protocolVersion, ZoneId zone) {
    public CenterProperties {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("studyledger.center.id is required (e.g. PAV)");
        }
        studyId = studyId == null ? "ESK-TRD" : studyId;
        protocolVersion = protocolVersion == null ? "1" : protocolVersion;
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }
}
