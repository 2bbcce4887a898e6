package org.studyledger.center.signing;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start-up into Spring Boot's report for operators (description and action), not a stack trace. */
class SigningKeysFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeysUnusable> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKeysUnusable cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
