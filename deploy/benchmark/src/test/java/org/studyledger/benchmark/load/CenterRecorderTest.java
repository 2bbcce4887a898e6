package org.studyledger.benchmark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.studyledger.center.subject.CenterContext;
import org.studyledger.center.subject.CenterSigner;
import org.studyledger.center.subject.Subject;
import org.studyledger.cohort.model.CohortGenerator;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlanContents;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
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
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.command.RetractAssessment;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.subject.command.WithholdDose;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * The benchmark's recorder writes, for a generated cohort, exactly the events the center's {@link Subject} aggregate
 * records when it is given the same facts as commands: every subject's payloads, in order, byte for byte in their
 * canonical encoding. Scores, session numbers, dose flags, study days and window status come from the same kernel
 * rules on both sides, so a rule that drifts in one of them fails here.
 */
class CenterRecorderTest {
    private static final Protocol PROTOCOL = Protocol.eskTrd();
    private static final ScoringEngine SCORING = ScoringEngine.standard();
    private static final ZoneId ZONE = ZoneId.of("Europe/Rome");
    private static final String CENTER = "PAV";
    private static final Actor STAFF = new Actor("pav-staff-01", "study-nurse");

    @Test
    void theRecorderWritesWhatTheAggregateRecords() {
        CohortPlan plan = CohortGenerator.generate(11, List.of(CENTER), 8);
        PlanContents contents = PlanContents.of(plan);
        Map<String, List<SealedEvent>> recorded = new CenterRecorder(PROTOCOL, SCORING, ZONE).record(plan, contents, 11, null);
        // The aggregate judges every command against a clock after the plan's last request, so nothing is "in the future".
        Instant end = plan.requests().stream().map(r -> r.at()).max(Instant::compareTo).orElseThrow().plus(1, ChronoUnit.DAYS);
        SigningKey key = SigningKey.generate(CenterId.of(CENTER), Instant.parse("2020-01-01T00:00:00Z"));
        CenterContext center = new CenterContext(StudyId.of(PROTOCOL.studyId()), CenterId.of(CENTER), PROTOCOL, SCORING,
                ZONE, Clock.fixed(end, ZONE), new CenterSigner(key));

        assertThat(contents.subjects()).hasSizeGreaterThanOrEqualTo(8);
        int events = 0;
        for (String subject : contents.subjects()) {
            List<SubjectCommand> commands = contents.entries(subject).stream()
                    .map(entry -> command(SubjectId.of(subject), entry.fact())).toList();
            AggregateTestFixture<Subject> fixture = new AggregateTestFixture<>(Subject.class);
            fixture.registerInjectableResource(center);
            fixture.givenCommands(commands);
            List<String> byAggregate = new ArrayList<>();
            fixture.getEventStore().readEvents(subject).asStream()
                    .map(m -> canonical(subject, m))
                    .forEach(byAggregate::add);
            List<String> byRecorder = recorded.get(subject).stream()
                    .map(s -> canonical(subject, s.envelope().sequence(), s.event())).toList();
            assertThat(byAggregate).as("events of %s (%d commands)", subject, commands.size())
                    .hasSize(commands.size()).containsExactlyElementsOf(byRecorder);
            events += byAggregate.size();
        }
        assertThat(events).as("events compared").isGreaterThan(100);
    }

    private static String canonical(String subject, DomainEventMessage<?> message) {
        return canonical(subject, message.getSequenceNumber(), (StudyEvent) message.getPayload());
    }

    /** The payload's canonical encoding, in an envelope whose other members are fixed. */
    private static String canonical(String subject, long sequence, StudyEvent event) {
        EnvelopeHeader header = new EnvelopeHeader(new UUID(0, 0), StudyId.of(PROTOCOL.studyId()), CenterId.of(CENTER),
                SubjectId.of(subject), sequence, Instant.EPOCH, Instant.EPOCH, STAFF, "api", EventHashes.GENESIS);
        return new String(EnvelopeCodec.encode(EnvelopeCodec.seal(header, event)), StandardCharsets.UTF_8);
    }

    /** The command the center's intake makes of a planned fact. */
    private static SubjectCommand command(SubjectId subject, PlanContents.Fact fact) {
        Provenance by = Provenance.api(STAFF);
        if (fact instanceof PlanContents.Enrolment e) {
            return new EnrolSubject(subject, e.enrolmentDate(), e.consentDate(), e.consentVersion(), e.birthYear(),
                    upper(Sex.class, e.sex()), e.episodeDurationMonths(), e.failedAntidepressantTrials(), by);
        } else if (fact instanceof PlanContents.Assessment a) {
            return new RecordAssessment(subject, AssessmentId.of(a.assessmentId()), a.instrument(), a.instrumentVersion(),
                    a.visit(), a.doseSession(), a.administeredAt().toInstant(), a.rater(), a.items(), by);
        } else if (fact instanceof PlanContents.Correction c) {
            return new CorrectAssessment(subject, AssessmentId.of(c.assessmentId()), c.items(), c.reason(), by);
        } else if (fact instanceof PlanContents.Retraction r) {
            return new RetractAssessment(subject, AssessmentId.of(r.assessmentId()), r.reason(), by);
        } else if (fact instanceof PlanContents.Dose d) {
            return new RecordDose(subject, DoseId.of(d.doseId()), d.administeredAt().toInstant(), d.doseMg(), d.devices(),
                    bp(d.bpBefore()), bp(d.bpAfter()), d.monitoringMinutes(), d.overrideReason(), by);
        } else if (fact instanceof PlanContents.WithheldDose w) {
            return new WithholdDose(subject, DoseId.of(w.doseId()), w.decidedAt().toInstant(), w.reason(), bp(w.bpBefore()),
                    by);
        } else if (fact instanceof PlanContents.AdverseEvent ae) {
            return new ReportAdverseEvent(subject, AdverseEventId.of(ae.adverseEventId()), ae.term(), ae.onsetDate(),
                    upper(AdverseEventSeverity.class, ae.severity()), ae.serious(), upper(Relatedness.class, ae.relatedness()),
                    by);
        } else if (fact instanceof PlanContents.Discontinuation d) {
            return new DiscontinueSubject(subject, d.discontinuationDate(), d.reason(), d.consentWithdrawn(), by);
        } else if (fact instanceof PlanContents.FollowUpCompletion f) {
            return new CompleteFollowUp(subject, f.completionDate(), by);
        }
        throw new IllegalArgumentException("unknown fact " + fact);
    }

    private static BloodPressure bp(PlanContents.BloodPressure bp) {
        return bp == null ? null : new BloodPressure(bp.systolic(), bp.diastolic());
    }

    private static <E extends Enum<E>> E upper(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }
}
