package org.studyledger.hub.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.infrastructure.kafka.KafkaAcls;
import org.studyledger.infrastructure.kafka.KafkaCredentials;
import org.studyledger.infrastructure.testing.SecuredTestKafka;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.kernel.study.CenterTopics;

/**
 * The event path on a secured broker (SASL/SCRAM, ACLs from {@link KafkaAcls}), each service with its own Kafka
 * user, its settings given through the services' pass-through maps ({@code studyledger.publication.producer.*},
 * {@code studyledger.hub.consumer.*}). PAV creates its topic and publishes to it; the hub reads it with its group
 * and reports its lag. MIL, misconfigured to publish to PAV's topic, is refused by the broker: its event stays
 * pending with the authorization error, and nothing of MIL's reaches the ledger.
 */
class SecuredKafkaTest {
    private static final String STUDY = "ESK-TRD";
    private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private static Http hub;
    private static Http pav;
    private static Http mil;

    @TempDir
    static Path keys;

    @BeforeAll
    static void startServicesWithCredentialsOfTheirOwn() {
        SecuredTestKafka kafka = TestInfrastructure.newSecuredKafka("secured-kafka");
        CenterTopics topics = new CenterTopics(kafka.topicPrefix(), STUDY);
        KafkaCredentials hubUser = kafka.newUser("hub");
        KafkaCredentials pavUser = kafka.newUser("center-PAV");
        KafkaCredentials milUser = kafka.newUser("center-MIL");
        String group = kafka.groupId("hub");
        kafka.grant(KafkaAcls.hub(hubUser.principal(), topics.studyPrefix(), group));
        kafka.grant(KafkaAcls.center(pavUser.principal(), topics.topicOf("PAV"), true));
        kafka.grant(KafkaAcls.center(milUser.principal(), topics.topicOf("MIL"), true));

        Map<String, Object> hubSettings = new HashMap<>(Map.of(
                "studyledger.hub.study-id", STUDY,
                "studyledger.hub.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.hub.topic-prefix", kafka.topicPrefix(),
                "studyledger.hub.consumer-group", group,
                "studyledger.hub.poll-timeout", "200ms",
                "studyledger.hub.signing.keys-directory", keys.toString()));
        hubUser.scramClientSettings("SASL_PLAINTEXT").forEach((k, v) -> hubSettings.put("studyledger.hub.consumer." + k, v));
        hub = Http.hub(start(StudyHubApplication.application(), hubSettings, "secured-hub", TestIssuer.HUB_AUDIENCE));
        pav = Http.center(start(CenterIngestApplication.application(),
                center("PAV", topics.topicOf("PAV"), pavUser, kafka), "secured-pav", TestIssuer.CENTER_AUDIENCE), "PAV");
        Map<String, Object> misconfigured = center("MIL", topics.topicOf("PAV"), milUser, kafka);
        misconfigured.put("studyledger.publication.create-topic", "false");
        mil = Http.center(start(CenterIngestApplication.application(), misconfigured, "secured-mil",
                TestIssuer.CENTER_AUDIENCE), "MIL");
    }

    private static Map<String, Object> center(String id, String topic, KafkaCredentials user, SecuredTestKafka kafka) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "studyledger.center.id", id,
                "studyledger.center.study-id", STUDY,
                "studyledger.publication.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.publication.topic", topic,
                "studyledger.publication.send-timeout", "5s",
                "studyledger.center.signing.key-directory", keys.toString()));
        user.scramClientSettings("SASL_PLAINTEXT").forEach((k, v) -> settings.put("studyledger.publication.producer." + k, v));
        return settings;
    }

    private static String start(SpringApplicationBuilder application, Map<String, Object> settings, String database,
                                String audience) {
        var db = TestInfrastructure.newDatabase(database);
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

    @Test
    void eachCenterReachesTheLedgerOnlyThroughItsOwnTopic() {
        pav.post("/api/v1/subjects", "investigator-01", "investigator", enrolment("PAV-001"));
        pav.post("/api/v1/subjects/PAV-001/assessments", "rater-07", "rater", """
                {"instrument": "MADRS", "visit": "T0", "administered_at": "2026-01-12T08:00:00+01:00", "rater": "rater-07",
                 "items": {"MADRS_01": 3, "MADRS_02": 3, "MADRS_03": 3, "MADRS_04": 3, "MADRS_05": 3,
                           "MADRS_06": 3, "MADRS_07": 3, "MADRS_08": 3, "MADRS_09": 3, "MADRS_10": 3}}""");
        mil.post("/api/v1/subjects", "investigator-02", "investigator", enrolment("MIL-001"));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode status = hub.get("/api/v1/ledger/status");
            assertThat(status.get("events").asLong()).isEqualTo(2);
            assertThat(status.get("quarantined").asLong()).isZero();
            JsonNode pavStatus = center(status, "PAV");
            assertThat(pavStatus.get("events").asLong()).isEqualTo(2);
            assertThat(status.path("lag_error").isMissingNode() || status.get("lag_error").isNull())
                    .as("the hub's admin client authenticates too: %s", status).isTrue();
            assertThat(pavStatus.get("consumer_lag").asLong()).isZero();
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode publication = mil.get("/api/v1/publication");
            assertThat(publication.get("pending").asLong()).isEqualTo(1);
            assertThat(publication.get("published").asLong()).isZero();
            assertThat(publication.get("last_error").asText()).contains("TopicAuthorizationException");
        });
        assertThat(pav.get("/api/v1/publication").get("pending").asLong()).isZero();
        // The subject list is a projection: it follows the ledger a moment later.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hub.get("/api/v1/subjects"))
                .extracting(s -> s.get("subject_id").asText()).containsExactly("PAV-001"));
    }

    private static JsonNode center(JsonNode status, String center) {
        return StreamSupport.stream(status.get("centers").spliterator(), false)
                .filter(c -> c.get("center_id").asText().equals(center)).findFirst().orElseThrow();
    }

    private static String enrolment(String subject) {
        return """
                {"subject_id": "%s", "enrolment_date": "2026-01-05", "consent_date": "2026-01-05", "consent_version": "2.1",
                 "birth_year": 1970, "sex": "F", "episode_duration_months": 14, "failed_antidepressant_trials": 3}"""
                .formatted(subject);
    }
}
