package org.studyledger.verifier;

import java.util.function.Consumer;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.verification.Finding;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * One decoded event under verification: the envelope, its typed payload (null when the payload could not
 * be read), its subject's state before it, and where failures go.
 */
final class EventContext {
    private final String source;
    private final long line;
    private final EventEnvelope envelope;
    private final StudyEvent event;
    private final SubjectState subject;
    private final Consumer<Failure> failures;

    EventContext(String source, long line, EventEnvelope envelope, StudyEvent event, SubjectState subject,
                 Consumer<Failure> failures) {
        this.source = source;
        this.line = line;
        this.envelope = envelope;
        this.event = event;
        this.subject = subject;
        this.failures = failures;
    }

    EventEnvelope envelope() {
        return envelope;
    }

    /** The typed payload, or null when it could not be read (already reported as SCHEMA_INVALID or UNKNOWN_EVENT_TYPE). */
    StudyEvent event() {
        return event;
    }

    /** The subject's state before this event. */
    SubjectState subject() {
        return subject;
    }

    void fail(Finding finding) {
        fail(finding.failure(), finding.reason());
    }

    void fail(VerificationFailure code, String message) {
        failures.accept(new Failure(source, line, envelope.subjectId().value(), envelope.sequence(),
                envelope.eventId().toString(), code, message));
    }
}
