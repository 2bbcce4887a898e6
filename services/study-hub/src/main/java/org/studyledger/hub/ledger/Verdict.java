package org.studyledger.hub.ledger;

import org.studyledger.kernel.envelope.EnvelopeClaim;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.verification.VerificationFailure;

/** What the ledger decides about one message. */
public sealed interface Verdict {

    /** The next event of its subject, verified: append it. */
    record Accept(EventEnvelope envelope, StudyEvent event) implements Verdict {
    }

    /** Exactly this event is already in the ledger (a re-delivery): acknowledge, change nothing. */
    record Duplicate(EventEnvelope envelope) implements Verdict {
    }

    /**
     * Not accepted. Whatever could be read of the envelope is kept for the quarantine's listing: the decoded
     * envelope (null when the message could not be decoded), and what the message claims, member by member, as far
     * as each member is well formed on its own.
     */
    record Reject(VerificationFailure code, String reason, EventEnvelope envelope, EnvelopeClaim claim) implements Verdict {
        public Reject {
            claim = claim != null ? claim : envelope != null ? EnvelopeClaim.of(envelope) : EnvelopeClaim.NONE;
        }

        public Reject(VerificationFailure code, String reason, EventEnvelope envelope) {
            this(code, reason, envelope, null);
        }
    }
}
