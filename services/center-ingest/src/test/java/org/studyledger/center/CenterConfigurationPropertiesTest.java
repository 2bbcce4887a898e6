package org.studyledger.center;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.FieldError;
import org.studyledger.center.publication.OutboxStreamProperties;
import org.studyledger.center.publication.PublicationProperties;
import org.studyledger.center.signing.SigningProperties;

/**
 * The center's settings are typed: the build describes them for IDEs (the configuration processor's metadata), and a
 * bad value stops the start-up naming the setting.
 */
class CenterConfigurationPropertiesTest {

    @Test
    void theBuildDescribesTheSettingsWithTheirDefaults() throws IOException {
        Map<String, JsonNode> properties = metadata("org.studyledger.center.");
        assertThat(properties).containsKeys("studyledger.center.id", "studyledger.center.zone",
                "studyledger.center.signing.key-directory", "studyledger.center.signing.generate-if-missing",
                "studyledger.publication.bootstrap-servers", "studyledger.publication.send-timeout",
                "studyledger.publication.partitions", "studyledger.publication.stream.fetch-delay",
                "studyledger.publication.stream.cached-events");
        assertThat(properties.get("studyledger.center.study-id").path("defaultValue").asText()).isEqualTo("ESK-TRD");
        assertThat(properties.get("studyledger.publication.send-timeout").path("defaultValue").asText()).isEqualTo("10s");
        assertThat(properties.get("studyledger.publication.partitions").path("defaultValue").asInt()).isEqualTo(3);
        assertThat(properties.get("studyledger.publication.stream.fetch-delay").path("defaultValue").asText()).isEqualTo("1s");
    }

    @Test
    void noPartitionsStopTheStartUpNamingTheSetting() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("studyledger.center.id=PAV", "studyledger.publication.bootstrap-servers=localhost:9092",
                        "studyledger.publication.partitions=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    BindValidationException failure = rootCause(context.getStartupFailure(), BindValidationException.class);
                    assertThat(failure.getValidationErrors().getName().toString()).isEqualTo("studyledger.publication");
                    assertThat(failure.getValidationErrors().getAllErrors()).singleElement()
                            .satisfies(e -> assertThat(((FieldError) e).getField()).isEqualTo("partitions"));
                });
    }

    @Test
    void aMissingCenterStopsTheStartUpNamingTheSetting() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("studyledger.publication.bootstrap-servers=localhost:9092")
                .run(context -> {
                    assertThat(context).hasFailed();
                    BindValidationException failure = rootCause(context.getStartupFailure(), BindValidationException.class);
                    assertThat(failure.getValidationErrors().getName().toString()).isEqualTo("studyledger.center");
                    assertThat(failure.getValidationErrors().getAllErrors()).singleElement()
                            .satisfies(e -> assertThat(((FieldError) e).getField()).isEqualTo("id"));
                });
    }

    @Test
    void theDefaultsHoldWhenNothingButTheRequiredIsSet() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("studyledger.center.id=PAV", "studyledger.publication.bootstrap-servers=localhost:9092")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CenterProperties center = context.getBean(CenterProperties.class);
                    assertThat(center.studyId()).isEqualTo("ESK-TRD");
                    assertThat(center.zone()).isEqualTo(java.time.ZoneId.of("UTC"));
                    PublicationProperties publication = context.getBean(PublicationProperties.class);
                    assertThat(publication.partitions()).isEqualTo(3);
                    assertThat(publication.replicationFactor()).isEqualTo((short) 1);
                    assertThat(publication.createTopic()).isTrue();
                    assertThat(publication.sendTimeout()).hasSeconds(10);
                    assertThat(publication.producer()).isEmpty();
                    OutboxStreamProperties stream = context.getBean(OutboxStreamProperties.class);
                    assertThat(stream.fetchDelay()).hasSeconds(1);
                    assertThat(stream.cachedEvents()).isEqualTo(10_000);
                    SigningProperties signing = context.getBean(SigningProperties.class);
                    assertThat(signing.keyDirectory()).isEqualTo(java.nio.file.Path.of("keys"));
                    assertThat(signing.generateIfMissing()).isTrue();
                    assertThat(signing.keyId()).isNull();
                });
    }

    @EnableConfigurationProperties({CenterProperties.class, PublicationProperties.class, OutboxStreamProperties.class,
            SigningProperties.class})
    static class Settings {
    }

    static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }

    /** Every property of the metadata files on the class path whose source type starts with {@code typePrefix}. */
    static Map<String, JsonNode> metadata(String typePrefix) throws IOException {
        Map<String, JsonNode> properties = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(CenterConfigurationPropertiesTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode p : json.readTree(in).path("properties")) {
                    if (p.path("sourceType").asText().startsWith(typePrefix)) {
                        properties.put(p.path("name").asText(), p);
                    }
                }
            }
        }
        return properties;
    }
}
