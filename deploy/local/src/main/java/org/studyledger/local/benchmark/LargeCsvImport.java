package org.studyledger.local.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.studyledger.cohort.load.AccessTokens;

/**
 * A center importing large CSV files, as a center migrating its records or entering a day's paper forms does: every
 * center at once (one client each) imports one enrolment file of new subjects, then one assessment file with each of
 * those subjects' MADRS at the six scheduled visits, through the product's CSV endpoint. The cohort's own CSV files hold
 * a few rows each (their cost is the request's); these hold hundreds to thousands, so their cost is the rows'.
 */
final class LargeCsvImport {
    /** Scheduled MADRS visits and a time for each, after the enrolment date below. */
    private static final String[][] VISITS = {{"T0", "2026-01-05T09:30:00Z"}, {"W1", "2026-01-12T09:30:00Z"},
            {"M1", "2026-02-02T09:30:00Z"}, {"M2", "2026-03-02T09:30:00Z"}, {"M3", "2026-04-06T09:30:00Z"},
            {"M6", "2026-07-06T09:30:00Z"}};
    /** Events (rows) per subject: its enrolment and its assessments. */
    static final int EVENTS_PER_SUBJECT = 1 + VISITS.length;
    /** New subjects per center when the run does not say: a file of this many enrolments, and six times as many assessments. */
    static final int DEFAULT_PER_CENTER = 200;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param clients  concurrent clients (one per center)
     * @param files    files imported
     * @param rows     rows imported, one event each
     * @param events   events the centers answered they recorded
     * @param seconds  the time the clients spent importing, summed
     */
    record Result(int clients, int files, long rows, long events, double seconds) {
        /** Each client's rate while importing, times the clients. */
        double perSecond() {
            return events / (seconds / clients);
        }
    }

    /**
     * Checks that {@code perCenter} new subjects fit above {@code lastTaken}, the highest id the cohort and the
     * freshness run give a center.
     *
     * @throws IllegalArgumentException when they do not fit below {@code <CENTER>-999}
     */
    static void checkFits(int perCenter, int lastTaken) {
        int free = 999 - lastTaken;
        if (perCenter > free) {
            throw new IllegalArgumentException("the CSV import stage needs " + perCenter + " new subject ids per center,"
                    + " but only " + free + " are free (<CENTER>-" + (lastTaken + 1) + " .. 999; the cohort and the"
                    + " freshness run take the ids below); lower --csv-subjects, --subjects, --rate or --seconds");
        }
    }

    /** New subjects per center when the run does not say: as many as are free, up to {@link #DEFAULT_PER_CENTER}. */
    static int defaultPerCenter(int lastTaken) {
        return Math.max(0, Math.min(DEFAULT_PER_CENTER, 999 - lastTaken));
    }

    private LargeCsvImport() {
    }

    /** {@code subjects} spread over the centers, the first centers taking one more when they do not divide evenly. */
    static Map<String, Integer> spread(List<String> centers, int subjects) {
        Map<String, Integer> perCenter = new LinkedHashMap<>();
        for (int i = 0; i < centers.size(); i++) {
            perCenter.put(centers.get(i), subjects / centers.size() + (i < subjects % centers.size() ? 1 : 0));
        }
        return perCenter;
    }

    /**
     * Every center at once imports its enrolment file, then its assessment file, of its subjects: the highest ids,
     * {@code <CENTER>-999} down, as many as {@code subjects} gives it.
     */
    static Result run(Map<String, URI> centers, AccessTokens tokens, Map<String, Integer> subjects) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(centers.size());
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            centers.forEach((center, url) -> futures.add(pool.submit(() -> {
                long[] totals = new long[4]; // files, rows, events, nanos
                int perCenter = subjects.getOrDefault(center, 0);
                if (perCenter == 0) {
                    return totals;
                }
                int first = 999 - perCenter + 1;
                importFile(url, tokens, center, "enrolments", enrolments(center, first, perCenter), perCenter, totals);
                importFile(url, tokens, center, "assessments", assessments(center, first, perCenter),
                        (long) perCenter * VISITS.length, totals);
                return totals;
            })));
            long[] sum = new long[4];
            for (Future<long[]> f : futures) {
                long[] t = f.get();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += t[i];
                }
            }
            return new Result(centers.size(), (int) sum[0], sum[1], sum[2], sum[3] / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One file; anything but an applied import stops the run with the center's answer. */
    private static void importFile(URI center, AccessTokens tokens, String code, String kind, String csv, long rows,
                                   long[] totals) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(center.resolve("/api/v1/imports?kind=" + kind))
                .timeout(Duration.ofMinutes(30)).header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + tokens.forCenter(code))
                .header("X-File-Name", code + "-benchmark-" + kind + ".csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        JsonNode answer = response.statusCode() == 201 ? JSON.readTree(response.body()) : null;
        if (answer == null || !answer.path("applied").asBoolean(false) || answer.path("events").size() != rows) {
            throw new IllegalStateException("the " + kind + " file of " + rows + " rows at " + code + " was answered "
                    + response.statusCode() + ": " + abbreviated(response.body()));
        }
        totals[0]++;
        totals[1] += rows;
        totals[2] += answer.path("events").size();
        totals[3] += nanos;
    }

    static String enrolments(String center, int first, int count) {
        StringBuilder csv = new StringBuilder("subject_id,enrolment_date,consent_date,consent_version,birth_year,sex,"
                + "episode_duration_months,failed_antidepressant_trials\n");
        for (int n = first; n < first + count; n++) {
            csv.append("%s-%03d,2026-01-05,2026-01-05,2.1,%d,%s,%d,%d\n".formatted(center, n, 1950 + n % 50,
                    n % 2 == 0 ? "F" : "M", 6 + n % 30, 2 + n % 3));
        }
        return csv.toString();
    }

    static String assessments(String center, int first, int count) {
        StringBuilder csv = new StringBuilder("subject_id,visit,instrument,administered_at,rater");
        for (int i = 1; i <= 10; i++) {
            csv.append(",MADRS_%02d".formatted(i));
        }
        csv.append('\n');
        for (int v = 0; v < VISITS.length; v++) {
            for (int n = first; n < first + count; n++) {
                csv.append("%s-%03d,%s,MADRS,%s,rater-017".formatted(center, n, VISITS[v][0], VISITS[v][1]));
                for (int i = 0; i < 10; i++) {
                    csv.append(',').append((n + v + i) % 6);
                }
                csv.append('\n');
            }
        }
        return csv.toString();
    }

    private static String abbreviated(String body) {
        return body.length() <= 2_000 ? body : body.substring(0, 2_000) + " …";
    }
}
