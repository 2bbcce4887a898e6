package org.studyledger.center.subject.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.studyledger.support.eventstore.StoredEnvelopes;
import org.studyledger.center.subject.CenterContext;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.StudyEventVisitor;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.subject.query.FindSubject;
import org.studyledger.kernel.subject.status.SubjectStatus;

/**
 * Answers {@link FindSubject} straight from the event store: a center has few subjects and staff need
 * what they just recorded, so reading the subject's stream beats keeping a separate read model. Each form's study
 * day and window status are told by the subject's current first dose (the kernel's {@link StudyClock}, the rule the
 * hub's views follow too), beside the values its event recorded.
 */
@Component
public class SubjectQueries {
    private final EventStore eventStore;
    private final CenterContext center;

    SubjectQueries(EventStore eventStore, CenterContext center) {
        this.eventStore = eventStore;
        this.center = center;
    }

    @QueryHandler
    public SubjectView handle(FindSubject query) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(query.subjectId().value()).forEachRemaining(events::add);
        if (events.isEmpty()) {
            return null;
        }
        Fold fold = new Fold();
        String previous = EventHashes.GENESIS;
        boolean chain = true;
        for (DomainEventMessage<?> message : events) {
            EventEnvelope envelope;
            try {
                envelope = StoredEnvelopes.envelopeOf(message);
            } catch (StoredEnvelopes.StoredEventAltered e) {
                chain = false;
                continue;
            }
            chain &= envelope.previousHash().equals(previous) && envelope.sequence() == fold.history.size();
            previous = envelope.hash();
            fold.apply(envelope, (StudyEvent) message.getPayload());
        }
        return fold.view(query.subjectId().value(), center.centerId().value(), chain);
    }

    /** Folds one subject's events into its current state, in sequence order. */
    private final class Fold implements StudyEventVisitor<Void> {
        final Map<java.util.UUID, SubjectView.Assessment> assessments = new LinkedHashMap<>();
        final List<SubjectView.Session> sessions = new ArrayList<>();
        final List<SubjectView.AdverseEvent> adverseEvents = new ArrayList<>();
        final List<SubjectView.HistoryEntry> history = new ArrayList<>();
        SubjectStatus status = SubjectStatus.ENROLLED;
        LocalDate enrolmentDate;
        StudyClock clock = StudyClock.of(center.protocol(), center.zone(), null);
        LocalDate statusDate;
        String statusReason;
        String protocolVersion;

        void apply(EventEnvelope e, StudyEvent payload) {
            history.add(new SubjectView.HistoryEntry(e.sequence(), e.eventId(), e.eventType(), e.occurredAt(),
                    e.recordedAt(), e.actor(), e.source(), e.previousHash(), e.hash()));
            status = SubjectStatus.after(status, payload);
            payload.accept(this);
        }

        @Override
        public Void visit(SubjectEnrolled p) {
            enrolmentDate = p.enrolmentDate();
            protocolVersion = p.protocolVersion();
            return null;
        }

        @Override
        public Void visit(AssessmentRecorded p) {
            // Placed by the first dose in view(), once every dose is known.
            assessments.put(p.assessmentId().value(), new SubjectView.Assessment(p.assessmentId().value(),
                    p.instrument().toString(), p.visit(), p.doseSession(), p.administeredAt(), p.studyDay(),
                    p.outOfWindow(), p.studyDay(), p.outOfWindow(), p.rater(), p.items(), p.scores(), 0, false,
                    null));
            return null;
        }

        @Override
        public Void visit(AssessmentCorrected p) {
            assessments.computeIfPresent(p.assessmentId().value(), (id, a) -> new SubjectView.Assessment(
                    a.assessmentId(), a.instrument(), a.visit(), a.doseSession(), a.administeredAt(), a.studyDay(),
                    a.outOfWindow(), a.recordedStudyDay(), a.recordedOutOfWindow(), a.rater(), p.items(), p.scores(),
                    a.corrections() + 1, a.retracted(), a.retractionReason()));
            return null;
        }

        @Override
        public Void visit(AssessmentRetracted p) {
            assessments.computeIfPresent(p.assessmentId().value(), (id, a) -> new SubjectView.Assessment(
                    a.assessmentId(), a.instrument(), a.visit(), a.doseSession(), a.administeredAt(), a.studyDay(),
                    a.outOfWindow(), a.recordedStudyDay(), a.recordedOutOfWindow(), a.rater(), a.items(), a.scores(),
                    a.corrections(), true, p.reason()));
            return null;
        }

        @Override
        public Void visit(DoseAdministered p) {
            // The first dose is the earliest administered, not the first entered: a dose entered late may
            // have been given before it.
            clock = clock.withDose(p.administeredAt());
            sessions.add(new SubjectView.Session(p.doseId().value(), p.sessionNumber(), "ADMINISTERED",
                    p.administeredAt(), p.doseMg(), p.devices(), p.bpBefore(), p.bpAfter(), p.monitoringMinutes(),
                    p.overrideReason(), p.flags()));
            return null;
        }

        @Override
        public Void visit(DoseWithheld p) {
            sessions.add(new SubjectView.Session(p.doseId().value(), p.sessionNumber(), "WITHHELD", p.decidedAt(),
                    null, null, p.bpBefore(), null, null, p.reason(), List.of()));
            return null;
        }

        @Override
        public Void visit(AdverseEventReported p) {
            adverseEvents.add(new SubjectView.AdverseEvent(p.adverseEventId().value(), p.term(), p.onsetDate(),
                    p.severity(), p.serious(), p.relatedness()));
            return null;
        }

        @Override
        public Void visit(SubjectDiscontinued p) {
            statusDate = p.discontinuationDate();
            statusReason = p.reason();
            return null;
        }

        @Override
        public Void visit(FollowUpCompleted p) {
            statusDate = p.completionDate();
            return null;
        }

        SubjectView view(String subjectId, String centerId, boolean chainVerified) {
            List<SubjectView.Assessment> placed = assessments.values().stream().map(a -> a.placedBy(clock)).toList();
            return new SubjectView(subjectId, centerId, status.name(), enrolmentDate, protocolVersion, clock.firstDoseDate(),
                    statusDate, statusReason, placed, List.copyOf(sessions), List.copyOf(adverseEvents),
                    List.copyOf(history), chainVerified);
        }
    }
}
