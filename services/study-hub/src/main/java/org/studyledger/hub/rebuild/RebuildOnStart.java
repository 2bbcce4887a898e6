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
 * The rebuild as a start-up command: with {@code studyledger.hub.rebuild-projections-on-start=true} the hub
 * rebuilds every projection once it has started, before it reports itself ready, waiting up to
 * {@code studyledger.hub.rebuild-projections-timeout} (default 10 minutes) for them to catch up.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "studyledger.hub.rebuild-projections-on-start", havingValue = "true")
public class RebuildOnStart implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(RebuildOnStart.class);

    private final ProjectionRebuild rebuild;
    private final Duration timeout;

    RebuildOnStart(ProjectionRebuild rebuild,
                   @Value("${studyledger.hub.rebuild-projections-timeout:PT10M}") Duration timeout) {
        this.rebuild = rebuild;
        this.timeout = timeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("studyledger.hub.rebuild-projections-on-start=true: rebuilding the projections from the ledger");
        ProjectionRebuild.Result result = rebuild.rebuild(timeout);
        if (result.caughtUp()) {
            log.info("projections rebuilt up to ledger position {} in {} ms", result.head(), result.millis());
        } else {
            log.warn("projections not caught up with ledger position {} after {} ms; they go on replaying: {}",
                    result.head(), result.millis(), result.status());
        }
    }
}
