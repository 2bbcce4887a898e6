package org.studyledger.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the running platform holds, read through the public APIs: per center what it stored and published,
 * what the hub's ledger accepted or quarantined, subjects by status, the ADQS dataset and the MADRS
 * responders and remitters at M1 and M6; and where the signing keys are, with each center's key id.
 */
record PlatformSummary(
        Map<String, String> centerUrls,
        String hubUrl,
        Path keyDirectory,
        Map<String, String> keyIdPerCenter,
        Map<String, Long> storedPerCenter,
        Map<String, Long> pendingPerCenter,
        long ledgerEvents,
        long quarantined,
        Map<String, Integer> subjectsByStatus,
        int adqsRows,
        Map<String, int[]> responseByVisit) {

    static PlatformSummary read(HubClient client, Map<String, String> centerUrls, String hubUrl, Path keyDirectory) {
        Map<String, Long> stored = new LinkedHashMap<>();
        Map<String, Long> pending = new LinkedHashMap<>();
        centerUrls.forEach((center, url) -> {
            JsonNode publication = client.get(url + "/api/v1/publication");
            stored.put(center, publication.get("stored").asLong());
            pending.put(center, publication.get("pending").asLong());
        });
        JsonNode ledger = client.get(hubUrl + "/api/v1/ledger/status");
        Map<String, Integer> byStatus = new TreeMap<>();
        client.get(hubUrl + "/api/v1/subjects").forEach(s -> byStatus.merge(s.get("status").asText(), 1, Integer::sum));
        JsonNode adqs = client.get(hubUrl + "/api/v1/datasets/adqs");
        Map<String, int[]> response = new LinkedHashMap<>();
        for (String visit : new String[] {"M1", "M6"}) {
            response.put(visit, new int[3]);
        }
        adqs.forEach(row -> {
            int[] counts = response.get(row.path("AVISIT").asText());
            if (counts != null && "MADRSTOT".equals(row.path("PARAMCD").asText()) && !row.path("CRIT1FL").isNull()) {
                counts[0]++;
                counts[1] += "Y".equals(row.path("CRIT1FL").asText()) ? 1 : 0;
                counts[2] += "Y".equals(row.path("CRIT2FL").asText()) ? 1 : 0;
            }
        });
        Map<String, String> keyIds = new KeyDirectory(keyDirectory).activeKeyIds(new ArrayList<>(centerUrls.keySet()));
        return new PlatformSummary(centerUrls, hubUrl, keyDirectory, keyIds, stored, pending, ledger.get("events").asLong(),
                ledger.get("quarantined").asLong(), byStatus, adqs.size(), response);
    }

    long stored() {
        return storedPerCenter.values().stream().mapToLong(Long::longValue).sum();
    }

    void print(PrintStream out) {
        out.println();
        out.println("StudyLedger is running");
        out.println("  hub      " + hubUrl + "   (e.g. " + hubUrl + "/api/v1/subjects, /api/v1/datasets/adqs?format=csv,"
                + " /api/v1/audit-trail, /api/v1/ledger/status)");
        centerUrls.forEach((center, url) -> out.printf("  center   %-4s %s   events stored %d, pending publication %d,"
                        + " signing key %s%n", center, url, storedPerCenter.get(center), pendingPerCenter.get(center),
                keyIdPerCenter.get(center)));
        out.printf("  ledger   %d events, %d quarantined%n", ledgerEvents, quarantined);
        out.println("  keys     " + keyDirectory + "   (the centers' key pairs; the hub reads the public .json records)");
        out.println("  audit    " + hubUrl + "/api/v1/audit/verify, or offline: the ledger export with"
                + " ledger-verifier --keys " + keyDirectory);
        out.println("  subjects " + subjectsByStatus);
        out.println("  ADQS     " + adqsRows + " rows");
        responseByVisit.forEach((visit, c) -> out.printf("  MADRS at %s: %d assessed, %d responders (%s), %d remitters (%s)%n",
                visit, c[0], c[1], percent(c[1], c[0]), c[2], percent(c[2], c[0])));
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "–" : Math.round(100.0 * part / whole) + " %";
    }
}
