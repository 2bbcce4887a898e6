package org.studyledger.benchmark.report;

import java.util.Map;

/**
 * The hub JVM's heap during one export, measured inside that JVM. Before the export the hub runs a full GC and every
 * heap pool's peak is reset, so the figures cover the export alone (and the idle hub beside it).
 *
 * @param maxBytes          the heap limit ({@code -Xmx})
 * @param baselineBytes     heap in use after the full GC before the export: the idle hub
 * @param peakBytes         the sum of every heap pool's peak usage during the export: an upper bound of the heap in
 *                          use at any moment (the pools peak at different times); young-generation pools fill up to their
 *                          size before a collection whatever the export holds, so this is close to the limit for any
 *                          export that allocates much
 * @param sampledPeakBytes  the highest heap in use seen by a 10 ms sampler
 * @param peakAfterGcBytes  the highest heap in use right after a collection during the export: what survives, so what
 *                          the export (with the idle hub) actually holds; a streaming export keeps this near the baseline
 * @param oldGenPeakBytes   the old generation's peak: where held objects end up
 * @param poolPeakBytes     each heap pool's peak
 * @param gcCount           collections during the export, all collectors
 * @param gcMillis          time spent in them
 * @param gcByCollector     collections and their time per collector, e.g. {@code G1 Young Generation}
 * @param cpuMillis         CPU time the hub JVM used during the export (all its threads)
 */
public record HeapUsage(long maxBytes, long baselineBytes, long peakBytes, long sampledPeakBytes, long peakAfterGcBytes,
                        long oldGenPeakBytes, Map<String, Long> poolPeakBytes, long gcCount, long gcMillis,
                        Map<String, GcTally> gcByCollector, long cpuMillis) {

    /** One collector's collections and their time. */
    public record GcTally(long count, long millis) {
    }
}
