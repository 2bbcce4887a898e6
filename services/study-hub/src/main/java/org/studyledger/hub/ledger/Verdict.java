package org.studyledger.hub.ledger;

import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.StudyEvent;

/** What the ledger decides about one message. */
public sealed interface Verdict {

    /** The next event of its subject, verified: append it. */
    record Accept(EventEnvelope envelope, StudyEvent event) implements Verdict {
    }

    /** Exactly this event is already in the ledger (a re-delivery): acknowledge, change nothing. */
    record Duplicate(EventEnvelope envelope) implements Verdict {
    }

    /**
     * Not accepted. Whatever could be read of the envelope is kept for the quarantine's listing; any of it
     * may be null when the message could not be decoded.
     */
    record Reject(Rejection code, String reason, EventEnvelope envelope) implements Verdict {
    }
}
