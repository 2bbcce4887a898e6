package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.validation.Problem;

/** The aggregate names a command's fields; the intake answers with the wire's names of them. */
class WireNamesTest {
    @Test
    void namesACommandsFieldsAsTheWireDoes() {
        assertThat(WireNames.of(EnrolSubject.class, List.of(new Problem("birthYear", "gives an age of about 17"),
                new Problem("subjectId", "belongs to center MIL"), new Problem("failedAntidepressantTrials", "negative"))))
                .containsExactly(new Problem("birth_year", "gives an age of about 17"),
                        new Problem("subject_id", "belongs to center MIL"),
                        new Problem("failed_antidepressant_trials", "negative"));
        assertThat(WireNames.of(RecordDose.class, List.of(new Problem("doseMg", "not allowed"),
                new Problem("overrideReason", "only applies"), new Problem("bpBefore", "x"))))
                .extracting(Problem::path).containsExactly("dose_mg", "override_reason", "bp_before");
    }

    @Test
    void aRequestRecordsComponentNamedOtherwiseThanItsWireFieldIsNamedByItsWireName() {
        assertThat(WireNames.of(RecordAssessment.class, List.of(new Problem("instrumentCode", "unknown instrument"),
                new Problem("instrumentVersion", "not version 2"), new Problem("doseSession", "no session"))))
                .extracting(Problem::path).containsExactly("instrument", "instrument_version", "dose_session");
    }

    @Test
    void keepsWhatLiesInsideAFieldAndTheFieldsAPathNames() {
        assertThat(WireNames.of(CorrectAssessment.class, List.of(new Problem("items.MADRS_03", "got 9"),
                new Problem("assessmentId", "has no assessment"), new Problem("subjectId", "withdrew consent"))))
                .extracting(Problem::path).containsExactly("items.MADRS_03", "assessment_id", "subject_id");
    }

    @Test
    void leavesAPathThatNamesNoFieldOfTheCommandAsItIs() {
        assertThat(WireNames.of(RecordDose.class, List.of(new Problem("", "whole request"))))
                .containsExactly(new Problem("", "whole request"));
    }

    @Test
    void everyFieldOfEveryCommandButItsProvenanceHasAWireName() {
        for (Class<?> command : SubjectCommand.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            var type = (Class<? extends SubjectCommand>) command;
            List<String> fields = Arrays.stream(command.getRecordComponents()).map(c -> c.getName())
                    .filter(name -> !name.equals("provenance")).toList();
            assertThat(WireNames.of(type).keySet()).as(command.getSimpleName()).containsExactlyInAnyOrderElementsOf(fields);
            assertThat(WireNames.of(type).values()).allMatch(wire -> wire.matches("[a-z]+(_[a-z]+)*"));
        }
    }
}
