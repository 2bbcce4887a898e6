package org.studyledger.hub.quarantine;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.ledger.LedgerIntake;

/** {@code GET /api/v1/quarantine} lists quarantined messages; {@code POST …/reprocess} retries them in order. */
@RestController
public class QuarantineController {
    private final QuarantineStore store;
    private final LedgerIntake intake;

    QuarantineController(QuarantineStore store, LedgerIntake intake) {
        this.store = store;
        this.intake = intake;
    }

    @GetMapping("/api/v1/quarantine")
    public List<QuarantineStore.Entry> list(@RequestParam(name = "status", defaultValue = QuarantineStore.OPEN) String status,
                                            @RequestParam(name = "center", required = false) String center,
                                            @RequestParam(name = "subject", required = false) String subject,
                                            @RequestParam(name = "after", defaultValue = "0") long after,
                                            @RequestParam(name = "limit", defaultValue = "500") int limit) {
        return store.list("ALL".equals(status) ? null : status, center, subject, Math.min(Math.max(limit, 1), 5000), after);
    }

    /** Re-processes every open message in arrival order; what still fails stays quarantined with its new reason. */
    @PostMapping("/api/v1/quarantine/reprocess")
    public LedgerIntake.ReprocessResult reprocess() {
        return intake.reprocess();
    }
}
