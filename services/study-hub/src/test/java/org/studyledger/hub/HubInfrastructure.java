package org.studyledger.hub;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.support.security.testing.DefaultCaller;

/**
 * Points a hub context at a fresh database, a topic prefix of its own, so its pattern subscription
 * sees only the center topics its test creates, and a key directory of its own holding the test centers'
 * keys ({@link CenterKeys}), so the envelopes the fixtures sign verify; it accepts the test issuer's tokens. The default
 * caller ({@link DefaultCaller}) is {@value #DEFAULT_CALLER}, in every role of the hub but the data manager's.
 */
public class HubInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** The default caller's id. */
    public static final String DEFAULT_CALLER = "hub-tester";
    /** The default caller's roles, as a roles setting. */
    public static final String HUB_ROLES = "analyst,auditor,hub-admin";

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
        p.putAll(TestIssuer.settings(TestIssuer.HUB_AUDIENCE));
        p.put(DefaultCaller.ID, DEFAULT_CALLER);
        p.put(DefaultCaller.ROLES, HUB_ROLES);
        return p;
    }
}
