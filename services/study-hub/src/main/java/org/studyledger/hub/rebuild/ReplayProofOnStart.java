package org.studyledger.hub.rebuild;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The replay proof as a start-up command: with {@code studyledger.hub.replay-proof-on-start=true} the hub, once
 * started, waits up to {@code studyledger.hub.replay-proof-timeout} (default 10 minutes) for its projections to catch
 * up with the ledger, runs the {@link ReplayProof} (the replay schema is not kept) and logs the report: INFO when
 * every table is equal, ERROR naming the tables that differ otherwise. The hub goes on running either way.
 * It runs after {@link RebuildOnStart} when both are set.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "studyledger.hub.replay-proof-on-start", havingValue = "true")
public class ReplayProofOnStart implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ReplayProofOnStart.class);

    private final ReplayProof proof;
    private final Duration timeout;

    ReplayProofOnStart(ReplayProof proof, @Value("${studyledger.hub.replay-proof-timeout:PT10M}") Duration timeout) {
        this.proof = proof;
        this.timeout = timeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("studyledger.hub.replay-proof-on-start=true: replaying the ledger into a separate schema to compare with the live projections");
        try {
            ReplayProof.Report report = proof.prove(false, timeout);
            if (report.equal()) {
                log.info("replay proof: the live projections equal their replay at ledger position {} ({} tables, {} events, {} ms)",
                        report.ledgerPosition(), report.tables().size(), report.eventsReplayed(), report.millis());
            } else {
                log.error("replay proof: the live projections DIFFER from their replay at ledger position {} in {}: {}",
                        report.ledgerPosition(), report.differences(), report);
            }
        } catch (RuntimeException e) {
            log.error("replay proof could not run: {}", e.getMessage(), e);
        }
    }
}
