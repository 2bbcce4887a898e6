package org.studyledger.hub;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;

/**
 * Points a hub context at a fresh database, a topic prefix of its own, so its pattern subscription
 * sees only the center topics its test creates, and a key directory of its own holding the test centers'
 * keys ({@link CenterKeys}), so the envelopes the fixtures sign verify.
 */
public class HubInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestInfrastructure.newDatabase("hub");
        TestKafka kafka = TestInfrastructure.newKafka("hub");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("studyledger-hub-test",
                properties(db, kafka.bootstrapServers(), kafka.topicPrefix(), kafka.groupId("ledger"))));
    }

    public static Map<String, Object> properties(TestDatabase db, String bootstrap, String topicPrefix, String consumerGroup) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", db.jdbcUrl());
        p.put("spring.datasource.username", db.user());
        p.put("spring.datasource.password", db.password() == null ? "" : db.password());
        p.put("studyledger.hub.bootstrap-servers", bootstrap);
        p.put("studyledger.hub.topic-prefix", topicPrefix);
        p.put("studyledger.hub.consumer-group", consumerGroup);
        p.put("studyledger.hub.poll-timeout", "200ms");
        p.put("studyledger.hub.signing.keys-directory", CenterKeys.newDirectory().toString());
        return p;
    }
}
