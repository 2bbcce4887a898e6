package org.studyledger.hub.ledger;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/quarantine/reprocess}: the ledger's intake tries the quarantined messages again, in arrival
 * order. It lives with the intake, not the quarantine, so the quarantine (which the intake writes) does not depend
 * back on the ledger.
 */
@RestController
class ReprocessController {
    private final LedgerIntake intake;

    ReprocessController(LedgerIntake intake) {
        this.intake = intake;
    }

    /** Re-processes every open message in arrival order; what still fails stays quarantined with its new reason. */
    @PostMapping("/api/v1/quarantine/reprocess")
    public LedgerIntake.ReprocessResult reprocess() {
        return intake.reprocess();
    }
}
