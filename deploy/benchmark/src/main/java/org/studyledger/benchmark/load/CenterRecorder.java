package org.studyledger.benchmark.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlanContents;
import org.studyledger.cohort.plan.PlannedRequest;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoredForm;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * Records a center's plan the way the center service's {@code Subject} aggregate records accepted commands, without
 * the service: every fact of {@link PlanContents} becomes the event the aggregate would apply (scores from the
 * kernel's scoring engine, session numbers, dose flags from the protocol's dosing rules ({@link DosingRules#flagsFor}),
 * study day and visit window ({@link StudyClock#placementOf})),
 * sealed in its envelope with the kernel's codec and hash chain, and signed with the center's key as the center's
 * signer does. The center's clock is the plan's clock: an event is recorded at its request's plan time. The plan is
 * valid by construction (the cohort module's tests load it into real centers), so the aggregate's refusals are not
 * repeated here.
 *
 * <p>Event ids are name-based UUIDs of seed, subject and sequence, so the same cohort gives the same ledger (but for
 * the signatures: every load makes new keys).
 */
public final class CenterRecorder {
    private static final String ID_NAMESPACE = "studyledger-export-benchmark/1";

    private final Protocol protocol;
    private final ScoringEngine scoring;
    private final ZoneId zone;
    private final StudyId studyId;
    private final String protocolVersion;

    /** @param zone the center's time zone: dates recorded without a time are placed at its start of day */
    public CenterRecorder(Protocol protocol, ScoringEngine scoring, ZoneId zone) {
        this.protocol = protocol;
        this.scoring = scoring;
        this.zone = zone;
        this.studyId = StudyId.of(protocol.studyId());
        this.protocolVersion = protocol.studyId() + "/" + protocol.version();
    }

    /**
     * Every subject's events in sequence order, subjects in the order of their first request; signed with {@code key}
     * (the center's), or unsigned when it is null.
     */
    public Map<String, List<SealedEvent>> record(CohortPlan plan, PlanContents contents, long seed, SigningKey key) {
        Map<PlannedRequest, Integer> order = new IdentityHashMap<>();
        for (PlannedRequest r : plan.requests()) {
            order.put(r, order.size());
        }
        Map<PlannedRequest, String> fileHashes = new IdentityHashMap<>();
        Map<String, List<SealedEvent>> bySubject = new LinkedHashMap<>();
        for (String subject : contents.subjects()) {
            SubjectChain chain = new SubjectChain(SubjectId.of(subject), seed, key);
            List<SealedEvent> events = new ArrayList<>();
            for (PlanContents.Entry entry : contents.entries(subject)) {
                PlannedRequest request = entry.request();
                String source = entry.viaCsv()
                        ? "csv:" + fileHashes.computeIfAbsent(request,
                                r -> EventHashes.sha256Hex(r.body().getBytes(StandardCharsets.UTF_8))) + "#" + entry.line()
                        : "api";
                Actor actor = new Actor(request.actorId(), request.actorRole());
                long planOrder = order.get(request) * 100_000L + entry.line();
                events.add(chain.record(entry.fact(), request.at(), actor, source, planOrder));
            }
            bySubject.put(subject, events);
        }
        return bySubject;
    }

    /** One subject's history at the center: what the aggregate keeps between commands. */
    private final class SubjectChain {
        private final SubjectId subjectId;
        private final CenterId centerId;
        private final long seed;
        private final SigningKey key;
        private long nextSequence;
        private String lastHash = EventHashes.GENESIS;
        private Instant firstDoseAt;
        private int sessions;
        private final Map<String, InstrumentRef> instruments = new HashMap<>();

        SubjectChain(SubjectId subjectId, long seed, SigningKey key) {
            this.subjectId = subjectId;
            this.centerId = subjectId.center();
            this.seed = seed;
            this.key = key;
        }

        SealedEvent record(PlanContents.Fact fact, Instant now, Actor actor, String source, long planOrder) {
            StudyEvent event;
            Instant occurredAt;
            if (fact instanceof PlanContents.Enrolment e) {
                event = new SubjectEnrolled(e.enrolmentDate(), e.consentDate(), e.consentVersion(), protocolVersion,
                        e.birthYear(), enumeration(Sex.class, e.sex()), e.episodeDurationMonths(),
                        e.failedAntidepressantTrials());
                occurredAt = startOf(e.enrolmentDate());
            } else if (fact instanceof PlanContents.Assessment a) {
                event = assessment(a);
                occurredAt = a.administeredAt().toInstant();
            } else if (fact instanceof PlanContents.Correction c) {
                ScoredForm corrected = scoring.scoreOrThrow(instruments.get(c.assessmentId()), c.items());
                event = new AssessmentCorrected(AssessmentId.of(c.assessmentId()), corrected.responses(), corrected.scores(),
                        c.reason());
                occurredAt = now;
            } else if (fact instanceof PlanContents.Retraction r) {
                event = new AssessmentRetracted(AssessmentId.of(r.assessmentId()), r.reason());
                occurredAt = now;
            } else if (fact instanceof PlanContents.Dose d) {
                event = dose(d);
                occurredAt = d.administeredAt().toInstant();
            } else if (fact instanceof PlanContents.WithheldDose w) {
                sessions++;
                event = new DoseWithheld(DoseId.of(w.doseId()), sessions, w.decidedAt().toInstant(), w.reason(),
                        bp(w.bpBefore()));
                occurredAt = w.decidedAt().toInstant();
            } else if (fact instanceof PlanContents.AdverseEvent ae) {
                event = new AdverseEventReported(AdverseEventId.of(ae.adverseEventId()), ae.term(), ae.onsetDate(),
                        enumeration(AdverseEventSeverity.class, ae.severity()), ae.serious(),
                        enumeration(Relatedness.class, ae.relatedness()));
                occurredAt = startOf(ae.onsetDate());
            } else if (fact instanceof PlanContents.Discontinuation d) {
                event = new SubjectDiscontinued(d.discontinuationDate(), d.reason(), d.consentWithdrawn());
                occurredAt = startOf(d.discontinuationDate());
            } else if (fact instanceof PlanContents.FollowUpCompletion f) {
                event = new FollowUpCompleted(f.completionDate());
                occurredAt = startOf(f.completionDate());
            } else {
                throw new IllegalArgumentException("unknown fact " + fact);
            }
            UUID eventId = UUID.nameUUIDFromBytes((ID_NAMESPACE + " " + seed + " " + subjectId + " " + nextSequence)
                    .getBytes(StandardCharsets.UTF_8));
            EventEnvelope envelope = EnvelopeCodec.seal(new EnvelopeHeader(eventId, studyId, centerId, subjectId,
                    nextSequence, occurredAt, now, actor, source, lastHash), event);
            if (key != null) {
                envelope = EnvelopeSignatures.sign(envelope, key);
            }
            nextSequence++;
            lastHash = envelope.hash();
            // The hub stores the payload it decodes from the envelope, not the center's object.
            return new SealedEvent(envelope, EnvelopeCodec.payloadOf(envelope), planOrder);
        }

        private AssessmentRecorded assessment(PlanContents.Assessment a) {
            InstrumentRef instrument = protocol.instrument(a.instrument()).orElseThrow(
                    () -> new IllegalStateException("the protocol has no instrument " + a.instrument()));
            ScoredForm form = scoring.scoreOrThrow(instrument, a.items());
            Instant at = a.administeredAt().toInstant();
            StudyClock clock = StudyClock.of(protocol, zone, firstDoseAt);
            StudyClock.Placement placement = clock.placementOf(a.visit(), at);
            instruments.put(a.assessmentId(), form.instrument());
            return new AssessmentRecorded(AssessmentId.of(a.assessmentId()), form.instrument(), a.visit(), a.doseSession(),
                    at, a.rater(), form.responses(), form.scores(), placement.studyDay(), placement.outOfWindow());
        }

        private DoseAdministered dose(PlanContents.Dose d) {
            DosingRules rules = protocol.dosing();
            BloodPressure before = bp(d.bpBefore());
            BloodPressure after = bp(d.bpAfter());
            Instant at = d.administeredAt().toInstant();
            if (firstDoseAt == null) {
                firstDoseAt = at;
            }
            sessions++;
            String override = d.overrideReason() == null || d.overrideReason().isBlank() ? null : d.overrideReason();
            return new DoseAdministered(DoseId.of(d.doseId()), sessions, at, d.doseMg(), d.devices(), before, after,
                    d.monitoringMinutes(), override, rules.flagsFor(before, after, d.monitoringMinutes()));
        }


        private Instant startOf(LocalDate date) {
            return date.atStartOfDay(zone).toInstant();
        }
    }

    private static BloodPressure bp(PlanContents.BloodPressure bp) {
        return bp == null ? null : new BloodPressure(bp.systolic(), bp.diastolic());
    }

    /** The intake reads enumerations case-insensitively. */
    private static <E extends Enum<E>> E enumeration(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }
}
