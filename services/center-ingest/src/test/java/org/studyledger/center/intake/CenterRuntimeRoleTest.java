package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.studyledger.center.CenterInfrastructure;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.center.publication.KafkaPublisher;
import org.studyledger.center.publication.TopicReader;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.support.security.testing.DefaultCaller;

/**
 * The center as a deployment runs it: Flyway migrates as the owning role ({@code spring.flyway.user}), the service
 * as a login of its own in {@code studyledger_center_runtime} (V30), which owns nothing. As that login the center
 * records through its REST and CSV intake, replays and purges idempotency keys and publishes every event to Kafka;
 * it cannot change or remove an event, nor switch the append-only trigger off, and the trigger refuses even the owner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CenterIngestApplication.CONFIG_NAME)
@ContextConfiguration(initializers = CenterRuntimeRoleTest.RuntimeLogin.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(DefaultCaller.class)
class CenterRuntimeRoleTest {
    static TestDatabase db;
    static String login;

    /** A fresh database; the login created as a database administrator would, before the first start. */
    static class RuntimeLogin implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            db = TestInfrastructure.newDatabase("center-runtime");
            TestKafka kafka = TestInfrastructure.newKafka("center-runtime");
            login = db.name() + "_app";
            String password = "center-runtime-role-test";
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("""
                        DO $$ BEGIN
                            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studyledger_center_runtime') THEN
                                CREATE ROLE studyledger_center_runtime NOLOGIN;
                            END IF;
                        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                        END $$""");
                s.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + password + "' IN ROLE studyledger_center_runtime");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Map<String, Object> p = new HashMap<>(CenterInfrastructure.properties(db, kafka.bootstrapServers(),
                    kafka.topic("events"), "PAV", CenterInfrastructure.newKeyDirectory()));
            p.put("spring.flyway.user", db.user());
            p.put("spring.flyway.password", db.password() == null ? "" : db.password());
            p.put("spring.datasource.username", login);
            p.put("spring.datasource.password", password);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("center-runtime-test", p));
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    IdempotentRequests idempotentRequests;
    @Autowired
    KafkaPublisher publisher;
    @Value("${studyledger.publication.bootstrap-servers}")
    String bootstrap;

    @Test
    void theCenterRunsAsItsRuntimeLoginAndCannotAlterAnEvent() throws Exception {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(login);
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE tableowner = current_user", Long.class))
                .as("owns no table").isZero();

        Api api = new Api(http);
        api.post("/subjects", enrolment("PAV-001"), Api.withKey("enrol-1")).created("SubjectEnrolled", 0, GENESIS);
        api.post("/subjects", enrolment("PAV-001"), Api.withKey("enrol-1")).status(201);
        api.postCsv("?kind=enrolments", CsvImportApiTest.ENROLMENT_HEADER
                + "PAV-002,2026-01-05,2026-01-05,2.1,1971,F,14,3\n"
                + "PAV-003,2026-01-06,2026-01-06,2.1,1980,M,10,2\n").status(201);
        assertThat(idempotentRequests.purgeExpired()).as("nothing expired yet, but the purge may delete").isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = http.getForObject("/api/v1/publication", Map.class);
            assertThat(((Number) status.get("published")).longValue()).isEqualTo(3);
            assertThat(((Number) status.get("pending")).longValue()).isZero();
        });
        assertThat(TopicReader.readAll(bootstrap, publisher.topic(), 3)).hasSize(3);

        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload_revision = '2'"))
                .rootCause().hasMessageContaining("permission denied for table domain_event_entry");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'PAV-001'"))
                .rootCause().hasMessageContaining("permission denied for table domain_event_entry");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE domain_event_entry"))
                .rootCause().hasMessageContaining("permission denied for table domain_event_entry");
        assertThatThrownBy(() -> jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only"))
                .rootCause().hasMessageContaining("must be owner of table domain_event_entry");
        assertThatThrownBy(() -> jdbc.execute("CREATE TABLE shadow_events (id int)"))
                .rootCause().hasMessageContaining("permission denied for schema");

        // The owner (here a superuser) is refused by the trigger.
        try (Connection owner = db.connect(); Statement s = owner.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE domain_event_entry SET payload_revision = '2'"))
                    .hasMessageContaining("the event store is append-only: UPDATE on domain_event_entry is not allowed");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM domain_event_entry WHERE false"))
                    .hasMessageContaining("the event store is append-only: DELETE on domain_event_entry is not allowed");
            assertThatThrownBy(() -> s.execute("TRUNCATE domain_event_entry"))
                    .hasMessageContaining("the event store is append-only: TRUNCATE on domain_event_entry is not allowed");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_revision = '2'", Long.class))
                .isZero();
    }
}
