package org.studyledger.center.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.studyledger.support.security.testing.DefaultCaller;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.studyledger.center.CenterInfrastructure;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.center.subject.CenterSigner;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

/**
 * The service started as an operator starts it, on a key directory of its own: what it does at start-up when the
 * directory has no key for it, and when the key is fixed by configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyStartupTest {
    private static final CenterId PAV = CenterId.of("PAV");

    @TempDir
    Path keys;

    @Test
    void generatesAKeyAtFirstStartAndSignsWithItAgainAfterARestart(CapturedOutput output) throws IOException {
        Map<String, Object> settings = settings();
        String generated;
        try (ConfigurableApplicationContext first = start(settings)) {
            generated = first.getBean(CenterSigner.class).active().keyId().value();
        }
        Path record = keys.resolve(generated + KeyFiles.PUBLIC_SUFFIX);
        assertThat(record).isRegularFile();
        assertThat(keys.resolve(generated + KeyFiles.PRIVATE_SUFFIX)).isRegularFile();
        assertThat(output.getOut()).contains("generated the signing key " + generated)
                .contains("must be registered at the hub").contains(record.toString());

        try (ConfigurableApplicationContext second = start(settings)) {
            assertThat(second.getBean(CenterSigner.class).active().keyId().value()).isEqualTo(generated);
        }
        assertThat(privateKeyFiles()).isEqualTo(1);
    }

    @Test
    void refusesToStartWithoutAKeyWhenGenerationIsOff(CapturedOutput output) throws IOException {
        Map<String, Object> settings = settings();
        settings.put("studyledger.center.signing.generate-if-missing", "false");

        assertThatThrownBy(() -> start(settings).close()).hasRootCauseInstanceOf(SigningKeysUnusable.class)
                .rootCause().hasMessageContaining("Center PAV has no signing key in use in its key directory " + keys);
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("set studyledger.center.signing.generate-if-missing to true");
        assertThat(privateKeyFiles()).isZero();
    }

    @Test
    void aKeyFixedByConfigurationSignsAndIsNotRotated() {
        SigningKey fixed = SigningKey.generate(PAV, Instant.parse("2026-01-01T08:00:00Z"));
        KeyFiles.write(keys, fixed);
        KeyFiles.write(keys, SigningKey.generate(PAV, Instant.parse("2026-02-01T08:00:00Z")));
        Map<String, Object> settings = settings();
        settings.put("studyledger.center.signing.key-id", fixed.keyId().value());

        try (ConfigurableApplicationContext center = start(settings)) {
            TestRestTemplate http = http(center);
            JsonNode listed = http.getForObject("/api/v1/signing-keys", JsonNode.class);
            assertThat(listed.path("active_key_id").asText()).isEqualTo(fixed.keyId().value());
            assertThat(listed.path("keys")).hasSize(2);

            ResponseEntity<JsonNode> refused = http.postForEntity("/api/v1/signing-keys/rotate", null, JsonNode.class);
            assertThat(refused.getStatusCode().value()).isEqualTo(409);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody().path("type").asText()).isEqualTo("https://studyledger.org/problems/refused");
            assertThat(refused.getBody().path("errors").get(0).path("field").asText())
                    .isEqualTo("studyledger.center.signing.key-id");
            assertThat(center.getBean(CenterSigner.class).active().keyId()).isEqualTo(fixed.keyId());
        }
    }

    private Map<String, Object> settings() {
        TestKafka kafka = TestInfrastructure.newKafka("signing-startup");
        Map<String, Object> settings = new HashMap<>(CenterInfrastructure.properties(
                TestInfrastructure.newDatabase("signing-startup"), kafka.bootstrapServers(), kafka.topic("events"), "PAV",
                keys));
        settings.put("server.port", "0");
        return settings;
    }

    /** Starts an instance as an operator would: the same application, settings on the command line. */
    private static ConfigurableApplicationContext start(Map<String, Object> settings) {
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return CenterIngestApplication.application().run(args);
    }

    /** A client of the instance as the test's default caller (a member of PAV's staff in every center role). */
    private static TestRestTemplate http(ConfigurableApplicationContext center) {
        int port = ((ServletWebServerApplicationContext) center).getWebServer().getPort();
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + DefaultCaller.token(center.getEnvironment())));
    }

    private long privateKeyFiles() throws IOException {
        try (Stream<Path> files = Files.list(keys)) {
            return files.filter(p -> p.getFileName().toString().endsWith(KeyFiles.PRIVATE_SUFFIX)).count();
        }
    }
}
