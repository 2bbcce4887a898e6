package org.studyledger.benchmark.report;

import java.util.List;

/**
 * The loaded database checked against the hub's own machinery.
 *
 * @param replays      per dataset: the live Dataset-JSON export (from the tables the loader filled) against the as-of
 *                     export at the same ledger position, which the hub computes by replaying the ledger through its
 *                     analysis-dataset projection into temporary tables
 * @param verification the hub's ledger verification ({@code GET /api/v1/audit/verify}): sequence, hash chain, hashes,
 *                     scores, signatures and the intake's bookkeeping of every stored event
 */
public record Checks(List<Replay> replays, Verification verification) {

    /**
     * @param dataset  ADSL, ADQS or ADEX
     * @param position the ledger position both exports reflect
     * @param live     SHA-256 of the live export
     * @param replayed SHA-256 of the as-of (replayed) export
     * @param millis   how long the as-of export took (the replay included)
     */
    public record Replay(String dataset, String position, String live, String replayed, long millis) {
        public boolean identical() {
            return live != null && live.equals(replayed);
        }
    }

    /**
     * @param valid      the hub found no failure at all
     * @param subjects   subjects checked
     * @param events     events checked
     * @param failures   failures by reason code
     * @param firstOther the first failure other than {@link #UNSIGNED}, or null
     * @param millis     how long it took
     */
    public record Verification(boolean valid, long subjects, long events, java.util.Map<String, Long> failures,
                               String firstOther, long millis) {
        /**
         * A load with {@code --no-signatures} leaves every event unsigned, which the hub's verification reports for each
         * event; that alone says nothing else about the loaded ledger.
         */
        public static final String UNSIGNED = "UNSIGNED";

        /** No failure but unsigned events. */
        public boolean validButUnsigned() {
            return failures.keySet().stream().allMatch(UNSIGNED::equals);
        }
    }
}
