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
 * responders and remitters at M1 and M6 (the hub's cohort summary, so they are counted by its rules); and where
 * the signing keys are, with each center's key id.
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
        Map<String, Efficacy> efficacyByVisit) {

    /** One line of the hub's cohort summary (group ALL): analysis records, responders and remitters of a visit. */
    record Efficacy(int n, int responseEvaluated, int responders, String respondersPct, int remissionEvaluated,
                    int remitters, String remittersPct) {
        static Efficacy of(JsonNode line) {
            return new Efficacy(line.get("n").asInt(), line.get("n_response_evaluated").asInt(),
                    line.get("responders").asInt(), percent(line.get("responders_pct")),
                    line.get("n_remission_evaluated").asInt(), line.get("remitters").asInt(),
                    percent(line.get("remitters_pct")));
        }

        private static String percent(JsonNode pct) {
            return pct == null || pct.isNull() ? "–" : pct.asText() + " %";
        }
    }

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
        Map<String, Efficacy> efficacy = new LinkedHashMap<>();
        JsonNode cohort = client.get(hubUrl + "/api/v1/cohort/summary");
        for (String visit : new String[] {"M1", "M6"}) {
            cohort.forEach(line -> {
                if ("ALL".equals(line.path("group").asText()) && visit.equals(line.path("avisit").asText())) {
                    efficacy.put(visit, Efficacy.of(line));
                }
            });
        }
        Map<String, String> keyIds = new KeyDirectory(keyDirectory).activeKeyIds(new ArrayList<>(centerUrls.keySet()));
        return new PlatformSummary(centerUrls, hubUrl, keyDirectory, keyIds, stored, pending, ledger.get("events").asLong(),
                ledger.get("quarantined").asLong(), byStatus, adqs.size(), efficacy);
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
        efficacyByVisit.forEach((visit, e) -> out.printf("  MADRS at %s: %d assessed, %d of %d responders (%s),"
                        + " %d of %d remitters (%s)%n", visit, e.n(), e.responders(), e.responseEvaluated(),
                e.respondersPct(), e.remitters(), e.remissionEvaluated(), e.remittersPct()));
    }
}
