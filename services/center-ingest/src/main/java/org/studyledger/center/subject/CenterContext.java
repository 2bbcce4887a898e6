package org.studyledger.center.subject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;

/**
 * What the Subject aggregate needs to know about where it runs: which study and center, the protocol
 * and instrument catalogue it validates against, the center's time zone (clinical dates are local
 * dates), the clock and the center's signing key. Injected into command handlers, so tests can fix
 * every one of them.
 */
public record CenterContext(
        StudyId studyId,
        CenterId centerId,
        Protocol protocol,
        ScoringEngine scoring,
        ZoneId zone,
        Clock clock,
        CenterSigner signer) {

    public CenterContext {
        Objects.requireNonNull(studyId, "studyId");
        Objects.requireNonNull(centerId, "centerId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(signer, "signer");
        if (!signer.active().center().equals(centerId)) {
            throw new IllegalArgumentException("center " + centerId + " cannot sign with key " + signer.active().keyId()
                    + " of center " + signer.active().center());
        }
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** Clinical facts recorded only as a date are placed at the start of that day in the center's zone. */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    public String protocolVersion() {
        return protocol.studyId() + "/" + protocol.version();
    }
}
