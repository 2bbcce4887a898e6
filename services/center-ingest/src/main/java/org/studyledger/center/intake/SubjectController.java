package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.center.intake.request.CompleteFollowUpRequest;
import org.studyledger.center.intake.request.CorrectAssessmentRequest;
import org.studyledger.center.intake.request.DiscontinueSubjectRequest;
import org.studyledger.center.intake.request.EnrolSubjectRequest;
import org.studyledger.center.intake.request.RecordAssessmentRequest;
import org.studyledger.center.intake.request.RecordDoseRequest;
import org.studyledger.center.intake.request.ReportAdverseEventRequest;
import org.studyledger.center.intake.request.RetractAssessmentRequest;
import org.studyledger.center.intake.request.WithholdDoseRequest;
import org.studyledger.center.subject.CenterContext;
import org.studyledger.center.subject.CommandRefused;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.center.subject.query.SubjectView;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.subject.query.FindSubject;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;
import org.studyledger.support.actor.RequestActor;

/**
 * The center's REST intake. Every write is recorded as its actor: the access token's subject, in the role the rule
 * table let it act in ({@link RequestActor}). A write
 * may carry an {@code Idempotency-Key}, and answers with the stored event's id, sequence and hash (and
 * scores, for assessments) or with problem details naming every field at fault.
 */
@RestController
@RequestMapping(path = "/api/v1/subjects", produces = MediaType.APPLICATION_JSON_VALUE)
public class SubjectController {
    private static final String SUBJECT_ROUTE = "POST /subjects/{subjectId}";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final IdempotentRequests idempotent;
    private final CenterContext center;

    SubjectController(CommandGateway commands, QueryGateway queries, IdempotentRequests idempotent, CenterContext center) {
        this.commands = commands;
        this.queries = queries;
        this.idempotent = idempotent;
        this.center = center;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = EnrolSubjectRequest.class)))
    public ResponseEntity<Object> enrol(@RequestBody JsonBody body, @RequestHeader HttpHeaders headers) {
        JsonNode subject = body.tree().path("subject_id");
        return write("POST /subjects", "POST /subjects", subject.isTextual() ? subject.textValue() : null, body, headers,
                p -> IntakeCommands.enrol(JsonFields.reader(body), p, center));
    }

    @GetMapping("/{subjectId}")
    public SubjectView subject(@PathVariable String subjectId) {
        if (!SubjectId.isValid(subjectId)) {
            throw new ValidationException(new Problem("subject_id", "must be <CENTER>-<NNN> (e.g. PAV-001), got '" + subjectId + "'"));
        }
        SubjectView view = queries.query(new FindSubject(SubjectId.of(subjectId)),
                ResponseTypes.instanceOf(SubjectView.class)).join();
        if (view == null) {
            throw CommandRefused.notFound("subject_id", "subject " + subjectId + " is not enrolled at this center");
        }
        return view;
    }

    @PostMapping(path = "/{subjectId}/assessments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = RecordAssessmentRequest.class)))
    public ResponseEntity<Object> recordAssessment(@PathVariable String subjectId, @RequestBody JsonBody body,
                                                   @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/assessments", "POST /subjects/" + subjectId + "/assessments", subjectId, body,
                headers, p -> {
                    FieldReader r = JsonFields.reader(body);
                    r.rejectUnknown(IntakeCommands.ASSESSMENT_FIELDS);
                    return IntakeCommands.assessment(r, subjectId, r.items("items", false), p, center);
                });
    }

    @PostMapping(path = "/{subjectId}/assessments/{assessmentId}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = CorrectAssessmentRequest.class)))
    public ResponseEntity<Object> correct(@PathVariable String subjectId, @PathVariable String assessmentId,
                                          @RequestBody JsonBody body, @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/assessments/{assessmentId}/corrections",
                "POST /subjects/" + subjectId + "/assessments/" + assessmentId + "/corrections", subjectId, body, headers,
                p -> IntakeCommands.correction(JsonFields.reader(body), subjectId, assessmentId, p));
    }

    @PostMapping(path = "/{subjectId}/assessments/{assessmentId}/retraction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = RetractAssessmentRequest.class)))
    public ResponseEntity<Object> retract(@PathVariable String subjectId, @PathVariable String assessmentId,
                                          @RequestBody JsonBody body, @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/assessments/{assessmentId}/retraction",
                "POST /subjects/" + subjectId + "/assessments/" + assessmentId + "/retraction", subjectId, body, headers,
                p -> IntakeCommands.retraction(JsonFields.reader(body), subjectId, assessmentId, p));
    }

    @PostMapping(path = "/{subjectId}/doses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = RecordDoseRequest.class)))
    public ResponseEntity<Object> recordDose(@PathVariable String subjectId, @RequestBody JsonBody body,
                                             @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/doses", "POST /subjects/" + subjectId + "/doses", subjectId, body, headers,
                p -> IntakeCommands.dose(JsonFields.reader(body), subjectId, p, center));
    }

    @PostMapping(path = "/{subjectId}/withheld-doses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = WithholdDoseRequest.class)))
    public ResponseEntity<Object> withholdDose(@PathVariable String subjectId, @RequestBody JsonBody body,
                                               @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/withheld-doses", "POST /subjects/" + subjectId + "/withheld-doses", subjectId, body,
                headers, p -> IntakeCommands.withheldDose(JsonFields.reader(body), subjectId, p, center));
    }

    @PostMapping(path = "/{subjectId}/adverse-events", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ReportAdverseEventRequest.class)))
    public ResponseEntity<Object> reportAdverseEvent(@PathVariable String subjectId, @RequestBody JsonBody body,
                                                     @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/adverse-events", "POST /subjects/" + subjectId + "/adverse-events", subjectId, body,
                headers, p -> IntakeCommands.adverseEvent(JsonFields.reader(body), subjectId, p, center));
    }

    @PostMapping(path = "/{subjectId}/discontinuation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = DiscontinueSubjectRequest.class)))
    public ResponseEntity<Object> discontinue(@PathVariable String subjectId, @RequestBody JsonBody body,
                                              @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/discontinuation", "POST /subjects/" + subjectId + "/discontinuation", subjectId, body,
                headers, p -> IntakeCommands.discontinuation(JsonFields.reader(body), subjectId, p, center));
    }

    @PostMapping(path = "/{subjectId}/follow-up-completion", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = CompleteFollowUpRequest.class)))
    public ResponseEntity<Object> completeFollowUp(@PathVariable String subjectId, @RequestBody JsonBody body,
                                                   @RequestHeader HttpHeaders headers) {
        return write(SUBJECT_ROUTE + "/follow-up-completion", "POST /subjects/" + subjectId + "/follow-up-completion",
                subjectId, body, headers, p -> IntakeCommands.followUp(JsonFields.reader(body), subjectId, p, center));
    }

    /**
     * @param endpoint the route, which with the subject scopes an idempotency key
     * @param request  the method and path as sent, which with the body identifies the request's content
     */
    private ResponseEntity<Object> write(String endpoint, String request, String subject, JsonBody body,
                                         HttpHeaders headers, Function<Provenance, SubjectCommand> parse) {
        Provenance provenance = Provenance.api(RequestActor.current());
        var scope = new IdempotentRequests.Scope(endpoint, subject != null && SubjectId.isValid(subject) ? subject : "");
        return idempotent.execute(headers.getFirst(IdempotentRequests.HEADER), scope, request + " " + body.tree(), () -> {
            RecordedEvent recorded = WireNames.send(commands, parse.apply(provenance));
            return ResponseEntity.status(HttpStatus.CREATED).body(recorded);
        });
    }
}
