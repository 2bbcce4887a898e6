package org.studyledger.kernel.subject.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;

/**
 * A command that exists is complete: each command's constructor refuses a null in every field but those the protocol
 * makes optional, which its javadoc names. Every component of every command is tried, so a field added later is
 * covered without changing this test.
 */
class CompleteCommandsTest {
    private static final SubjectId SUBJECT = SubjectId.of("PAV-001");
    private static final Provenance BY = Provenance.api(new Actor("nurse-003", "study-nurse"));
    private static final Instant AT = Instant.parse("2026-01-12T09:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 1, 12);
    private static final BloodPressure BP = new BloodPressure(130, 80);

    /** The fields that may be null, by command: where the protocol makes a value optional. */
    private static final Map<Class<?>, Set<String>> OPTIONAL = Map.of(
            RecordAssessment.class, Set.of("instrumentVersion", "visit", "doseSession"),
            RecordDose.class, Set.of("overrideReason"),
            WithholdDose.class, Set.of("bpBefore"));

    static List<Record> commands() {
        return List.of(
                new EnrolSubject(SUBJECT, DAY, DAY, "2.1", 1975, Sex.F, 14, 3, BY),
                new RecordAssessment(SUBJECT, AssessmentId.random(), "MADRS", "1", "T0", null, AT, "rater-017",
                        Map.of("MADRS_01", 1), BY),
                new CorrectAssessment(SUBJECT, AssessmentId.random(), Map.of("MADRS_01", 2), "typo", BY),
                new RetractAssessment(SUBJECT, AssessmentId.random(), "wrong subject", BY),
                new RecordDose(SUBJECT, DoseId.random(), AT, 56, 2, BP, BP, 120, "checked", BY),
                new WithholdDose(SUBJECT, DoseId.random(), AT, "did not attend", BP, BY),
                new ReportAdverseEvent(SUBJECT, AdverseEventId.random(), "nausea", DAY, AdverseEventSeverity.MILD, false,
                        Relatedness.PROBABLE, BY),
                new DiscontinueSubject(SUBJECT, DAY, "lack of efficacy", false, BY),
                new CompleteFollowUp(SUBJECT, DAY, BY));
    }

    @Test
    void everyCommandIsTried() {
        assertThat(commands().stream().<Object>map(Object::getClass).toList())
                .containsExactlyInAnyOrder((Object[]) SubjectCommand.class.getPermittedSubclasses());
    }

    static Stream<Object[]> fields() {
        return commands().stream().flatMap(command -> Arrays.stream(command.getClass().getRecordComponents())
                .filter(c -> !c.getType().isPrimitive())
                .map(c -> new Object[] {command, c.getName()}));
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("fields")
    void aRequiredFieldCannotBeNull(Record command, String field) throws Exception {
        boolean optional = OPTIONAL.getOrDefault(command.getClass(), Set.of()).contains(field);
        if (optional) {
            assertThatCode(() -> withNull(command, field)).doesNotThrowAnyException();
        } else {
            Throwable refused = catchThrowable(() -> withNull(command, field));
            assertThat(refused).as("%s without %s", command.getClass().getSimpleName(), field)
                    .isInstanceOf(NullPointerException.class).hasMessage(field);
        }
    }

    /** {@code command} made again with {@code field} null and every other field as it was. */
    private static Record withNull(Record command, String field) throws Exception {
        RecordComponent[] components = command.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals(field) ? null : components[i].getAccessor().invoke(command);
        }
        Constructor<?> constructor = command.getClass().getDeclaredConstructor(types);
        try {
            return (Record) constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
