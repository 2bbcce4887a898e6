package org.studyledger.center.subject;

import static org.hamcrest.Matchers.containsString;
import static org.studyledger.center.subject.SubjectFixtures.CONSENT_DATE;
import static org.studyledger.center.subject.SubjectFixtures.ENROLMENT_DATE;
import static org.studyledger.center.subject.SubjectFixtures.SUBJECT;
import static org.studyledger.center.subject.SubjectFixtures.TODAY;
import static org.studyledger.center.subject.SubjectFixtures.BY_NURSE;
import static org.studyledger.center.subject.SubjectFixtures.enrol;
import static org.studyledger.center.subject.SubjectFixtures.enrolled;
import static org.studyledger.center.subject.SubjectFixtures.matching;
import static org.studyledger.center.subject.SubjectFixtures.newFixture;
import static org.studyledger.center.subject.SubjectFixtures.payloadsMatching;
import static org.studyledger.center.subject.SubjectFixtures.problemsAt;
import static org.studyledger.center.subject.SubjectFixtures.recorded;
import static org.studyledger.center.subject.SubjectFixtures.refused;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.validation.ValidationException;

class SubjectEnrolmentTest {
    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void enrolsANewSubjectOfThisCenter() {
        fixture.givenNoPriorActivity()
                .when(enrol())
                .expectSuccessfulHandlerExecution()
                .expectEvents(enrolled())
                .expectResultMessagePayloadMatching(recorded("SubjectEnrolled", 0,
                        r -> r.previousHash().equals(EventHashes.GENESIS) && r.scores() == null,
                        "the genesis previous hash and no scores"));
    }

    @Test
    void recordsTheProtocolVersionTheCenterFollows() {
        fixture.givenNoPriorActivity()
                .when(enrol())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching("one SubjectEnrolled under ESK-TRD/1",
                        payloads -> payloads.size() == 1
                                && payloads.get(0) instanceof SubjectEnrolled e && e.protocolVersion().equals("ESK-TRD/1")));
    }

    @Test
    void enrolsWithConsentSignedOnTheEnrolmentDay() {
        fixture.givenNoPriorActivity()
                .when(enrol(SUBJECT, ENROLMENT_DATE, ENROLMENT_DATE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectEnrolled(ENROLMENT_DATE, ENROLMENT_DATE, "2.1", "ESK-TRD/1", 1975, Sex.F, 14, 3));
    }

    @Test
    void enrolsToday() {
        fixture.givenNoPriorActivity()
                .when(enrol(SUBJECT, TODAY, CONSENT_DATE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectEnrolled(TODAY, CONSENT_DATE, "2.1", "ESK-TRD/1", 1975, Sex.F, 14, 3));
    }

    @Test
    void refusesASubjectOfAnotherCenter() {
        fixture.givenNoPriorActivity()
                .when(enrol(SubjectId.of("MIL-001"), ENROLMENT_DATE, CONSENT_DATE))
                .expectException(problemsAt("subjectId"))
                .expectExceptionMessage(containsString("belongs to center MIL; this is center PAV"))
                .expectNoEvents();
    }

    @Test
    void refusesASubjectAlreadyEnrolled() {
        fixture.givenCommands(enrol())
                .when(enrol())
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subjectId"))
                .expectExceptionMessage(containsString("PAV-001 is already enrolled (since 2026-01-08)"))
                .expectNoEvents();
    }

    @Test
    void refusesConsentSignedAfterEnrolment() {
        fixture.givenNoPriorActivity()
                .when(enrol(SUBJECT, ENROLMENT_DATE, ENROLMENT_DATE.plusDays(1)))
                .expectException(problemsAt("consentDate"))
                .expectExceptionMessage(containsString("on or before the enrolment date 2026-01-08"))
                .expectNoEvents();
    }

    @Test
    void refusesAnEnrolmentDateInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(enrol(SUBJECT, TODAY.plusDays(1), CONSENT_DATE))
                .expectException(problemsAt("enrolmentDate"))
                .expectExceptionMessage(containsString("must not be in the future (today is 2026-03-02)"))
                .expectNoEvents();
    }

    @Test
    void namesTheCommandsFieldsNotTheWireFields() {
        // The aggregate knows the command, not the request: the intake names these as its wire fields (birth_year).
        List<String> fields = Arrays.stream(EnrolSubject.class.getRecordComponents()).map(RecordComponent::getName).toList();
        fixture.givenNoPriorActivity()
                .when(new EnrolSubject(SubjectId.of("MIL-002"), TODAY.plusDays(1), TODAY.plusDays(2), " ", 2015, Sex.M,
                        -1, -2, BY_NURSE))
                .expectException(matching("problems at EnrolSubject's components only", ValidationException.class,
                        e -> e.problems().size() == 7 && e.problems().stream().allMatch(p -> fields.contains(p.path()))));
    }

    @Test
    void reportsEveryWrongFieldAtOnceTogetherWithTheWrongCenter() {
        fixture.givenNoPriorActivity()
                .when(new EnrolSubject(SubjectId.of("MIL-002"), TODAY.plusDays(1), TODAY.plusDays(2), "2.1", 2015, Sex.M,
                        -1, -2, BY_NURSE))
                .expectException(problemsAt("subjectId", "enrolmentDate", "consentDate", "birthYear",
                        "episodeDurationMonths", "failedAntidepressantTrials"))
                .expectNoEvents();
    }

    @Test
    void refusesAMinor() {
        fixture.givenNoPriorActivity()
                .when(new EnrolSubject(SUBJECT, ENROLMENT_DATE, CONSENT_DATE, "2.1", 2009, Sex.F, 14, 3, BY_NURSE))
                .expectException(ValidationException.class)
                .expectException(problemsAt("birthYear"))
                .expectExceptionMessage(containsString("age of about 17"))
                .expectNoEvents();
    }
}
