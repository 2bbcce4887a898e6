package org.studyledger.hub.console.web;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.studyledger.hub.console.ConsoleConfigured;
import org.studyledger.hub.auditcheck.VerificationReport;

/**
 * The last verification an auditor ran from the console, for the overview. Kept in memory: a verification is
 * repeatable at any time, and the overview says when this one ran and by whom.
 */
@Component
@Conditional(ConsoleConfigured.class)
class LastVerification {
    record Run(Instant at, String by, VerificationReport report) {
    }

    private final AtomicReference<Run> last = new AtomicReference<>();

    void remember(String by, VerificationReport report) {
        last.set(new Run(Instant.now(), by, report));
    }

    Run last() {
        return last.get();
    }
}
