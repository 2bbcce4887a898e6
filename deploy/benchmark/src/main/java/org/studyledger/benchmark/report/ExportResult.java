package org.studyledger.benchmark.report;

import java.time.Instant;
import java.util.Map;

/**
 * One export as the benchmark measured it.
 *
 * @param export          e.g. {@code ADQS Dataset-JSON}
 * @param path            the request, relative to the hub
 * @param status          the HTTP status; 0 when no answer came
 * @param error           why the export failed, or null
 * @param bytes           bytes of the body received
 * @param rows            data rows counted in the body (CSV records without the header, Dataset-JSON rows, ODM
 *                        {@code FormData}: one per ledger event)
 * @param expectedRows    rows the loaded cohort should give (from the load), or null when unknown
 * @param declaredRecords Dataset-JSON's own {@code records}, or null
 * @param elements        further counts (ODM: {@code SubjectData}, {@code FormData}, {@code ItemData}, {@code AuditRecord})
 * @param firstByteMillis from sending the request to the response headers: for Dataset-JSON and ODM the hub writes the
 *                        whole export once into a digest before it answers, so this is that first pass
 * @param millis          from sending the request to the last byte
 * @param ledgerPosition  the answer's {@code X-Ledger-Position}
 * @param sha256          the answer's {@code X-Content-SHA256}
 * @param sha256Matches   whether the body hashes to it (null when not checked)
 * @param heap            the hub JVM's heap during the export
 * @param hubRestarted    the hub JVM was no longer serving after this export and was started again for the next
 * @param loadAverage     the machine's one-minute load average when the export ended (other work on the machine
 *                        competes with the hub and PostgreSQL for the same cores); -1 when unknown
 * @param measuredAt      when the export ended
 */
public record ExportResult(String export, String path, int status, String error, long bytes, long rows, Long expectedRows,
                           Long declaredRecords, Map<String, Long> elements, long firstByteMillis, long millis,
                           String ledgerPosition, String sha256, Boolean sha256Matches, HeapUsage heap,
                           boolean hubRestarted, double loadAverage, Instant measuredAt) {

    public boolean ok() {
        return status == 200 && error == null;
    }

    public Boolean rowsMatch() {
        return expectedRows == null ? null : expectedRows == rows;
    }
}
