package org.studyledger.kernel.envelope;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.StudyEventVisitor;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.subject.SubjectId;

/**
 * A fixed, hand-written subject history touching every event type, chained from genesis. It is the
 * source of the published hash test vectors, so nothing here may be random or clock-dependent.
 */
public final class SampleEvents {
    static final StudyId STUDY = new StudyId("ESK-TRD");
    static final CenterId CENTER = new CenterId("PAV");
    static final SubjectId SUBJECT = new SubjectId("PAV-001");
    static final AssessmentId MADRS_T0 = AssessmentId.of("3f1c2a4e-6b7d-4e8f-9a0b-1c2d3e4f5a6b");

    private SampleEvents() {
    }

    static SortedMap<String, Integer> madrs(int... values) {
        SortedMap<String, Integer> items = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            items.put("MADRS_%02d".formatted(i + 1), values[i]);
        }
        return items;
    }

    static ScoreSet madrsScores(int total, String severity) {
        return new ScoreSet(new TreeMap<>(Map.of("MADRS_TOTAL", BigDecimal.valueOf(total))),
                new TreeMap<>(Map.of("MADRS_SEVERITY", severity)));
    }

    public static List<StudyEvent> history() {
        SortedMap<String, Integer> rfq = new TreeMap<>();
        int[] rfqItems = {1, 5, 3, 6, 7, 2, 1, 4};
        for (int i = 0; i < rfqItems.length; i++) {
            rfq.put("RFQ8_%02d".formatted(i + 1), rfqItems[i]);
        }
        // RFQ_c: items 1..6 recoded (3,0,1,0,0,2) → 6/6 = 1; RFQ_u: items 2,4,5,6,8 → (1,2,3,0,0) and item 7 → 3: 9/6 = 1.5
        ScoreSet rfqScores = new ScoreSet(
                new TreeMap<>(Map.of("RFQ_C", new BigDecimal("1.0000"), "RFQ_U", new BigDecimal("1.5000"))),
                new TreeMap<>());
        return List.of(
                new SubjectEnrolled(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 5), "2.1", "ESK-TRD/1", 1971, Sex.F, 14, 3),
                // 4+4+3+4+2+4+3+4+3+2 = 33 → moderate
                new AssessmentRecorded(MADRS_T0, new InstrumentRef("MADRS", "1"), "T0", null,
                        Instant.parse("2026-01-12T08:15:00Z"), "rater-017", madrs(4, 4, 3, 4, 2, 4, 3, 4, 3, 2),
                        madrsScores(33, "moderate"), null, false),
                new AssessmentRecorded(AssessmentId.of("8d2e6f10-0a1b-4c2d-8e3f-405162738495"), new InstrumentRef("RFQ8", "1"),
                        "T0", null, Instant.parse("2026-01-12T08:40:00Z"), "rater-017", rfq, rfqScores, null, false),
                new DoseAdministered(DoseId.of("c0ffee00-1234-4abc-8def-000000000001"), 1, Instant.parse("2026-01-12T10:00:00Z"),
                        56, 2, new BloodPressure(128, 82), new BloodPressure(149, 90), 120, null, List.of()),
                // item 1 corrected 4 → 5: 5+4+3+4+2+4+3+4+3+2 = 34 → moderate
                new AssessmentCorrected(MADRS_T0, madrs(5, 4, 3, 4, 2, 4, 3, 4, 3, 2), madrsScores(34, "moderate"),
                        "Transcription error: item 1 was scored 5 on the paper source"),
                new DoseWithheld(DoseId.of("c0ffee00-1234-4abc-8def-000000000002"), 2, Instant.parse("2026-01-15T09:50:00Z"),
                        "Pre-dose BP 152/96 mmHg; dose withheld per protocol", new BloodPressure(152, 96)),
                new DoseAdministered(DoseId.of("c0ffee00-1234-4abc-8def-000000000003"), 3, Instant.parse("2026-01-19T10:05:00Z"),
                        84, 3, new BloodPressure(144, 88), new BloodPressure(186, 104), 100,
                        "Investigator judged benefit to outweigh risk; \"white coat\" pattern documented",
                        List.of(DoseFlag.MONITORING_SHORT, DoseFlag.NOTABLE_BP_RISE, DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD)),
                new AdverseEventReported(AdverseEventId.of("ae000000-0000-4000-8000-000000000001"), "Dissociation — transient, Ünsal scale",
                        LocalDate.of(2026, 1, 19), AdverseEventSeverity.MODERATE, false, Relatedness.PROBABLE),
                new AssessmentRetracted(AssessmentId.of("8d2e6f10-0a1b-4c2d-8e3f-405162738495"),
                        "Form belonged to PAV-010;\nentered on the wrong subject"),
                new FollowUpCompleted(LocalDate.of(2026, 7, 14)));
    }

    static final SubjectId SECOND_SUBJECT = new SubjectId("PAV-002");

    /** A second subject, who left the study: a subject cannot both complete follow-up and be discontinued. */
    public static List<StudyEvent> secondHistory() {
        return List.of(
                new SubjectEnrolled(LocalDate.of(2026, 1, 9), LocalDate.of(2026, 1, 8), "2.1", "ESK-TRD/1", 1958, Sex.M, 30, 4),
                new SubjectDiscontinued(LocalDate.of(2026, 3, 2), "Moved abroad", false));
    }

    /** Every sample event, in the order of {@link #chain()}. */
    public static List<StudyEvent> events() {
        List<StudyEvent> all = new ArrayList<>(history());
        all.addAll(secondHistory());
        return all;
    }

    /** Both histories as sealed chains (PAV-001's, then PAV-002's): sequence 0.., each naming the previous hash. */
    static List<EventEnvelope> chain() {
        List<EventEnvelope> chain = new ArrayList<>(chain(SUBJECT, history()));
        chain.addAll(chain(SECOND_SUBJECT, secondHistory()));
        return chain;
    }

    private static List<EventEnvelope> chain(SubjectId subject, List<StudyEvent> events) {
        List<EventEnvelope> chain = new ArrayList<>();
        String previous = EventHashes.GENESIS;
        long seq = 0;
        for (StudyEvent event : events) {
            Instant decided = event instanceof AssessmentRetracted
                    ? Instant.parse("2026-01-20T11:05:42.250Z") : Instant.parse("2026-01-14T15:42:10.250Z");
            Instant occurred = clinicalTime(event, decided);
            Instant recorded = occurred.plusSeconds(1_234).plusMillis(123);
            EnvelopeHeader header = new EnvelopeHeader(UUID.nameUUIDFromBytes((subject + "#" + seq).getBytes()), STUDY,
                    CENTER, subject, seq, occurred, recorded, new Actor("rater-017", "rater"),
                    seq == 5 ? "csv:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08#7" : "api", previous);
            EventEnvelope envelope = EnvelopeCodec.seal(header, event);
            chain.add(envelope);
            previous = envelope.hash();
            seq++;
        }
        return chain;
    }

    /** When the fact happened: the clinical time an event names, or (corrections, retractions) when it was decided. */
    private static Instant clinicalTime(StudyEvent event, Instant decided) {
        java.time.ZoneId rome = java.time.ZoneId.of("Europe/Rome");
        // a visitor, so a new event type must say its time here rather than silently take the decision's
        return event.accept(new StudyEventVisitor<>() {
            @Override
            public Instant visit(SubjectEnrolled e) {
                return e.enrolmentDate().atStartOfDay(rome).toInstant();
            }

            @Override
            public Instant visit(AssessmentRecorded e) {
                return e.administeredAt();
            }

            @Override
            public Instant visit(AssessmentCorrected e) {
                return decided;
            }

            @Override
            public Instant visit(AssessmentRetracted e) {
                return decided;
            }

            @Override
            public Instant visit(DoseAdministered e) {
                return e.administeredAt();
            }

            @Override
            public Instant visit(DoseWithheld e) {
                return e.decidedAt();
            }

            @Override
            public Instant visit(AdverseEventReported e) {
                return e.onsetDate().atStartOfDay(rome).toInstant();
            }

            @Override
            public Instant visit(SubjectDiscontinued e) {
                return e.discontinuationDate().atStartOfDay(rome).toInstant();
            }

            @Override
            public Instant visit(FollowUpCompleted e) {
                return e.completionDate().atStartOfDay(rome).toInstant();
            }
        });
    }
}
