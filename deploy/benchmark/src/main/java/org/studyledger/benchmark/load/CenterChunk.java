package org.studyledger.benchmark.load;

import java.util.List;
import org.studyledger.hub.dataset.AnalysisDerivation;

/**
 * One center's share of the cohort, ready to be written: its events in the order the center recorded them, and each
 * subject's analysis-dataset state with the rows the hub's derivation gives for it.
 *
 * @param index    the center's index in the cohort
 * @param center   the center code
 * @param events   every event of the center, in recording order (subjects interleaved as in the plan)
 * @param subjects every subject's dataset state and derived rows
 * @param nanos    how long generating, recording and deriving took
 */
record CenterChunk(int index, String center, List<SealedEvent> events, List<Subject> subjects, long nanos) {

    /** A subject's final dataset state and its ADSL, ADQS and ADEX rows (MENTGRP is set cohort-wide, at the end). */
    record Subject(DatasetState state, AnalysisDerivation.Rows rows) {
    }
}
