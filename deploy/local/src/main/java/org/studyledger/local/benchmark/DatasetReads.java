package org.studyledger.local.benchmark;

import java.util.ArrayList;
import java.util.List;
import org.studyledger.local.HubClient;

/**
 * Every analysis dataset in every format read live and as of a few ledger positions, and the whole study as ODM: the
 * time of each read to its last byte, and whether the as-of answer at the ledger's head is the live answer.
 */
final class DatasetReads {
    static final List<String> DATASETS = List.of("adsl", "adqs", "adex");
    static final List<String> FORMATS = List.of("json", "csv", "dataset-json");

    /**
     * One dataset in one format.
     *
     * @param liveMillis       the live read
     * @param bytes            the live answer's size
     * @param positions        the ledger positions read as of
     * @param asOfMillis       the as-of read at each of them
     * @param headEqualsLive   whether the as-of answer at the head (the last position) has the live answer's bytes
     */
    record Read(String dataset, String format, double liveMillis, long bytes, List<Long> positions, List<Double> asOfMillis,
                boolean headEqualsLive) {
        /** The as-of read at the head over the live read. */
        double asOfRatio() {
            return asOfMillis.get(asOfMillis.size() - 1) / liveMillis;
        }
    }

    /** The ODM export of the whole study. */
    record Odm(double millis, long bytes) {
    }

    private DatasetReads() {
    }

    /** Reads at {@code count} positions spread evenly up to and including {@code head}. */
    static List<Read> read(HubClient client, String hubUrl, long head, int count) {
        List<Long> positions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            positions.add(Math.max(1, head * i / count));
        }
        List<Read> reads = new ArrayList<>();
        for (int d = 0; d < DATASETS.size(); d++) {
            String dataset = DATASETS.get(d);
            // Each dataset starts with another format, so that no format is always the one read after the others
            // warmed PostgreSQL's cache for the same rows: the export rates are compared with each other.
            for (int f = 0; f < FORMATS.size(); f++) {
                String format = FORMATS.get((d + f) % FORMATS.size());
                String url = hubUrl + "/api/v1/datasets/" + dataset + "?format=" + format;
                HubClient.Measured live = client.measure(url);
                List<Double> asOf = new ArrayList<>();
                HubClient.Measured atHead = null;
                for (long position : positions) {
                    HubClient.Measured m = client.measure(url + "&position=" + position);
                    asOf.add(m.nanos() / 1e6);
                    atHead = m;
                }
                reads.add(new Read(dataset, format, live.nanos() / 1e6, live.bytes(), positions, asOf,
                        atHead.sha256().equals(live.sha256())));
            }
        }
        return reads;
    }

    static Odm odm(HubClient client, String hubUrl) {
        HubClient.Measured m = client.measure(hubUrl + "/api/v1/exports/odm");
        return new Odm(m.nanos() / 1e6, m.bytes());
    }
}
