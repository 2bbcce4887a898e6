package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;
import org.studyledger.support.actor.RequestActor;

/**
 * {@code POST /api/v1/events:batch}: many writes, of any subjects, in one request and one transaction, all or nothing
 * (docs/api.md, "Batches"). For a client that records a lot at once, one request instead of one per write.
 */
@RestController
public class BatchController {
    private static final String ROUTE = "POST /events:batch";

    private final IntakeBatches batches;
    private final IdempotentRequests idempotent;
    private final IntakeProperties limits;

    BatchController(IntakeBatches batches, IdempotentRequests idempotent, IntakeProperties limits) {
        this.batches = batches;
        this.idempotent = idempotent;
        this.limits = limits;
    }

    @PostMapping(path = "/api/v1/events:batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> batch(@RequestBody JsonBody body, @RequestHeader HttpHeaders headers) {
        Provenance provenance = Provenance.api(RequestActor.from(headers));
        JsonNode items = body.tree();
        if (items == null || !items.isArray()) {
            throw new ValidationException(new Problem("", "the request body must be a JSON array of writes, each"
                    + " {\"path\": …, \"body\": {…}}"));
        }
        if (items.isEmpty() || items.size() > limits.maxBatchItems()) {
            throw new ValidationException(new Problem("", "holds " + items.size() + " writes; a batch holds 1 to "
                    + limits.maxBatchItems() + " (studyledger.center.intake.max-batch-items)"));
        }
        var scope = new IdempotentRequests.Scope(ROUTE, "");
        return idempotent.execute(headers.getFirst(IdempotentRequests.HEADER), scope, ROUTE + " " + items, () ->
                ResponseEntity.status(HttpStatus.CREATED).body(Map.of("events",
                        batches.record(items, body.problems(), provenance))));
    }
}
