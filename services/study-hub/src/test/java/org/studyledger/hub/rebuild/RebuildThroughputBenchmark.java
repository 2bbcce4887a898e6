package org.studyledger.hub.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;

/**
 * The rebuild's throughput, measured, not asserted (docs/benchmarks.md, "Rebuild"): runs only with
 * {@code -Dstudyledger.benchmark.rebuild=true}. Appends {@code N} subjects' histories (26 events each; N from
 * {@code -Dstudyledger.benchmark.rebuild.subjects}, default 200) to a hub's ledger, rebuilds every projection
 * ({@link ProjectionRebuild#rebuild}, what a benchmark calls) and prints events per second; then appends 9 N more
 * subjects and rebuilds again, printing the time ratio (linear: 10× the ledger in about 10× the time). It also prints
 * one as-of read against the live read of the same dataset; and, last, freshness: more subjects' events appended at
 * 200 a second ({@code -Dstudyledger.benchmark.freshness.rate}), the lag until each shows in the projections.
 */
@HubTest
@EnabledIfSystemProperty(named = "studyledger.benchmark.rebuild", matches = "true")
class RebuildThroughputBenchmark {
    private static final String[] CENTERS = {"RBA", "RBB", "RBC", "RBD", "RBE", "RBF", "RBG", "RBH", "RBI", "RBJ", "RBK",
        "RBL", "RBM", "RBN", "RBO", "RBP", "RBQ", "RBR", "RBS", "RBT"};

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    ProjectionRebuild rebuild;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    private long offset;
    private int subjects;

    /** One synthetic subject's history: enrolment, baselines, eight doses with CADSS, follow-up visits, a correction. */
    private static SubjectScript history(int index) {
        String center = CENTERS[index / 999];
        SubjectScript s = new SubjectScript("%s-%03d".formatted(center, index % 999 + 1));
        Instant start = Instant.parse("2026-01-05T08:00:00.000Z").plus(index % 60, ChronoUnit.DAYS);
        int v = 1 + index % 5;
        s.enrol(at(start, 0, 0), LocalDate.ofInstant(start, java.time.ZoneOffset.UTC), 1960 + index % 30, Sex.F, 12, 2);
        s.assess("MADRS", "T0", at(start, 7, 30), 1, 3, 3, 3, 3, 3, 3, 3, 3, v, v);
        s.assess("RFQ8", "T0", at(start, 7, 45), 1, v, 3, 2, 6, 3, 7, 1, 6);
        s.assess("AAQ2", "T0", at(start, 7, 50), 1, 4, 4, 4, 4, 4, 4, 4);
        for (int session = 1; session <= 8; session++) {
            int day = 7 + (session - 1) * 3;
            s.dose(session, at(start, day * 24 + 9, 0), 56, new BloodPressure(120, 80), new BloodPressure(130, 85), 120, null);
            s.atSession("CADSS", session, at(start, day * 24 + 9, 40), null, cadss(v + session % 3));
        }
        AssessmentId w1 = s.assess("MADRS", "W1", at(start, 14 * 24 + 9, 0), 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        s.assess("MADRS", "M1", at(start, 36 * 24 + 9, 0), 30, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1);
        s.assess("RFQ8", "M1", at(start, 36 * 24 + 9, 10), 30, 2, 3, 3, 5, 4, 6, 2, 5);
        s.correct(w1, at(start, 15 * 24 + 10, 0), "transcription error", 1, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        s.adverseEvent(at(start, 7 * 24 + 11, 0), "dissociation", LocalDate.ofInstant(start, java.time.ZoneOffset.UTC),
                AdverseEventSeverity.MILD, false, Relatedness.PROBABLE);
        return s;
    }

    /** An instant as the wire writes it, with milliseconds. */
    private static String at(Instant start, int hours, int minutes) {
        return org.studyledger.hub.projectionsupport.Sql.wire(start.plus(hours, ChronoUnit.HOURS).plus(minutes, ChronoUnit.MINUTES));
    }

    private static int[] cadss(int total) {
        int[] items = new int[23];
        for (int i = 0; i < total; i++) {
            items[i] = 1;
        }
        return items;
    }

    /** Appends {@code count} more subjects in batches, as the Kafka consumer does. */
    private void append(int count) {
        List<LedgerIntake.Message> batch = new ArrayList<>();
        for (int i = 0; i < count; i++, subjects++) {
            SubjectScript s = history(subjects);
            for (var envelope : s.envelopes()) {
                batch.add(new LedgerIntake.Message(hub.topicOf(s.center()), 0, ++offset, s.id(), EnvelopeCodec.encode(envelope)));
            }
            if (batch.size() >= 500) {
                intake.acceptBatch(batch).forEach(o -> assertThat(o).isEqualTo(LedgerIntake.Outcome.APPENDED));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            intake.acceptBatch(batch).forEach(o -> assertThat(o).isEqualTo(LedgerIntake.Outcome.APPENDED));
        }
    }

    private ProjectionRebuild.Result measure(String what) {
        ProjectionRebuild.Result result = rebuild.rebuild(Duration.ofHours(1));
        assertThat(result.caughtUp()).as("%s", result).isTrue();
        System.out.printf("REBUILD %s: %d events in %d ms = %.0f events/s%n", what, result.events(), result.millis(),
                result.eventsPerSecond());
        return result;
    }

    private long timed(String url) {
        long started = System.nanoTime();
        ResponseEntity<byte[]> response = http.getForEntity(url, byte[].class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(url).isTrue();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * Freshness: appends {@code subjects} more subjects' events, interleaved, at {@code perSecond} events a second for
     * as long as they last, and records when each event shows in the analysis dataset ({@code dataset_applied}), the
     * timeline and the audit trail (polled every 10 ms); prints the 50th, 99th percentile and the largest lag per
     * projection, from the intake's answer to the row being visible.
     */
    private void freshness(int subjects, int perSecond) throws InterruptedException {
        List<SubjectScript> scripts = new ArrayList<>();
        for (int i = 0; i < subjects; i++, this.subjects++) {
            scripts.add(history(this.subjects));
        }
        List<LedgerIntake.Message> messages = new ArrayList<>();
        for (int step = 0; messages.size() < subjects * scripts.get(0).envelopes().size(); step++) {
            for (SubjectScript s : scripts) {
                if (step < s.envelopes().size()) {
                    messages.add(new LedgerIntake.Message(hub.topicOf(s.center()), 0, ++offset, s.id(),
                            EnvelopeCodec.encode(s.envelopes().get(step))));
                }
            }
        }
        long from = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        java.util.concurrent.ConcurrentHashMap<Long, Long> appended = new java.util.concurrent.ConcurrentHashMap<>();
        Thread feeder = new Thread(() -> {
            long started = System.nanoTime();
            long position = from;
            for (int i = 0; i < messages.size(); i++) {
                long due = started + i * 1_000_000_000L / perSecond;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                intake.accept(messages.get(i));
                appended.put(++position, System.nanoTime());
            }
        }, "freshness-feeder");
        List<String> tables = List.of("dataset_applied", "timeline_event", "audit_trail");
        Map<String, List<Long>> lags = new java.util.LinkedHashMap<>();
        tables.forEach(t -> lags.put(t, new ArrayList<>()));
        Map<String, Long> seen = new java.util.HashMap<>();
        tables.forEach(t -> seen.put(t, from));
        long feedStart = System.nanoTime();
        feeder.start();
        long last = from + messages.size();
        while (tables.stream().anyMatch(t -> seen.get(t) < last)) {
            for (String t : tables) {
                List<Long> visible = jdbc.queryForList("SELECT position FROM " + t + " WHERE position > ? ORDER BY position",
                        Long.class, seen.get(t));
                long now = System.nanoTime();
                for (long p : visible) {
                    Long at = appended.get(p);
                    if (at != null) {
                        lags.get(t).add((now - at) / 1_000_000);
                    }
                    seen.put(t, Math.max(seen.get(t), p));
                }
            }
            Thread.sleep(10);
        }
        feeder.join();
        double rate = messages.size() * 1e9 / (System.nanoTime() - feedStart);
        lags.forEach((t, l) -> {
            java.util.Collections.sort(l);
            System.out.printf("FRESHNESS %s at %.0f events/s (%d events): p50 %d ms, p99 %d ms, max %d ms%n", t, rate,
                    l.size(), l.get(l.size() / 2), l.get((int) Math.min(l.size() - 1, Math.round(l.size() * 0.99))),
                    l.get(l.size() - 1));
        });
    }

    @Test
    void rebuildThroughput() throws InterruptedException {
        int n = Integer.getInteger("studyledger.benchmark.rebuild.subjects", 200);
        append(n);
        ProjectionRebuild.Result small = measure(n + " subjects");
        append(9 * n);
        ProjectionRebuild.Result large = measure(10 * n + " subjects");
        System.out.printf("REBUILD linearity: 10x the ledger (%d -> %d events) took %.2fx the time%n", small.events(),
                large.events(), large.millis() / (double) Math.max(1, small.millis()));
        long head = large.head();
        for (String url : List.of("/api/v1/datasets/adqs?format=csv", "/api/v1/datasets/adsl?format=dataset-json")) {
            timed(url); // warm-up
            long live = timed(url);
            long asOf = timed(url + "&position=" + head / 2);
            System.out.printf("AS-OF %s: live %d ms, as of position %d: %d ms%n", url, live, head / 2, asOf);
        }
        freshness(Integer.getInteger("studyledger.benchmark.freshness.subjects", 200),
                Integer.getInteger("studyledger.benchmark.freshness.rate", 200));
    }
}
