package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.studyledger.center.CenterInfrastructure;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.infrastructure.kafka.KafkaBroker;
import org.studyledger.infrastructure.testing.TestInfrastructure;

/**
 * Kafka goes away: the center keeps accepting data, reports the failure, and when the broker returns
 * publishes everything it missed, in order, nothing lost. Uses a broker of its own, which it stops.
 */
@SpringBootTest(properties = "spring.config.name=" + CenterIngestApplication.CONFIG_NAME)
@ContextConfiguration(initializers = PublicationOutageTest.OwnBroker.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PublicationOutageTest {
    static final KafkaBroker broker = KafkaBroker.builder().build().start();
    static final String TOPIC = "studyledger.ESK-TRD.PAV.events";

    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>(CenterInfrastructure.properties(
                    TestInfrastructure.newDatabase("outage"), broker.bootstrapServers(), TOPIC, "PAV",
                    CenterInfrastructure.newKeyDirectory()));
            properties.put("studyledger.publication.send-timeout", "2s");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outage", properties));
        }
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    PublicationProgress progress;

    @Test
    void dataRecordedDuringAnOutageIsPublishedWhenKafkaReturns() {
        Cohort cohort = new Cohort(commands);
        List<RecordedEvent> before = cohort.record("PAV", 1, 2, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.snapshot().published() == before.size());

        broker.stop();
        List<RecordedEvent> during = cohort.record("PAV", 3, 2, 3);
        during.add(cohort.dose("PAV-001", 2));
        assertThat(during).as("the center keeps accepting data").hasSize(9);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(progress.lastError()).as("the failure is reported").isNotNull();
            assertThat(progress.stored() - progress.snapshot().published()).isEqualTo(during.size());
        });

        broker.start();
        int total = before.size() + during.size();
        await().atMost(Duration.ofSeconds(90)).until(() -> progress.snapshot().published() == total);

        var streams = TopicReader.verifiedStreams(TopicReader.readAll(broker.bootstrapServers(), TOPIC, total));
        assertThat(streams.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
        assertThat(streams.get("PAV-001")).hasSize(4);
        assertThat(streams.get("PAV-004")).hasSize(4);
    }
}
