package org.studyledger.hub.quarantine;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.api.Conflict;
import org.studyledger.hub.api.NotFound;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.validation.Problem;

/**
 * Dismissing a quarantined message: an authorised data manager sets aside an open row that will never verify, with a
 * reason. Nothing is deleted: the row keeps its raw bytes and becomes {@link QuarantineStore#DISMISSED}, and the
 * dismissal is recorded append-only ({@link QuarantineDismissals}) for the audit trail. Re-processing skips dismissed
 * rows, and a dismissed row no longer holds up its subject's later events (they wait for the missing event as
 * {@code SEQUENCE_GAP} instead). The rules of a dismissal are all here but who may (the hub's rule table,
 * {@code HubAccess}): what a reason must be, which rows.
 */
@Service
public class QuarantineDismissal {
    /** The longest reason, in characters. */
    public static final int MAX_REASON_LENGTH = 2000;

    private final QuarantineStore quarantine;
    private final QuarantineDismissals dismissals;
    private final TransactionTemplate transactions;

    QuarantineDismissal(QuarantineStore quarantine, QuarantineDismissals dismissals, TransactionTemplate transactions) {
        this.quarantine = quarantine;
        this.dismissals = dismissals;
        this.transactions = transactions;
    }

    /** A quarantine row as listed, with who dismissed it, when and why when it is dismissed. */
    public record Listed(@JsonUnwrapped QuarantineStore.Entry entry, QuarantineDismissals.Dismissal dismissal) {
    }

    /** Checks a dismissal's reason, adding every problem with it (field {@code reason}) to {@code problems}. */
    public static void checkReason(String reason, List<Problem> problems) {
        if (reason == null) {
            problems.add(new Problem("reason", "is required: why the message is dismissed"));
        } else if (reason.isBlank()) {
            problems.add(new Problem("reason", "must not be blank: say why the message is dismissed"));
        } else {
            if (reason.length() > MAX_REASON_LENGTH) {
                problems.add(new Problem("reason", "must be at most " + MAX_REASON_LENGTH + " characters, got "
                        + reason.length()));
            }
            if (reason.indexOf('\0') >= 0) {
                problems.add(new Problem("reason", "must not contain U+0000"));
            }
        }
    }

    /**
     * Dismisses row {@code id} for {@code actor} (already allowed by the hub's rule table) with a checked reason, in one
     * transaction that locks the row first, so a re-processing run that meets the same row sees one outcome or the
     * other. 404 ({@link NotFound}) for no such row, 409 ({@link Conflict}) for a row that is not open.
     */
    public Listed dismiss(long id, Actor actor, String reason) {
        transactions.executeWithoutResult(tx -> {
            String status = quarantine.lockStatus(id).orElseThrow(() -> new NotFound("id",
                    "quarantine row " + id + " does not exist"));
            if (!QuarantineStore.OPEN.equals(status)) {
                throw new Conflict("status", "quarantine row " + id + " is " + status + ": only an open ("
                        + QuarantineStore.OPEN + ") row can be dismissed");
            }
            dismissals.record(id, actor, reason);
            quarantine.resolve(id, QuarantineStore.DISMISSED);
        });
        // the row itself: the first after id - 1
        return withDismissals(quarantine.list(null, null, null, 1, id - 1)).get(0);
    }

    /** The rows of a quarantine page, each with its dismissal when it has one. */
    public List<Listed> withDismissals(List<QuarantineStore.Entry> rows) {
        Map<Long, QuarantineDismissals.Dismissal> dismissed = dismissals.of(rows);
        return rows.stream().map(row -> new Listed(row, dismissed.get(row.id()))).toList();
    }
}
