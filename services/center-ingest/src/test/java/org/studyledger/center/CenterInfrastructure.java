package org.studyledger.center;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;

/**
 * Points a center-ingest context at a fresh database and a fresh topic of the harness. Each Spring
 * context gets its own, so test classes never see each other's subjects or events.
 */
public class CenterInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestInfrastructure.newDatabase("center");
        TestKafka kafka = TestInfrastructure.newKafka("center");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("studyledger-test-infrastructure",
                properties(db, kafka.bootstrapServers(), kafka.topic("events"), "PAV")));
    }

    public static Map<String, Object> properties(TestDatabase db, String bootstrap, String topic, String center) {
        return Map.of(
                "spring.datasource.url", db.jdbcUrl(),
                "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password() == null ? "" : db.password(),
                "studyledger.center.id", center,
                "studyledger.publication.bootstrap-servers", bootstrap,
                "studyledger.publication.topic", topic,
                "studyledger.publication.partitions", "3");
    }
}
