package org.studyledger.center.intake;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.studyledger.center.intake.request.CompleteFollowUpRequest;
import org.studyledger.center.intake.request.CorrectAssessmentRequest;
import org.studyledger.center.intake.request.DiscontinueSubjectRequest;
import org.studyledger.center.intake.request.EnrolSubjectRequest;
import org.studyledger.center.intake.request.RecordAssessmentRequest;
import org.studyledger.center.intake.request.RecordDoseRequest;
import org.studyledger.center.intake.request.ReportAdverseEventRequest;
import org.studyledger.center.intake.request.RequestFields;
import org.studyledger.center.intake.request.RetractAssessmentRequest;
import org.studyledger.center.intake.request.WithholdDoseRequest;
import org.studyledger.center.subject.CommandRefused;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.kernel.subject.command.CompleteFollowUp;
import org.studyledger.kernel.subject.command.CorrectAssessment;
import org.studyledger.kernel.subject.command.DiscontinueSubject;
import org.studyledger.kernel.subject.command.EnrolSubject;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.command.RecordDose;
import org.studyledger.kernel.subject.command.ReportAdverseEvent;
import org.studyledger.kernel.subject.command.RetractAssessment;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.subject.command.WithholdDose;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * The intake's names for a command's fields: the aggregate and {@link org.studyledger.center.subject.CommandChecks}
 * locate a problem at the command's field ({@code birthYear}, {@code items.MADRS_03}); a client reads it at the wire
 * field it sent ({@code birth_year}). The names come from the request records, whose components are named as the
 * command's and carry the wire names, and from the path parameters for what a path names. A command field without a
 * wire name fails this class's initialisation, so no field can go unnamed.
 */
public final class WireNames {
    /** What the intake takes from a write's path rather than its body ({@code /subjects/{subject_id}/…}). */
    private static final Map<String, String> PATH_PARAMETERS = Map.of("subjectId", "subject_id",
            "assessmentId", "assessment_id");

    private static final Map<Class<? extends SubjectCommand>, Map<String, String>> NAMES = Map.of(
            EnrolSubject.class, names(EnrolSubject.class, EnrolSubjectRequest.class),
            RecordAssessment.class, names(RecordAssessment.class, RecordAssessmentRequest.class),
            CorrectAssessment.class, names(CorrectAssessment.class, CorrectAssessmentRequest.class),
            RetractAssessment.class, names(RetractAssessment.class, RetractAssessmentRequest.class),
            RecordDose.class, names(RecordDose.class, RecordDoseRequest.class),
            WithholdDose.class, names(WithholdDose.class, WithholdDoseRequest.class),
            ReportAdverseEvent.class, names(ReportAdverseEvent.class, ReportAdverseEventRequest.class),
            DiscontinueSubject.class, names(DiscontinueSubject.class, DiscontinueSubjectRequest.class),
            CompleteFollowUp.class, names(CompleteFollowUp.class, CompleteFollowUpRequest.class));

    private WireNames() {
    }

    /** Hands {@code command} to its subject; a refusal comes back with its problems at the wire's names. */
    public static RecordedEvent send(CommandGateway commands, SubjectCommand command) {
        try {
            return commands.sendAndWait(command);
        } catch (ValidationException e) {
            throw new ValidationException(of(command.getClass(), e.problems()));
        } catch (CommandRefused e) {
            CommandRefused.Correction correction = e.correction()
                    .map(c -> new CommandRefused.Correction(of(command.getClass(), c.problem()), c.subject(), c.assessment()))
                    .orElse(null);
            throw new CommandRefused(e.reason(), of(command.getClass(), e.problems()), correction);
        }
    }

    /** {@code problems} of a {@code command}'s fields, located at the wire's names. */
    public static List<Problem> of(Class<? extends SubjectCommand> command, List<Problem> problems) {
        return problems.stream().map(p -> of(command, p)).toList();
    }

    static Problem of(Class<? extends SubjectCommand> command, Problem problem) {
        String path = problem.path();
        int end = 0;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        String wire = NAMES.get(command).get(path.substring(0, end));
        return wire == null ? problem : new Problem(wire + path.substring(end), problem.message());
    }

    /** The wire name of each of {@code command}'s fields but its provenance (which the intake takes from the caller). */
    static Map<String, String> of(Class<? extends SubjectCommand> command) {
        return NAMES.get(command);
    }

    private static Map<String, String> names(Class<? extends SubjectCommand> command, Class<? extends Record> request) {
        Map<String, String> inBody = RequestFields.byComponent(request);
        Map<String, String> names = new HashMap<>();
        for (RecordComponent component : command.getRecordComponents()) {
            String field = component.getName();
            if (field.equals("provenance")) {
                continue;
            }
            String wire = inBody.containsKey(field) ? inBody.get(field) : PATH_PARAMETERS.get(field);
            if (wire == null) {
                throw new IllegalStateException(command.getSimpleName() + "." + field + " has no wire name: neither "
                        + request.getSimpleName() + " nor a path parameter names it");
            }
            names.put(field, wire);
        }
        return Map.copyOf(names);
    }
}
