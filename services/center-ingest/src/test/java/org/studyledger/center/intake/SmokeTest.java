package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.studyledger.center.CenterIngestTest;

@CenterIngestTest
class SmokeTest {
    @Autowired
    TestRestTemplate http;

    @Test
    void enrolsAndReadsBack() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.add("X-Actor-Id", "dm-01");
        h.add("X-Actor-Role", "data-manager");
        String body = """
                {"subject_id":"PAV-001","enrolment_date":"2026-01-05","consent_date":"2026-01-05","consent_version":"2.1",
                 "birth_year":1971,"sex":"F","episode_duration_months":14,"failed_antidepressant_trials":3}""";
        ResponseEntity<String> r = http.postForEntity("/api/v1/subjects", new HttpEntity<>(body, h), String.class);
        System.out.println(r.getStatusCode() + " " + r.getBody());
        assertThat(r.getStatusCode().value()).isEqualTo(201);
        ResponseEntity<String> g = http.getForEntity("/api/v1/subjects/PAV-001", String.class);
        System.out.println(g.getStatusCode() + " " + g.getBody());
        assertThat(g.getStatusCode().value()).isEqualTo(200);
    }
}
