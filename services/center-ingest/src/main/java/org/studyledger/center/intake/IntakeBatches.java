package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;
import org.studyledger.center.intake.request.BatchWriteRequest;
import org.studyledger.center.intake.request.RequestFields;
import org.studyledger.center.subject.AppendedTogether;
import org.studyledger.center.subject.CenterContext;
import org.studyledger.center.subject.CommandRefused;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Records a batch of writes (docs/api.md, "Batches") all or nothing, in the caller's transaction: each write is read as
 * the single write of its path reads it ({@link IntakeCommands}) and handed to the subject in order, so a later write
 * sees what an earlier one recorded (an enrolment, then its forms), a subject is loaded once for all its writes
 * (the repository's transaction-scoped cache), and the writes' events are appended together ({@link AppendedTogether}).
 * Every write is tried, so that one refusal names every problem of every write, each located by its index
 * ({@code [3].body.items.MADRS_01}); if there is any, nothing is recorded.
 */
@Service
public class IntakeBatches {
    /** What a batch item holds. */
    static final Set<String> ITEM_MEMBERS = RequestFields.of(BatchWriteRequest.class);

    private final CommandGateway commands;
    private final CenterContext center;

    IntakeBatches(CommandGateway commands, CenterContext center) {
        this.commands = commands;
        this.center = center;
    }

    /**
     * @param items        the batch's items, a JSON array already checked to be one of the allowed size
     * @param bodyProblems what reading the request body found, located by their paths ({@code [2].body.rater})
     * @param provenance   who records the write at a path: the caller, in the role that write's own endpoint takes
     * @return the recorded events, one per write, in order
     * @throws ValidationException naming every problem of every write, when there is any (the caller's transaction
     *                             must then roll back)
     */
    public List<RecordedEvent> record(JsonNode items, List<Problem> bodyProblems,
                                      java.util.function.Function<String, Provenance> provenance) {
        // What reading the body found outside any item (none is expected: the body is an array).
        List<Problem> problems = new ArrayList<>(bodyProblems.stream().filter(p -> !p.path().startsWith("[")).toList());
        List<RecordedEvent> recorded = new ArrayList<>();
        // The batch's events are appended together when it is recorded (one JDBC batch), not write by write.
        AppendedTogether.run(() -> {
            for (int i = 0; i < items.size(); i++) {
                String at = "[" + i + "]";
                List<Problem> earlier = bodyProblems.stream().filter(p -> within(p.path(), at)).toList();
                SubjectCommand command;
                try {
                    command = parse(items.get(i), at, earlier, provenance);
                } catch (ValidationException e) {
                    problems.addAll(e.problems());
                    continue;
                }
                try {
                    recorded.add(WireNames.send(commands, command));
                } catch (ValidationException e) {
                    e.problems().forEach(p -> problems.add(p.under(at + ".body")));
                } catch (CommandRefused e) {
                    IntakeRoutes.explained(e).forEach(p -> problems.add(p.under(at + ".body")));
                } catch (AggregateNotFoundException e) {
                    problems.add(new Problem(at + ".path", "subject " + e.getAggregateIdentifier()
                            + " is not enrolled at this center"));
                }
            }
            return problems.isEmpty();
        }, Boolean::booleanValue);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return recorded;
    }

    /** One item: {@code {"path": …, "body": {…}}}, read as the single write of that path reads its body. */
    private SubjectCommand parse(JsonNode item, String at, List<Problem> earlier,
                                 java.util.function.Function<String, Provenance> provenance) {
        if (item == null || !item.isObject()) {
            List<Problem> problems = new ArrayList<>(earlier);
            if (earlier.isEmpty()) {
                problems.add(new Problem(at, "must be an object {\"path\": …, \"body\": {…}}"));
            }
            throw new ValidationException(problems);
        }
        List<Problem> ofBody = earlier.stream().filter(p -> within(p.path(), at + ".body")).toList();
        List<Problem> ofItem = earlier.stream().filter(p -> !ofBody.contains(p)).toList();
        FieldReader fields = new FieldReader(new JsonFields(item), at, ofItem);
        fields.rejectUnknown(ITEM_MEMBERS);
        String path = fields.text("path", true);
        JsonNode body = item.get("body");
        if (body == null || body.isNull()) {
            fields.problem("body", "is required: the body the single write of this path takes");
        } else if (!body.isObject()) {
            fields.problem("body", "must be a JSON object: the body the single write of this path takes");
        }
        IntakeRoutes.Route route = path == null ? null : IntakeRoutes.route(path).orElse(null);
        if (path != null && route == null) {
            fields.problem("path", "'" + path + "' is not a write of the intake; one of " + IntakeRoutes.PATTERNS);
        }
        fields.throwIfProblems();
        FieldReader r = new FieldReader(new JsonFields(body), at + ".body", ofBody);
        return route.parse(r, provenance.apply(path), center);
    }

    /** Whether {@code path} is {@code at} or lies inside it ({@code [2].body.items.X} inside {@code [2].body}). */
    private static boolean within(String path, String at) {
        return path.equals(at) || path.startsWith(at + ".") || path.startsWith(at + "[");
    }
}
