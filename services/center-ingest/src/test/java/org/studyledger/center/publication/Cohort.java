package org.studyledger.center.publication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;

/** Records small, valid subject histories through the command bus, as the intake would. */
final class Cohort {
    static final Provenance NURSE = Provenance.api(new Actor("nurse-07", "study-nurse"));

    private final CommandGateway commands;

    Cohort(CommandGateway commands) {
        this.commands = commands;
    }

    RecordedEvent enrol(String subject) {
        return commands.sendAndWait(new EnrolSubject(SubjectId.of(subject), LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 5), "2.1", 1970, Sex.F, 12, 3, NURSE));
    }

    RecordedEvent dose(String subject, int session) {
        Instant at = Instant.parse("2026-01-12T09:00:00Z").plusSeconds(3L * 86_400 * session);
        return commands.sendAndWait(new RecordDose(SubjectId.of(subject), DoseId.random(), at, 56, 2,
                new BloodPressure(125, 80), new BloodPressure(132, 84), 120, null, NURSE));
    }

    RecordedEvent adverseEvent(String subject, String term) {
        return commands.sendAndWait(new ReportAdverseEvent(SubjectId.of(subject), AdverseEventId.random(), term,
                LocalDate.of(2026, 1, 13), AdverseEventSeverity.MILD, false, Relatedness.POSSIBLE, NURSE));
    }

    /** {@code subjects} subjects with {@code dosesEach} sessions each: 1 + dosesEach events per subject. */
    List<RecordedEvent> record(String center, int firstNumber, int subjects, int dosesEach) {
        List<RecordedEvent> recorded = new ArrayList<>();
        for (int s = firstNumber; s < firstNumber + subjects; s++) {
            String subject = "%s-%03d".formatted(center, s);
            recorded.add(enrol(subject));
            for (int d = 0; d < dosesEach; d++) {
                recorded.add(dose(subject, d));
            }
        }
        return recorded;
    }
}
