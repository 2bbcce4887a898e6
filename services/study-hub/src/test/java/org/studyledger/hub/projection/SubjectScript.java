package org.studyledger.hub.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.studyledger.hub.CenterKeys;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
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
 * A scripted subject history, sealed with the kernel and signed with its center's key ({@link CenterKeys}) exactly
 * as a center would publish it: sequence 0, 1, 2 …,
 * each envelope naming the previous one's hash, scores computed by the scoring engine, dose flags by the
 * protocol. {@link #feed} hands the envelopes to the ledger the way the Kafka consumer does.
 * Actors: enrolment and discontinuation by {@code inv-001} (investigator), assessments by {@code rater-017}
 * (rater), doses by {@code nurse-004} (study-nurse), corrections and retractions by {@code dm-001}
 * (data-manager). Each event is recorded 10 minutes after it occurred.
 */
public final class SubjectScript {
    public static final Actor INVESTIGATOR = new Actor("inv-001", "investigator");
    public static final Actor RATER = new Actor("rater-017", "rater");
    public static final Actor NURSE = new Actor("nurse-004", "study-nurse");
    public static final Actor DATA_MANAGER = new Actor("dm-001", "data-manager");
    private static final StudyId STUDY = new StudyId("ESK-TRD");
    private static final ScoringEngine SCORING = ScoringEngine.standard();
    private static final DosingRules DOSING = Protocol.eskTrd().dosing();
    private static final AtomicLong OFFSETS = new AtomicLong();

    private final SubjectId subject;
    private final List<EventEnvelope> envelopes = new ArrayList<>();
    private final TreeMap<String, InstrumentRef> instruments = new TreeMap<>();
    private String lastHash = EventHashes.GENESIS;
    private int fed;

    public SubjectScript(String subjectId) {
        this.subject = new SubjectId(subjectId);
    }

    public String id() {
        return subject.value();
    }

    public String center() {
        return subject.center().value();
    }

    public List<EventEnvelope> envelopes() {
        return List.copyOf(envelopes);
    }

    public EventEnvelope last() {
        return envelopes.get(envelopes.size() - 1);
    }

    // ------------------------------------------------------------------------------------- events

    public EventEnvelope enrol(String at, LocalDate date, int birthYear, Sex sex, int episodeMonths, int failedTrials) {
        return append(at, INVESTIGATOR, new SubjectEnrolled(date, date, "2.1", "ESK-TRD/1", birthYear, sex, episodeMonths,
                failedTrials));
    }

    /** An assessment at a visit; items are the instrument's items in order ({@code <CODE>_01} …). */
    public AssessmentId assess(String instrument, String visit, String at, Integer studyDay, int... items) {
        return assess(instrument, visit, null, at, studyDay, items(instrument, items));
    }

    /** A per-session form (CADSS) for dose session {@code session}. */
    public AssessmentId atSession(String instrument, int session, String at, Integer studyDay, int... items) {
        return assess(instrument, null, session, at, studyDay, items(instrument, items));
    }

    public AssessmentId assess(String instrument, String visit, Integer session, String at, Integer studyDay,
                               SortedMap<String, Integer> items) {
        return record(AssessmentId.random(), instrument, visit, session, at, studyDay, false, items);
    }

    /**
     * An assessment at a visit with its id and the study day and window flag the center recorded (against the first
     * dose it knew then). Events are in the order the script calls them: a form entered late comes after the events
     * entered before it, whenever it was administered.
     */
    public AssessmentId assess(AssessmentId id, String instrument, String visit, String at, Integer studyDay,
                               boolean outOfWindow, SortedMap<String, Integer> items) {
        return record(id, instrument, visit, null, at, studyDay, outOfWindow, items);
    }

    private AssessmentId record(AssessmentId id, String instrument, String visit, Integer session, String at,
                                Integer studyDay, boolean outOfWindow, SortedMap<String, Integer> items) {
        InstrumentRef ref = new InstrumentRef(instrument, "1");
        instruments.put(id.toString(), ref);
        append(at, RATER, new AssessmentRecorded(id, ref, visit, session, Instant.parse(at), RATER.id(), items,
                score(ref, items), studyDay, outOfWindow));
        return id;
    }

    public EventEnvelope correct(AssessmentId id, String at, String reason, int... items) {
        InstrumentRef ref = instruments.get(id.toString());
        SortedMap<String, Integer> corrected = items(ref.code(), items);
        return append(at, DATA_MANAGER, new AssessmentCorrected(id, corrected, score(ref, corrected), reason));
    }

    public EventEnvelope retract(AssessmentId id, String at, String reason) {
        return append(at, DATA_MANAGER, new AssessmentRetracted(id, reason));
    }

    /** A dose; its flags are what the protocol's dosing rules say about these readings. */
    public DoseId dose(int session, String at, int mg, BloodPressure before, BloodPressure after, int monitoring,
                       String overrideReason) {
        List<DoseFlag> flags = new ArrayList<>();
        if (DOSING.preDoseBpAboveThreshold(before)) {
            flags.add(DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD);
        }
        if (DOSING.notableBpRise(before, after)) {
            flags.add(DoseFlag.NOTABLE_BP_RISE);
        }
        if (DOSING.monitoringTooShort(monitoring)) {
            flags.add(DoseFlag.MONITORING_SHORT);
        }
        DoseId id = DoseId.random();
        append(at, NURSE, new DoseAdministered(id, session, Instant.parse(at), mg, DOSING.devicesFor(mg), before, after,
                monitoring, overrideReason, flags));
        return id;
    }

    public DoseId withhold(int session, String at, String reason, BloodPressure before) {
        DoseId id = DoseId.random();
        append(at, NURSE, new DoseWithheld(id, session, Instant.parse(at), reason, before));
        return id;
    }

    public EventEnvelope adverseEvent(String at, String term, LocalDate onset, AdverseEventSeverity severity,
                                      boolean serious, Relatedness relatedness) {
        return append(at, INVESTIGATOR, new AdverseEventReported(AdverseEventId.random(), term, onset, severity, serious,
                relatedness));
    }

    public EventEnvelope discontinue(String at, LocalDate date, String reason, boolean consentWithdrawn) {
        return append(at, INVESTIGATOR, new SubjectDiscontinued(date, reason, consentWithdrawn));
    }

    public EventEnvelope complete(String at, LocalDate date) {
        return append(at, INVESTIGATOR, new FollowUpCompleted(date));
    }

    // ------------------------------------------------------------------------------------- ledger

    /** Hands every envelope not yet fed to the ledger, in order, as messages of the center's topic. */
    public void feed(LedgerIntake intake, HubProperties hub) {
        for (; fed < envelopes.size(); fed++) {
            LedgerIntake.Outcome outcome = intake.accept(new LedgerIntake.Message(hub.topicOf(center()), 0,
                    OFFSETS.incrementAndGet(), id(), EnvelopeCodec.encode(envelopes.get(fed))));
            if (outcome != LedgerIntake.Outcome.APPENDED) {
                throw new IllegalStateException(id() + " #" + fed + " was not appended: " + outcome);
            }
        }
    }

    private EventEnvelope append(String at, Actor actor, StudyEvent event) {
        Instant occurred = Instant.parse(at);
        EventEnvelope e = CenterKeys.sign(EnvelopeCodec.seal(new EnvelopeHeader(UUID.randomUUID(), STUDY, subject.center(),
                subject, envelopes.size(), occurred, occurred.plus(10, ChronoUnit.MINUTES), actor, "api", lastHash), event));
        lastHash = e.hash();
        envelopes.add(e);
        return e;
    }

    /** Items {@code <CODE>_01}, {@code <CODE>_02} … with these values (RFQ8 → RFQ8_01 …). */
    public static SortedMap<String, Integer> items(String instrument, int... values) {
        SortedMap<String, Integer> items = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            items.put("%s_%02d".formatted(instrument, i + 1), values[i]);
        }
        return items;
    }

    private static ScoreSet score(InstrumentRef ref, SortedMap<String, Integer> items) {
        return SCORING.scoreOrThrow(ref, items).scores();
    }
}
