package org.studyledger.benchmark.load;

/**
 * What a load put into the hub's database, and how long it took.
 *
 * @param subjects          subjects loaded
 * @param centers           centers (one cohort plan each)
 * @param events            ledger events in the database
 * @param signed            every event is signed with its center's key (registered with the hub)
 * @param adslRows          ADSL rows in the database
 * @param adqsRows          ADQS rows in the database
 * @param adexRows          ADEX rows in the database
 * @param resumedCenters    centers an earlier, interrupted load had written (0 when this load did all)
 * @param loadedEvents      events this load appended (all of them unless it resumed)
 * @param remainingCenters  centers not loaded yet: the load stopped where it was asked to (0 when it is complete)
 * @param millis            wall time of this load (generation, recording, derivation and writing overlap; the
 *                          cohort-wide MENTGRP, the tokens and the VACUUM at the end included)
 * @param generateMillis    time spent generating, recording and deriving, summed over the worker threads
 * @param writeMillis       time spent writing (the writer thread), of which:
 * @param appendMillis      appending events through the hub's event storage engine (serialising them included)
 * @param bookkeepingMillis writing the ledger intake's bookkeeping
 * @param datasetMillis     writing the analysis-dataset tables
 * @param groupMillis       time spent setting ADSL.MENTGRP cohort-wide at the end
 * @param vacuumMillis      time spent vacuuming and analysing the database at the end
 * @param threads           worker threads that generated, recorded and derived
 * @param ledgerHead        the ledger's highest position after the load
 */
public record LoadSummary(int subjects, int centers, long events, boolean signed, long adslRows, long adqsRows,
                          long adexRows, int resumedCenters, long loadedEvents, int remainingCenters,
                          long millis, long generateMillis,
                          long writeMillis, long appendMillis, long bookkeepingMillis, long datasetMillis, long groupMillis,
                          long vacuumMillis, int threads, long ledgerHead) {

    /** Whether the database holds the whole cohort. */
    public boolean complete() {
        return remainingCenters == 0;
    }

    /** This load's rate. */
    public double eventsPerSecond() {
        return millis == 0 ? 0 : loadedEvents * 1000.0 / millis;
    }
}
