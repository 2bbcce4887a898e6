package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Kafka's client settings reach the producer under their own names, whether given as properties (YAML, the
 * command line) or as environment variables, as docs/security.md shows them for SASL_SSL.
 */
class PublicationSecuritySettingsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"center-PAV\" password=\"secret\";";

    @Test
    void propertiesKeepKafkasDottedNames() {
        PublicationProperties bound = bind(new MapPropertySource("yaml", Map.of(
                "studyledger.publication.bootstrap-servers", "kafka-1:9093",
                "studyledger.publication.producer.security.protocol", "SASL_SSL",
                "studyledger.publication.producer.sasl.mechanism", "SCRAM-SHA-512",
                "studyledger.publication.producer.sasl.jaas.config", JAAS,
                "studyledger.publication.producer[ssl.truststore.location]", "/etc/kafka/truststore.p12")));

        assertThat(bound.producer()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/truststore.p12"));
    }

    @Test
    void environmentVariablesBindToTheSameNames() {
        PublicationProperties bound = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "STUDYLEDGER_PUBLICATION_BOOTSTRAPSERVERS", "kafka-1:9093",
                "STUDYLEDGER_PUBLICATION_PRODUCER_SECURITY_PROTOCOL", "SASL_SSL",
                "STUDYLEDGER_PUBLICATION_PRODUCER_SASL_MECHANISM", "SCRAM-SHA-512",
                "STUDYLEDGER_PUBLICATION_PRODUCER_SASL_JAAS_CONFIG", JAAS,
                "STUDYLEDGER_PUBLICATION_PRODUCER_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12")));

        assertThat(bound.bootstrapServers()).isEqualTo("kafka-1:9093");
        assertThat(bound.producer()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/truststore.p12"));
    }

    private static PublicationProperties bind(PropertySource<?> source) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(source);
        return new Binder(ConfigurationPropertySources.get(environment))
                .bind("studyledger.publication", PublicationProperties.class).get();
    }
}
