package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.center.intake.request.BatchWriteRequest;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;
import org.studyledger.support.problem.Forbidden;
import org.studyledger.support.security.AccessRule;
import org.studyledger.support.security.AccessRules;
import org.studyledger.support.security.Caller;

/**
 * {@code POST /api/v1/events:batch}: many writes, of any subjects, in one request and one transaction, all or nothing
 * (docs/api.md, "Batches"). For a client that records a lot at once, one request instead of one per write.
 */
@RestController
public class BatchController {
    private static final String ROUTE = "POST /events:batch";
    /** Where the writes a batch names live: an item's path is relative to it. */
    private static final String API = "/api/v1";

    private final IntakeBatches batches;
    private final IdempotentRequests idempotent;
    private final IntakeProperties limits;
    private final AccessRules access;

    BatchController(IntakeBatches batches, IdempotentRequests idempotent, IntakeProperties limits, AccessRules access) {
        this.batches = batches;
        this.idempotent = idempotent;
        this.limits = limits;
        this.access = access;
    }

    @PostMapping(path = "/api/v1/events:batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = BatchWriteRequest.class))))
    public ResponseEntity<Object> batch(@RequestBody JsonBody body, @RequestHeader HttpHeaders headers) {
        JsonNode items = body.tree();
        if (items == null || !items.isArray()) {
            throw new ValidationException(new Problem("", "the request body must be a JSON array of writes, each"
                    + " {\"path\": …, \"body\": {…}}"));
        }
        if (items.isEmpty() || items.size() > limits.maxBatchItems()) {
            throw new ValidationException(new Problem("", "holds " + items.size() + " writes; a batch holds 1 to "
                    + limits.maxBatchItems() + " (studyledger.center.intake.max-batch-items)"));
        }
        Function<String, Provenance> provenance = authorise(items, Caller.current());
        var scope = new IdempotentRequests.Scope(ROUTE, "");
        return idempotent.execute(headers.getFirst(IdempotentRequests.HEADER), scope, ROUTE + " " + items, () ->
                ResponseEntity.status(HttpStatus.CREATED).body(Map.of("events",
                        batches.record(items, body.problems(), provenance))));
    }

    /**
     * Each write of a batch is allowed as if it were made on its own: its endpoint's rule must grant one of the
     * caller's roles, and the write is recorded in that role. A write the caller may not make refuses the whole batch
     * (403, every such write named at its path) before anything is read further; a path that is no write is left to
     * the batch's own 422.
     */
    private Function<String, Provenance> authorise(JsonNode items, Caller caller) {
        List<Problem> refused = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode path = items.get(i) == null ? null : items.get(i).get("path");
            if (path == null || !path.isTextual()) {
                continue;
            }
            Optional<AccessRule> rule = access.match(HttpMethod.POST, API + path.textValue());
            if (rule.isPresent() && caller.actorUnder(rule.get()).isEmpty()) {
                refused.add(new Problem("[" + i + "].path", "the role(s) " + String.join(", ", caller.roles())
                        + " may not " + rule.get().what() + "; that takes one of the roles " + rule.get().roleNames()));
            }
        }
        if (!refused.isEmpty()) {
            throw new Forbidden(refused);
        }
        return path -> Provenance.api(access.match(HttpMethod.POST, API + path).flatMap(caller::actorUnder)
                .orElseThrow(() -> new IllegalStateException("no rule allows " + path + " after it was authorised")));
    }
}
