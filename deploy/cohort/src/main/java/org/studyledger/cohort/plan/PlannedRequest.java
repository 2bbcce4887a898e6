package org.studyledger.cohort.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One request of a cohort plan, exactly as it is sent to a center's intake.
 *
 * @param center         the center code whose intake receives it (e.g. {@code PAV})
 * @param subjectId      the subject it is about; null for a CSV file (which may name several subjects)
 * @param step           the request's name within the subject (or center, for CSV files), e.g. {@code dose-S03};
 *                       ids and the idempotency key are derived from it
 * @param at             plan time: the clinical time of the fact, or when a data manager enters a correction or
 *                       imports a file; the plan is ordered by it
 * @param kind           what it records
 * @param actorId        the staff member of the synthetic study who does it (e.g. {@code pav-rater-02}); the loader
 *                       itself authenticates as its center's client, and the center records that client
 * @param actorRole      the role they do it in
 * @param method         HTTP method ({@code POST})
 * @param path           path and query, relative to the center's base URL, e.g. {@code /api/v1/subjects/PAV-001/doses}
 * @param contentType    {@code application/json} or {@code text/csv}
 * @param headers        {@code Idempotency-Key} and (for files) {@code X-File-Name}, sorted by name; who sends the request
 *                       is the loader's access token, not a header
 * @param body           the JSON body or the CSV file, UTF-8 text
 * @param expectedEvents events the center records for it when it is new (1, or a CSV file's row count)
 */
public record PlannedRequest(
        String center,
        String subjectId,
        String step,
        Instant at,
        RequestKind kind,
        String actorId,
        String actorRole,
        String method,
        String path,
        String contentType,
        SortedMap<String, String> headers,
        String body,
        int expectedEvents) {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String FILE_NAME = "X-File-Name";
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv";

    public PlannedRequest {
        Objects.requireNonNull(center, "center");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorRole, "actorRole");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(headers, "headers")));
        if (!headers.containsKey(IDEMPOTENCY_KEY)) {
            throw new IllegalArgumentException("a planned request needs an " + IDEMPOTENCY_KEY + " header: " + headers);
        }
    }

    public String idempotencyKey() {
        return headers.get(IDEMPOTENCY_KEY);
    }

    public boolean isCsv() {
        return kind == RequestKind.CSV_IMPORT;
    }

    /** The CSV record kind ({@code enrolments}, {@code assessments} …) of a file import; null for a JSON request. */
    public String csvKind() {
        if (!isCsv()) {
            return null;
        }
        int i = path.indexOf("kind=");
        String rest = path.substring(i + "kind=".length());
        int end = rest.indexOf('&');
        return end < 0 ? rest : rest.substring(0, end);
    }

    @Override
    public String toString() {
        return method + " " + path + " [" + center + (subjectId == null ? "" : " " + subjectId) + " " + step + " @ " + at + "]";
    }
}
