package org.studyledger.center.intake;

import java.util.List;
import java.util.Optional;
import org.studyledger.center.subject.CenterContext;
import org.studyledger.center.subject.CommandRefused;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.validation.Problem;

/**
 * The writes a batch item may name, by the path of their single endpoint under {@code /api/v1}: each reads its body
 * with the same {@link IntakeCommands} reader as that endpoint, the subject (and assessment) taken from the path. And
 * the route a refusal's remedy takes: the aggregate says what to do instead, the intake says where to ask for it.
 */
public final class IntakeRoutes {
    /** Where the correction of an assessment is asked for. */
    private static final String CORRECTION = "POST /api/v1/subjects/%s/assessments/%s/corrections";

    /** The paths, as docs/api.md lists them. */
    static final List<String> PATTERNS = List.of("/subjects", "/subjects/{subject_id}/assessments",
            "/subjects/{subject_id}/assessments/{assessment_id}/corrections",
            "/subjects/{subject_id}/assessments/{assessment_id}/retraction", "/subjects/{subject_id}/doses",
            "/subjects/{subject_id}/withheld-doses", "/subjects/{subject_id}/adverse-events",
            "/subjects/{subject_id}/discontinuation", "/subjects/{subject_id}/follow-up-completion");

    private IntakeRoutes() {
    }

    /**
     * A refusal's problems as a client reads them, from any intake: the problem whose remedy is a correction also
     * names the route to ask for it.
     */
    public static List<Problem> explained(CommandRefused refused) {
        return refused.correction().map(correction -> refused.problems().stream()
                        .map(p -> p.equals(correction.problem()) ? new Problem(p.path(), p.message() + ": "
                                + CORRECTION.formatted(correction.subject(), correction.assessment())) : p)
                        .toList())
                .orElse(refused.problems());
    }

    /** A write, its path's subject and assessment already taken from it. */
    interface Route {
        SubjectCommand parse(FieldReader body, Provenance provenance, CenterContext center);
    }

    /** The write at {@code path} ({@code /subjects/PAV-001/doses}), if it is one. */
    static Optional<Route> route(String path) {
        String[] s = path.split("/", -1);
        if (s.length < 2 || !s[0].isEmpty() || !s[1].equals("subjects")) {
            return Optional.empty();
        }
        if (s.length == 2) {
            return Optional.of(IntakeCommands::enrol);
        }
        String subject = s[2];
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        if (s.length == 4) {
            Route route = switch (s[3]) {
                case "assessments" -> (r, p, c) -> {
                    r.rejectUnknown(IntakeCommands.ASSESSMENT_FIELDS);
                    return IntakeCommands.assessment(r, subject, r.items("items", false), p, c);
                };
                case "doses" -> (r, p, c) -> IntakeCommands.dose(r, subject, p, c);
                case "withheld-doses" -> (r, p, c) -> IntakeCommands.withheldDose(r, subject, p, c);
                case "adverse-events" -> (r, p, c) -> IntakeCommands.adverseEvent(r, subject, p, c);
                case "discontinuation" -> (r, p, c) -> IntakeCommands.discontinuation(r, subject, p, c);
                case "follow-up-completion" -> (r, p, c) -> IntakeCommands.followUp(r, subject, p, c);
                default -> null;
            };
            return Optional.ofNullable(route);
        }
        if (s.length == 6 && s[3].equals("assessments") && !s[4].isEmpty()) {
            String assessment = s[4];
            Route route = switch (s[5]) {
                case "corrections" -> (r, p, c) -> IntakeCommands.correction(r, subject, assessment, p);
                case "retraction" -> (r, p, c) -> IntakeCommands.retraction(r, subject, assessment, p);
                default -> null;
            };
            return Optional.ofNullable(route);
        }
        return Optional.empty();
    }
}
