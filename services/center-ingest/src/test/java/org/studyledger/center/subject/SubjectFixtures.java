package org.studyledger.center.subject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
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
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.command.RetractAssessment;
import org.studyledger.kernel.subject.command.WithholdDose;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Shared test data for the Subject aggregate suites: one center (PAV, Europe/Rome) on protocol ESK-TRD/1 with
 * a fixed clock, one subject (PAV-001) and builders of valid commands that a test changes one field at a time.
 *
 * <p>Timeline: consent 2026-01-05, enrolment 2026-01-08, first dose Monday 2026-01-12 10:00 in Pavia (study day 1),
 * "now" 2026-03-02 11:00 in Pavia.
 */
final class SubjectFixtures {
    static final ZoneId ZONE = ZoneId.of("Europe/Rome");
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final StudyId STUDY = StudyId.of("ESK-TRD");
    static final CenterId PAV = CenterId.of("PAV");
    static final Protocol PROTOCOL = Protocol.eskTrd();
    /** The center's signing key (a new pair per run: tests check signatures against its public half). */
    static final SigningKey KEY = SigningKey.generate(PAV, Instant.parse("2025-12-01T08:00:00Z"));
    static final CenterContext CONTEXT = context(new CenterSigner(KEY));

    static final SubjectId SUBJECT = SubjectId.of("PAV-001");
    static final LocalDate CONSENT_DATE = LocalDate.of(2026, 1, 5);
    static final LocalDate ENROLMENT_DATE = LocalDate.of(2026, 1, 8);

    static final Actor NURSE = new Actor("nurse-003", "study-nurse");
    static final Actor RATER = new Actor("rater-017", "rater");
    static final Provenance BY_NURSE = Provenance.api(NURSE);
    static final Provenance BY_RATER = Provenance.api(RATER);

    /** Baseline rating, 09:00 in Pavia on the day of the first dose. */
    static final Instant BASELINE_AT = Instant.parse("2026-01-12T08:00:00Z");
    /** First dose, 10:00 in Pavia on Monday 12 January 2026: study day 1. */
    static final Instant FIRST_DOSE_AT = Instant.parse("2026-01-12T09:00:00Z");

    static final InstrumentRef MADRS_1 = new InstrumentRef("MADRS", "1");
    static final InstrumentRef CADSS_1 = new InstrumentRef("CADSS", "1");
    static final InstrumentRef RFQ8_1 = new InstrumentRef("RFQ8", "1");

    static final AssessmentId BASELINE_MADRS = AssessmentId.of("a0000000-0000-4000-8000-000000000001");
    static final AssessmentId SECOND_ASSESSMENT = AssessmentId.of("a0000000-0000-4000-8000-000000000002");
    static final AssessmentId THIRD_ASSESSMENT = AssessmentId.of("a0000000-0000-4000-8000-000000000003");
    static final DoseId DOSE_1 = DoseId.of("d0000000-0000-4000-8000-000000000001");
    static final DoseId DOSE_2 = DoseId.of("d0000000-0000-4000-8000-000000000002");
    static final DoseId DOSE_3 = DoseId.of("d0000000-0000-4000-8000-000000000003");
    static final AdverseEventId AE_1 = AdverseEventId.of("e0000000-0000-4000-8000-000000000001");
    static final AdverseEventId AE_2 = AdverseEventId.of("e0000000-0000-4000-8000-000000000002");

    static final BloodPressure NORMAL_BP_BEFORE = new BloodPressure(130, 80);
    static final BloodPressure NORMAL_BP_AFTER = new BloodPressure(145, 85);

    private SubjectFixtures() {
    }

    static AggregateTestFixture<Subject> newFixture() {
        return newFixture(CONTEXT);
    }

    static AggregateTestFixture<Subject> newFixture(CenterContext context) {
        AggregateTestFixture<Subject> fixture = new AggregateTestFixture<>(Subject.class);
        fixture.registerInjectableResource(context);
        return fixture;
    }

    /** The fixtures' center, signing with {@code signer}. */
    static CenterContext context(CenterSigner signer) {
        return new CenterContext(STUDY, PAV, PROTOCOL, ScoringEngine.standard(), ZONE, Clock.fixed(NOW, ZONE), signer);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    // ---------------------------------------------------------------- enrolment

    static EnrolSubject enrol() {
        return enrol(SUBJECT, ENROLMENT_DATE, CONSENT_DATE);
    }

    /** {@link #enrol()} of a subject born in {@code birthYear}. */
    static EnrolSubject enrolBornIn(int birthYear) {
        return new EnrolSubject(SUBJECT, ENROLMENT_DATE, CONSENT_DATE, "2.1", birthYear, Sex.F, 14, 3, BY_NURSE);
    }

    static EnrolSubject enrol(SubjectId subject, LocalDate enrolmentDate, LocalDate consentDate) {
        return new EnrolSubject(subject, enrolmentDate, consentDate, "2.1", 1975, Sex.F, 14, 3, BY_NURSE);
    }

    /** What {@link #enrol()} records. */
    static SubjectEnrolled enrolled() {
        return new SubjectEnrolled(ENROLMENT_DATE, CONSENT_DATE, "2.1", "ESK-TRD/1", 1975, Sex.F, 14, 3);
    }

    // ---------------------------------------------------------------- assessments

    /** MADRS items MADRS_01..MADRS_10 with the given values (in item order). */
    static Map<String, Object> madrsItems(int... values) {
        return items("MADRS", 10, values);
    }

    /** A baseline MADRS: 4+4+3+3+3+3+3+2+1+1 = 27, "moderate" (20–34). */
    static Map<String, Object> baselineMadrsItems() {
        return madrsItems(4, 4, 3, 3, 3, 3, 3, 2, 1, 1);
    }

    /** CADSS_01..CADSS_23: 2, 2, 2 and then 0 for the rest; total 6, above 4. */
    static Map<String, Object> cadssItems() {
        int[] values = new int[23];
        values[0] = 2;
        values[1] = 2;
        values[2] = 2;
        return items("CADSS", 23, values);
    }

    static Map<String, Object> items(String code, int count, int... values) {
        if (values.length != count) {
            throw new IllegalArgumentException(code + " has " + count + " items, got " + values.length + " values");
        }
        Map<String, Object> items = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            items.put("%s_%02d".formatted(code, i + 1), values[i]);
        }
        return items;
    }

    /** The responses as the scoring engine normalises them (whole numbers by item code). */
    static SortedMap<String, Integer> normalised(Map<String, ?> responses) {
        SortedMap<String, Integer> items = new TreeMap<>();
        responses.forEach((code, value) -> items.put(code, ((Number) value).intValue()));
        return items;
    }

    static ScoreSet madrsScores(int total, String severity) {
        return new ScoreSet(new TreeMap<>(Map.of("MADRS_TOTAL", BigDecimal.valueOf(total))),
                new TreeMap<>(Map.of("MADRS_SEVERITY", severity)));
    }

    static RecordAssessment recordMadrs(AssessmentId id, String visit, Instant administeredAt) {
        return recordAtVisit(id, "MADRS", visit, administeredAt, baselineMadrsItems());
    }

    static RecordAssessment recordAtVisit(AssessmentId id, String instrument, String visit, Instant administeredAt,
                                          Map<String, ?> responses) {
        return new RecordAssessment(SUBJECT, id, instrument, null, visit, null, administeredAt, RATER.id(), responses,
                BY_RATER);
    }

    static RecordAssessment recordAtSession(AssessmentId id, String instrument, int session, Instant administeredAt,
                                            Map<String, ?> responses) {
        return new RecordAssessment(SUBJECT, id, instrument, null, null, session, administeredAt, RATER.id(), responses,
                BY_RATER);
    }

    static CorrectAssessment correct(AssessmentId id, Map<String, ?> responses, String reason) {
        return new CorrectAssessment(SUBJECT, id, responses, reason, BY_RATER);
    }

    static RetractAssessment retract(AssessmentId id, String reason) {
        return new RetractAssessment(SUBJECT, id, reason, BY_RATER);
    }

    // ---------------------------------------------------------------- dosing

    /** 56 mg with 2 devices, BP 130/80 → 145/85, monitored 120 minutes: nothing to flag. */
    static RecordDose dose(DoseId id, Instant administeredAt) {
        return dose(id, administeredAt, 56, 2, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null);
    }

    static RecordDose dose(DoseId id, Instant administeredAt, int doseMg, int devices, BloodPressure before,
                           BloodPressure after, int monitoringMinutes, String overrideReason) {
        return new RecordDose(SUBJECT, id, administeredAt, doseMg, devices, before, after, monitoringMinutes,
                overrideReason, BY_NURSE);
    }

    /** What {@link #dose(DoseId, Instant)} records as the given session. */
    static DoseAdministered administered(DoseId id, int session, Instant administeredAt) {
        return new DoseAdministered(id, session, administeredAt, 56, 2, NORMAL_BP_BEFORE, NORMAL_BP_AFTER, 120, null,
                List.of());
    }

    static DoseAdministered administered(RecordDose cmd, int session, DoseFlag... flags) {
        return new DoseAdministered(cmd.doseId(), session, cmd.administeredAt(), cmd.doseMg(), cmd.devices(),
                cmd.bpBefore(), cmd.bpAfter(), cmd.monitoringMinutes(), cmd.overrideReason(), Arrays.asList(flags));
    }

    static WithholdDose withhold(DoseId id, Instant decidedAt, String reason) {
        return new WithholdDose(SUBJECT, id, decidedAt, reason, new BloodPressure(165, 100), BY_NURSE);
    }

    // ---------------------------------------------------------------- safety and disposition

    static ReportAdverseEvent adverseEvent(AdverseEventId id, LocalDate onset) {
        return new ReportAdverseEvent(SUBJECT, id, "dissociation", onset, AdverseEventSeverity.MILD, false,
                Relatedness.PROBABLE, BY_NURSE);
    }

    static AdverseEventReported adverseEventReported(AdverseEventId id, LocalDate onset) {
        return new AdverseEventReported(id, "dissociation", onset, AdverseEventSeverity.MILD, false, Relatedness.PROBABLE);
    }

    static DiscontinueSubject discontinue(LocalDate date, boolean consentWithdrawn) {
        return new DiscontinueSubject(SUBJECT, date, consentWithdrawn ? "withdrew consent" : "lack of efficacy",
                consentWithdrawn, BY_NURSE);
    }

    static CompleteFollowUp completeFollowUp(LocalDate date) {
        return new CompleteFollowUp(SUBJECT, date, BY_NURSE);
    }

    // ---------------------------------------------------------------- matchers

    /** A {@link ValidationException} whose problems are at exactly these paths (each once, any order). */
    static Matcher<Object> problemsAt(String... paths) {
        List<String> expected = Arrays.stream(paths).sorted().toList();
        return new TypeSafeMatcher<>(ValidationException.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return paths((ValidationException) item).equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a ValidationException with problems at exactly ").appendValue(expected);
            }

            @Override
            protected void describeMismatchSafely(Object item, Description mismatch) {
                mismatch.appendText("its problems were ").appendValue(((ValidationException) item).problems());
            }

            private List<String> paths(ValidationException e) {
                return e.problems().stream().map(Problem::path).sorted().toList();
            }
        };
    }

    /** A {@link CommandRefused} of this kind, located at this path. */
    static Matcher<Object> refused(CommandRefused.Reason reason, String path) {
        return new TypeSafeMatcher<>(CommandRefused.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                CommandRefused refused = (CommandRefused) item;
                return refused.reason() == reason && refused.problems().size() == 1
                        && refused.problems().get(0).path().equals(path);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a CommandRefused ").appendValue(reason).appendText(" at ").appendValue(path);
            }

            @Override
            protected void describeMismatchSafely(Object item, Description mismatch) {
                CommandRefused refused = (CommandRefused) item;
                mismatch.appendText("was ").appendValue(refused.reason()).appendText(" with ")
                        .appendValue(refused.problems());
            }
        };
    }

    /** A {@link CommandRefused} of this kind whose problems are at exactly these paths (each once, any order). */
    /** A conflict whose remedy is to correct {@code existing}, the problem naming it saying so. */
    static Matcher<Object> pointsToCorrectionOf(AssessmentId existing) {
        return new TypeSafeMatcher<>(CommandRefused.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                CommandRefused refused = (CommandRefused) item;
                return refused.correction()
                        .filter(c -> c.assessment().equals(existing) && c.subject().equals(SUBJECT)
                                && refused.problems().contains(c.problem())
                                && c.problem().message().endsWith("(" + existing + "); to change it, correct it"))
                        .isPresent();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a CommandRefused pointing to the correction of ").appendValue(existing);
            }
        };
    }

    static Matcher<Object> refusedAt(CommandRefused.Reason reason, String... paths) {
        List<String> expected = Arrays.stream(paths).sorted().toList();
        return new TypeSafeMatcher<>(CommandRefused.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                CommandRefused refused = (CommandRefused) item;
                return refused.reason() == reason
                        && refused.problems().stream().map(Problem::path).sorted().toList().equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a CommandRefused ").appendValue(reason).appendText(" with problems at exactly ")
                        .appendValue(expected);
            }

            @Override
            protected void describeMismatchSafely(Object item, Description mismatch) {
                CommandRefused refused = (CommandRefused) item;
                mismatch.appendText("was ").appendValue(refused.reason()).appendText(" with ")
                        .appendValue(refused.problems());
            }
        };
    }

    /** The {@link RecordedEvent} a handler returns, of this type and at this place in the chain. */
    static Matcher<Object> recorded(String eventType, long sequence) {
        return recorded(eventType, sequence, r -> true, "");
    }

    static Matcher<Object> recorded(String eventType, long sequence, Predicate<RecordedEvent> more, String moreText) {
        return matching("a RecordedEvent " + eventType + " #" + sequence + (moreText.isEmpty() ? "" : " with " + moreText),
                RecordedEvent.class,
                r -> r.eventType().equals(eventType) && r.sequence() == sequence && r.subjectId().equals(SUBJECT.value())
                        && r.hash() != null && r.previousHash() != null && more.test(r));
    }

    /** Over the events a command applied: their payloads, in order. */
    static Matcher<List<EventMessage<?>>> payloadsMatching(String text, Predicate<List<Object>> test) {
        return eventsMatching(text, events -> test.test(events.stream().<Object>map(EventMessage::getPayload).toList()));
    }

    /** Over the events a command applied, as messages (payload and metadata). */
    static Matcher<List<EventMessage<?>>> eventsMatching(String text, Predicate<List<EventMessage<?>>> test) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return test.test(events);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(text);
            }
        };
    }

    static <T> Matcher<Object> matching(String text, Class<T> type, Predicate<T> test) {
        return new TypeSafeMatcher<>(type) {
            @Override
            protected boolean matchesSafely(Object item) {
                return test.test(type.cast(item));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(text);
            }
        };
    }

    static boolean hasScore(RecordedEvent recorded, String code, String value) {
        return recorded.scores() != null && recorded.scores().score(code) != null
                && recorded.scores().score(code).compareTo(new BigDecimal(value)) == 0;
    }
}
