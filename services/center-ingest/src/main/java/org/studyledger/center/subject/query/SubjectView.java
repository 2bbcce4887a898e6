package org.studyledger.center.subject.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.protocol.StudyClock;
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

    /**
     * One form in its current state. {@code studyDay} and {@code outOfWindow} are told by the subject's current first
     * dose (kernel {@code StudyClock}); {@code recordedStudyDay} and {@code recordedOutOfWindow} are what the event
     * recorded against the first dose known then (they differ after a dose entered late that was given earlier).
     */
    public record Assessment(UUID assessmentId, String instrument, String visit, Integer doseSession,
                             Instant administeredAt, Integer studyDay, boolean outOfWindow, Integer recordedStudyDay,
                             boolean recordedOutOfWindow, String rater, SortedMap<String, Integer> items, ScoreSet scores,
                             int corrections, boolean retracted, String retractionReason) {

        /** The same form placed by {@code clock}. */
        Assessment placedBy(StudyClock clock) {
            return new Assessment(assessmentId, instrument, visit, doseSession, administeredAt,
                    clock.studyDay(administeredAt), clock.outOfWindow(visit, administeredAt), recordedStudyDay,
                    recordedOutOfWindow, rater, items, scores, corrections, retracted, retractionReason);
        }
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
