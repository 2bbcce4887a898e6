package org.studyledger.hub.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;
import org.studyledger.support.actor.RequestActor;

/**
 * {@code GET /api/v1/quarantine} lists quarantined messages; {@code POST …/{id}/dismiss} sets one aside for good,
 * with a reason. Re-processing ({@code POST …/reprocess}) is the ledger's intake's ({@code ReprocessController}): the
 * quarantine holds what the ledger refused and knows nothing of how the ledger decides.
 */
@RestController
public class QuarantineController {
    private final QuarantineStore store;
    private final QuarantineDismissal dismissal;

    QuarantineController(QuarantineStore store, QuarantineDismissal dismissal) {
        this.store = store;
        this.dismissal = dismissal;
    }

    @GetMapping("/api/v1/quarantine")
    public List<QuarantineDismissal.Listed> list(@RequestParam(name = "status", defaultValue = QuarantineStore.OPEN) String status,
                                                 @RequestParam(name = "center", required = false) String center,
                                                 @RequestParam(name = "subject", required = false) String subject,
                                                 @RequestParam(name = "after", defaultValue = "0") long after,
                                                 @RequestParam(name = "limit", defaultValue = "500") int limit) {
        return dismissal.withDismissals(store.list("ALL".equals(status) ? null : status, center, subject,
                Math.min(Math.max(limit, 1), 5000), after));
    }

    /**
     * Dismisses an open row, body {@code {"reason": "…"}}, as the request's actor. A caller whose role may not dismiss
     * was refused (403) by the rule table before; here every problem with the id and the body is answered at once
     * (422), and only then is the row looked up (404, or 409 when it is not open).
     */
    @PostMapping("/api/v1/quarantine/{id}/dismiss")
    public QuarantineDismissal.Listed dismiss(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        Actor actor = RequestActor.current();
        long quarantineId = idOf(id, problems);
        String reason = reasonOf(body, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return dismissal.dismiss(quarantineId, actor, reason);
    }

    private static long idOf(String id, List<Problem> problems) {
        try {
            long n = Long.parseLong(id.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Problem("id", "must be a quarantine row id (a whole number from 1), got '" + id + "'"));
        return 0;
    }

    /** The body's reason; the body must be an object with exactly that member. */
    private static String reasonOf(JsonNode body, List<Problem> problems) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            QuarantineDismissal.checkReason(null, problems);
            return null;
        }
        if (!body.isObject()) {
            problems.add(new Problem("", "the body must be a JSON object {\"reason\": \"…\"}"));
            return null;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("reason")) {
                problems.add(new Problem(name, "unknown field; expected one of [reason]"));
            }
        }
        JsonNode reason = body.path("reason");
        if (!reason.isMissingNode() && !reason.isNull() && !reason.isTextual()) {
            problems.add(new Problem("reason", "must be text, got " + reason.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return null;
        }
        String text = reason.isTextual() ? reason.asText() : null;
        QuarantineDismissal.checkReason(text, problems);
        return text;
    }
}
