package org.studyledger.hub;

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
import org.studyledger.hub.signing.SigningProperties;

/**
 * The hub's settings are typed: the build describes them for IDEs (the configuration processor's metadata), and a
 * bad value stops the start-up naming the setting.
 */
class HubConfigurationPropertiesTest {

    @Test
    void theBuildDescribesTheSettingsWithTheirDefaults() throws IOException {
        Map<String, JsonNode> properties = metadata("org.studyledger.hub.");
        assertThat(properties).containsKeys("studyledger.hub.bootstrap-servers", "studyledger.hub.study-id",
                "studyledger.hub.poll-timeout", "studyledger.hub.signing.keys-directory",
                "studyledger.hub.signing.reload-min-interval", "studyledger.hub.export-cache.ttl");
        assertThat(properties.get("studyledger.hub.study-id").path("defaultValue").asText()).isEqualTo("ESK-TRD");
        assertThat(properties.get("studyledger.hub.poll-timeout").path("defaultValue").asText()).isEqualTo("500ms");
        assertThat(properties.get("studyledger.hub.signing.reload-min-interval").path("defaultValue").asText())
                .isEqualTo("1s");
    }

    @Test
    void aBlankStudyStopsTheStartUpNamingTheSetting() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("studyledger.hub.bootstrap-servers=localhost:9092", "studyledger.hub.study-id= ")
                .run(context -> {
                    assertThat(context).hasFailed();
                    BindValidationException failure = rootCause(context.getStartupFailure(), BindValidationException.class);
                    assertThat(failure.getValidationErrors().getName().toString()).isEqualTo("studyledger.hub");
                    assertThat(failure.getValidationErrors().getAllErrors()).singleElement()
                            .satisfies(e -> assertThat(((FieldError) e).getField()).isEqualTo("studyId"));
                });
    }

    @Test
    void theDefaultsHoldWhenNothingButTheRequiredIsSet() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("studyledger.hub.bootstrap-servers=localhost:9092")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HubProperties hub = context.getBean(HubProperties.class);
                    assertThat(hub.studyId()).isEqualTo("ESK-TRD");
                    assertThat(hub.consumerGroup()).isEqualTo("studyledger-hub-ESK-TRD");
                    assertThat(hub.pollTimeout()).hasMillis(500);
                    assertThat(hub.consumer()).isEmpty();
                    assertThat(context.getBean(SigningProperties.class).reloadMinInterval()).hasSeconds(1);
                });
    }

    @EnableConfigurationProperties({HubProperties.class, SigningProperties.class})
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
        for (URL url : Collections.list(HubConfigurationPropertiesTest.class.getClassLoader()
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
