package org.studyledger.hub.auditcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.studyledger.hub.HubInfrastructure;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.support.security.testing.DefaultCaller;
import org.springframework.context.annotation.Import;

/**
 * The hub as a deployment runs it: Flyway migrates as the owning role ({@code spring.flyway.user}), V4 creates the
 * login {@code studyledger_hub_app} (placeholder {@code runtimeRolePassword}) in the runtime role, and the hub's
 * datasource uses that login. The hub appends, projects, rebuilds its projections, verifies and records the dismissal
 * of a quarantined message, and still cannot change the ledger or the dismissal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + StudyHubApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RuntimeRoleTest.RuntimeLogin.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(DefaultCaller.class)
class RuntimeRoleTest {
    static final String APP_PASSWORD = "runtime-role-test";

    /** A fresh database; Flyway as the test server's (owning, superuser) user, the hub as studyledger_hub_app. */
    static class RuntimeLogin implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestDatabase db = TestInfrastructure.newDatabase("hub-runtime");
            TestKafka kafka = TestInfrastructure.newKafka("hub-runtime");
            Map<String, Object> p = HubInfrastructure.properties(db, kafka.bootstrapServers(), kafka.topicPrefix(),
                    kafka.groupId("ledger"));
            p.put("spring.flyway.user", db.user());
            p.put("spring.flyway.password", db.password() == null ? "" : db.password());
            p.put("spring.flyway.placeholders.runtimeRolePassword", APP_PASSWORD);
            p.put("spring.datasource.username", "studyledger_hub_app");
            p.put("spring.datasource.password", APP_PASSWORD);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("studyledger-hub-runtime-test", p));
        }
    }

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    @Test
    void theHubRunsAsItsRuntimeLoginAndCannotChangeTheLedger() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("studyledger_hub_app");
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class)).isFalse();
        assertThat(jdbc.queryForObject("SELECT pg_has_role('studyledger_hub_app', 'studyledger_hub_runtime', 'MEMBER')",
                Boolean.class)).isTrue();

        SubjectScript s = LedgerVerificationTest.history("RUN-001");
        s.feed(intake, hub);
        awaitProjections(6);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_trail WHERE subject_id = 'RUN-001'", Long.class)).isEqualTo(6);

        // the projections' reset handlers TRUNCATE their tables and reset the tokens
        ResponseEntity<String> rebuild = http.postForEntity("/api/v1/admin/projections/rebuild?timeout=PT1M", null, String.class);
        assertThat(rebuild.getStatusCode()).as(rebuild.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM timeline_event WHERE subject_id = 'RUN-001'", Long.class)).isEqualTo(6);

        // the replay proof, without CREATE on the database, replays into temporary tables
        @SuppressWarnings("unchecked")
        Map<String, Object> proof = http.postForObject("/api/v1/admin/projections/replay-proof", null, Map.class);
        assertThat(proof.get("equal")).as("%s", proof).isEqualTo(true);
        assertThat(proof.get("schema")).isEqualTo("pg_temp");
        assertThat(http.postForEntity("/api/v1/admin/projections/replay-proof?keep=true", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

        @SuppressWarnings("unchecked")
        Map<String, Object> report = http.getForObject("/api/v1/audit/verify", Map.class);
        assertThat(report.get("valid")).as("%s", report).isEqualTo(true);
        assertThat(report.get("events_checked")).isEqualTo(6);

        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload_revision = '2'"))
                .rootCause().hasMessageContaining("permission denied for table domain_event_entry");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM ledger_event_hash"))
                .rootCause().hasMessageContaining("permission denied for table ledger_event_hash");

        // A quarantined message dismissed: the runtime login records the dismissal and reads it back in the audit
        // trail, and may neither change nor remove it.
        intake.accept(new LedgerIntake.Message(hub.topicOf("RUN"), 0, 9_999, "RUN-001",
                "not an envelope".getBytes(StandardCharsets.UTF_8)));
        long id = jdbc.queryForObject("SELECT id FROM quarantine WHERE kafka_offset = 9999", Long.class);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestIssuer.hubToken(Identity.study("dm-run", "data-manager")));
        ResponseEntity<String> dismissed = http.postForEntity("/api/v1/quarantine/" + id + "/dismiss",
                new HttpEntity<>("{\"reason\": \"not a StudyLedger message\"}", headers), String.class);
        assertThat(dismissed.getStatusCode()).as(dismissed.getBody()).isEqualTo(HttpStatus.OK);
        List<?> trail = http.getForObject("/api/v1/audit-trail?type=QuarantineDismissed", List.class);
        assertThat(trail).hasSize(1);
        assertThatThrownBy(() -> jdbc.update("UPDATE quarantine_dismissal SET reason = 'rewritten'"))
                .rootCause().hasMessageContaining("permission denied for table quarantine_dismissal");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM quarantine_dismissal"))
                .rootCause().hasMessageContaining("permission denied for table quarantine_dismissal");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE quarantine_dismissal"))
                .rootCause().hasMessageContaining("permission denied for table quarantine_dismissal");
        assertThat(jdbc.queryForObject("SELECT reason FROM quarantine_dismissal WHERE quarantine_id = ?", String.class, id))
                .isEqualTo("not a StudyLedger message");
    }

    private void awaitProjections(long head) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = http.getForObject("/api/v1/admin/projections", Map.class);
            assertThat(((Number) status.get("head")).longValue()).isGreaterThanOrEqualTo(head);
            assertThat(status.get("caught_up")).as("%s", status).isEqualTo(true);
        });
    }
}
