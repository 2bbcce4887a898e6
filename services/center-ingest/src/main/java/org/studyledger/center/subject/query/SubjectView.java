package org.studyledger.center.subject.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.Relatedness;

/**
 * One subject as the center's event store tells it: current state (assessments as last corrected,
 * sessions, adverse events, disposition) and the full event history with its hash chain.
 */
public record SubjectView(
        String subjectId,
        String centerId,
        String status,
        LocalDate enrolmentDate,
        String protocolVersion,
        LocalDate firstDoseDate,
        LocalDate statusDate,
        String statusReason,
        List<Assessment> assessments,
        List<Session> sessions,
        List<AdverseEvent> adverseEvents,
        List<HistoryEntry> history,
        boolean chainVerified) {

    public record Assessment(UUID assessmentId, String instrument, String visit, Integer doseSession,
                             Instant administeredAt, Integer studyDay, boolean outOfWindow, String rater,
                             SortedMap<String, Integer> items, ScoreSet scores, int corrections, boolean retracted,
                             String retractionReason) {
    }

    public record Session(UUID doseId, int sessionNumber, String outcome, Instant at, Integer doseMg, Integer devices,
                          BloodPressure bpBefore, BloodPressure bpAfter, Integer monitoringMinutes, String reason,
                          List<DoseFlag> flags) {
    }

    public record AdverseEvent(UUID adverseEventId, String term, LocalDate onsetDate, AdverseEventSeverity severity,
                               boolean serious, Relatedness relatedness) {
    }

    public record HistoryEntry(long sequence, UUID eventId, String eventType, Instant occurredAt, Instant recordedAt,
                               Actor actor, String source, String previousHash, String hash) {
    }
}
