package org.studyledger.hub.rebuild;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/projections/replay-proof?keep=false&timeout=PT2M}: replays the ledger into a separate
 * schema and compares it with the live projections ({@link ReplayProof}); 200 with the report, whether equal or not;
 * 409 when the live projections do not catch up within the timeout, a rebuild or another proof runs, or the ledger
 * moved on during the proof.
 */
@RestController
public class ReplayProofController {
    private final ReplayProof proof;

    ReplayProofController(ReplayProof proof) {
        this.proof = proof;
    }

    @PostMapping(RebuildController.STATUS + "/replay-proof")
    public ReplayProof.Report prove(@RequestParam(name = "keep", defaultValue = "false") boolean keep,
                                    @RequestParam(name = "timeout", required = false) String timeout) {
        return proof.prove(keep, RebuildController.timeout(timeout));
    }
}
