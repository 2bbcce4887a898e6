package org.studyledger.hub.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.study.CenterTopics;

/**
 * The actor of every event is the subject of the token that recorded it, in the role the center's rule table let it
 * act in, whatever actor headers the request carries: checked in the envelopes that reach the hub's ledger, through
 * the REST intake and a CSV import, with the display name the token gave. Headers that name another actor or role are refused and record nothing.
 */
class ActorFromTokenTest {
    private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private static Http hub;
    private static Http pav;

    @TempDir
    static Path keys;

    @BeforeAll
    static void startACenterAndTheHub() {
        TestKafka kafka = TestInfrastructure.newKafka("actor");
        String prefix = kafka.topicPrefix();
        hub = Http.hub(start(StudyHubApplication.application(), Map.of(
                "studyledger.hub.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.hub.topic-prefix", prefix,
                "studyledger.hub.consumer-group", kafka.groupId("hub"),
                "studyledger.hub.poll-timeout", "200ms",
                "studyledger.hub.signing.keys-directory", keys.toString()), TestInfrastructure.newDatabase("actor-hub"),
                TestIssuer.HUB_AUDIENCE));
        pav = Http.center(start(CenterIngestApplication.application(), Map.of("studyledger.center.id", "PAV",
                "studyledger.publication.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.publication.topic", new CenterTopics(prefix, "ESK-TRD").topicOf("PAV"),
                "studyledger.center.signing.key-directory", keys.toString()),
                TestInfrastructure.newDatabase("actor-pav"), TestIssuer.CENTER_AUDIENCE), "PAV");
    }

    private static String start(SpringApplicationBuilder application, Map<String, Object> settings, TestDatabase db,
                                String audience) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(TestIssuer.settings(audience));
        all.put("server.port", 0);
        all.put("spring.datasource.url", db.jdbcUrl());
        all.put("spring.datasource.username", db.user());
        all.put("spring.datasource.password", db.password() == null ? "" : db.password());
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = application.run(args);
        services.add(context);
        return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    static void stopServices() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    private static String enrolment(String subject) {
        return """
                {"subject_id": "%s", "enrolment_date": "2026-01-05", "consent_date": "2026-01-05", "consent_version": "2.1",
                 "birth_year": 1971, "sex": "F", "episode_duration_months": 14, "failed_antidepressant_trials": 3}"""
                .formatted(subject);
    }

    @Test
    void theLedgerRecordsTheTokensSubjectThroughRestAndCsvWhateverTheHeadersSay() {
        String investigator = pav.token("inv-07", "investigator");
        HttpResponse<String> otherActor = pav.send("/api/v1/subjects", investigator, "application/json",
                enrolment("PAV-001"), "X-Actor-Id", "dm-99");
        assertThat(otherActor.statusCode()).as(otherActor.body()).isEqualTo(403);
        assertThat(otherActor.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(otherActor.body()).contains("\"field\":\"X-Actor-Id\"").contains("inv-07");
        HttpResponse<String> otherRole = pav.send("/api/v1/subjects", investigator, "application/json",
                enrolment("PAV-001"), "X-Actor-Role", "data-manager");
        assertThat(otherRole.statusCode()).as(otherRole.body()).isEqualTo(403);
        assertThat(otherRole.body()).contains("\"field\":\"X-Actor-Role\"");

        // Headers that say what the token says are no claim of another identity.
        HttpResponse<String> same = pav.send("/api/v1/subjects", investigator, "application/json", enrolment("PAV-001"),
                "X-Actor-Id", "inv-07", "X-Actor-Role", "investigator");
        assertThat(same.statusCode()).as(same.body()).isEqualTo(201);
        // A CSV import by a data manager who holds other center roles too: recorded as the data manager.
        String dataManager = TestIssuer.get().token(new org.studyledger.infrastructure.identity.Identity("dm-07",
                "Dana Manager", List.of("rater", "data-manager"), "PAV"), TestIssuer.CENTER_AUDIENCE);
        pav.postWith("/api/v1/imports?kind=enrolments", dataManager, "text/csv",
                "subject_id,enrolment_date,consent_date,consent_version,birth_year,sex,episode_duration_months,"
                        + "failed_antidepressant_trials\nPAV-002,2026-01-05,2026-01-05,2.1,1971,F,14,3\n"
                        + "PAV-003,2026-01-06,2026-01-06,2.1,1964,M,20,2\n");

        Map<String, EventEnvelope> ledger = new TreeMap<>();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            ledger.clear();
            hub.getText("/api/v1/ledger/export?center=PAV", "application/x-ndjson").lines().map(EnvelopeCodec::decode)
                    .forEach(e -> ledger.put(e.subjectId().value(), e));
            assertThat(ledger).hasSize(3);
        });
        assertThat(ledger.get("PAV-001").actor().id()).isEqualTo("inv-07");
        assertThat(ledger.get("PAV-001").actor().role()).isEqualTo("investigator");
        assertThat(ledger.get("PAV-001").actor().name()).isEqualTo("Test inv-07");
        assertThat(ledger.get("PAV-001").source()).isEqualTo("api");
        for (String subject : List.of("PAV-002", "PAV-003")) {
            assertThat(ledger.get(subject).actor().id()).isEqualTo("dm-07");
            assertThat(ledger.get(subject).actor().role()).isEqualTo("data-manager");
            assertThat(ledger.get(subject).actor().name()).isEqualTo("Dana Manager");
            assertThat(ledger.get(subject).hashIsValid()).isTrue();
            assertThat(ledger.get(subject).source()).startsWith("csv:");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode trail = hub.get("/api/v1/audit-trail?center=PAV");
            assertThat(trail).hasSize(3);
            trail.forEach(row -> assertThat(row.get("actor_id").asText()).isIn("inv-07", "dm-07"));
        });
    }
}
