package org.studyledger.hub.asof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.Cohort;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.Sex;

/**
 * As of any position, the answer the live projection gave there: the {@link Cohort} and three more subjects with a
 * baseline RFQ-8 (so MENTGRP moves as the cohort grows) are appended in a random interleaving (per-subject order kept),
 * in groups of random size; after each group, once the projections have caught up, the live answers are captured.
 * Then, in random order, every captured position is asked for with {@code position=}: byte for byte the captured
 * answer, with the same {@code X-Content-SHA256} and {@code X-Ledger-Position}.
 */
@HubTest
class AsOfPropertyTest {
    private static final List<String> URLS = List.of("/api/v1/datasets/adsl?format=csv",
            "/api/v1/datasets/adqs?format=dataset-json", "/api/v1/datasets/adex?format=json",
            "/api/v1/datasets/adqs?format=csv&subject=PAV-001", "/api/v1/cohort/summary");

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private long offset;

    private ResponseEntity<byte[]> get(String url) {
        ResponseEntity<byte[]> response = http.getForEntity(url, byte[].class);
        assertThat(response.getStatusCode()).as("%s: %s", url, response.getBody() == null ? "" : new String(response.getBody()))
                .isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst(ContentHash.HEADER)).as(url).isEqualTo(ContentHash.of(response.getBody()));
        return response;
    }

    private void append(SubjectScript subject, EventEnvelope envelope) {
        LedgerIntake.Outcome outcome = intake.accept(new LedgerIntake.Message(hub.topicOf(subject.center()), 0,
                ++offset, subject.id(), EnvelopeCodec.encode(envelope)));
        assertThat(outcome).isEqualTo(LedgerIntake.Outcome.APPENDED);
    }

    @Test
    void anAnswerAsOfAnyCapturedPositionIsTheLiveAnswerCapturedThere() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Cohort cohort = new Cohort();
        List<SubjectScript> subjects = new ArrayList<>(cohort.subjects());
        int[] rfq = {2, 5, 7};
        for (int i = 0; i < rfq.length; i++) {
            SubjectScript s = new SubjectScript("MIL-01" + i);
            s.enrol("2026-01-10T08:00:00.000Z", LocalDate.of(2026, 1, 10), 1980, Sex.M, 10, 2);
            int v = rfq[i];
            s.assess("RFQ8", "T0", "2026-01-12T07:45:00.000Z", 1, v, v, v, v, v, v, v, v);
            subjects.add(s);
        }
        // a random interleaving keeping each subject's order
        List<SubjectScript> order = new ArrayList<>();
        subjects.forEach(s -> s.envelopes().forEach(e -> order.add(s)));
        Collections.shuffle(order, random);
        Map<SubjectScript, Integer> next = new LinkedHashMap<>();

        Map<Long, Map<String, ResponseEntity<byte[]>>> captured = new LinkedHashMap<>();
        int appended = 0;
        while (appended < order.size()) {
            int group = 1 + random.nextInt(4);
            for (int i = 0; i < group && appended < order.size(); i++, appended++) {
                SubjectScript s = order.get(appended);
                int n = next.merge(s, 1, Integer::sum) - 1;
                append(s, s.envelopes().get(n));
            }
            Cohort.awaitCaughtUp(http, appended);
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            Map<String, ResponseEntity<byte[]>> answers = new LinkedHashMap<>();
            URLS.forEach(url -> answers.put(url, get(url)));
            captured.put(head, answers);
        }

        List<Long> positions = new ArrayList<>(captured.keySet());
        Collections.shuffle(positions, random);
        for (long p : positions) {
            for (String url : URLS) {
                ResponseEntity<byte[]> then = captured.get(p).get(url);
                ResponseEntity<byte[]> asOf = get(url + (url.contains("?") ? "&" : "?") + "position=" + p);
                String what = url + " at position " + p + " (seed " + seed + ")";
                assertThat(asOf.getBody()).as(what).isEqualTo(then.getBody());
                assertThat(asOf.getHeaders().getFirst(ContentHash.HEADER)).as(what)
                        .isEqualTo(then.getHeaders().getFirst(ContentHash.HEADER));
                assertThat(asOf.getHeaders().getFirst("X-Ledger-Position")).as(what)
                        .isEqualTo(then.getHeaders().getFirst("X-Ledger-Position"));
            }
        }
    }
}
