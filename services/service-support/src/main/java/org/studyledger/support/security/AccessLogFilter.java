package org.studyledger.support.security;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.support.actor.RequestActor;

/**
 * Writes every authenticated call of a logged endpoint to the access log once its answer is complete (a streamed
 * export: when the last byte is written), allowed or refused. It runs after the token is read and before the rule
 * table decides, so a refusal (403) is logged too; a request without a valid token (401) has no user to log.
 */
final class AccessLogFilter extends OncePerRequestFilter {
    static final String LEDGER_POSITION = "X-Ledger-Position";
    static final String CONTENT_SHA256 = "X-Content-SHA256";
    private static final Logger log = LoggerFactory.getLogger(AccessLogFilter.class);

    private final AccessRules rules;
    private final AccessRecorder recorder;
    private final SecurityProperties settings;
    private final Clock clock;

    AccessLogFilter(AccessRules rules, AccessRecorder recorder, SecurityProperties settings, Clock clock) {
        this.rules = rules;
        this.recorder = recorder;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AccessRule> rule = rules.match(request);
        Caller caller = RuleAuthorization.caller(SecurityContextHolder.getContext().getAuthentication(), settings);
        if (rule.isEmpty() || !rule.get().logged() || caller == null) {
            chain.doFilter(request, response);
            return;
        }
        Instant at = clock.instant();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(at, caller, request, response);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                record(at, caller, request, response);
            }
        }
    }

    private void record(Instant at, Caller caller, HttpServletRequest request, HttpServletResponse response) {
        Object actor = request.getAttribute(RequestActor.ATTRIBUTE);
        AccessRecord record = new AccessRecord(at, caller.id(), caller.name(), actor instanceof Actor a ? a.role() : null,
                caller.client(), request.getMethod(), request.getRequestURI(), request.getQueryString(),
                response.getStatus(), response.getHeader(LEDGER_POSITION), response.getHeader(CONTENT_SHA256));
        try {
            recorder.record(record);
        } catch (RuntimeException e) {
            // The answer is already on its way; what is left is to say loudly that it went unlogged.
            log.error("could not write the access log entry {}: {}", record, e.toString(), e);
        }
    }
}
