package org.studyledger.center.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.studyledger.center.CenterIngestTest;

/** {@code GET /api/v1/signing-keys} and {@code POST /api/v1/signing-keys/rotate}, as an operator calls them. */
@CenterIngestTest
class SigningKeyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Value("${studyledger.center.signing.key-directory}")
    Path keys;

    private JsonNode list() {
        ResponseEntity<JsonNode> reply = http.getForEntity("/api/v1/signing-keys", JsonNode.class);
        assertThat(reply.getStatusCode().value()).isEqualTo(200);
        return reply.getBody();
    }

    private static JsonNode entry(JsonNode listed, String keyId) {
        for (JsonNode key : listed.path("keys")) {
            if (key.path("key_id").asText().equals(keyId)) {
                return key;
            }
        }
        throw new AssertionError("key " + keyId + " is not listed in " + listed);
    }

    private static JsonNode file(String path) throws IOException {
        return JSON.readTree(Path.of(path).toFile());
    }

    @Test
    void listsTheKeyThatSignsWithItsPublicRecordFromTheDirectory() throws IOException {
        JsonNode listed = list();

        assertThat(listed.path("center_id").asText()).isEqualTo("PAV");
        assertThat(listed.path("key_directory").asText()).isEqualTo(keys.toString());
        List<JsonNode> active = new ArrayList<>();
        listed.path("keys").forEach(k -> {
            if (k.path("active").asBoolean()) {
                active.add(k);
            }
        });
        assertThat(active).hasSize(1);
        JsonNode key = active.get(0);
        assertThat(listed.path("active_key_id").asText()).isEqualTo(key.path("key_id").asText());
        assertThat(key.has("retired_at")).isFalse();
        JsonNode record = file(key.path("public_record_file").asText());
        assertThat(Path.of(key.path("public_record_file").asText()).getParent()).isEqualTo(keys);
        assertThat(record.path("key_id").asText()).isEqualTo(key.path("key_id").asText());
        assertThat(record.path("public_key").asText()).isEqualTo(key.path("public_key").asText());
        assertThat(record.path("created_at").asText()).isEqualTo(key.path("created_at").asText());
    }

    @Test
    void aRotationAnswersTheNewKeysPublicRecordAndRetiresThePreviousKey() throws IOException {
        String previous = list().path("active_key_id").asText();

        ResponseEntity<JsonNode> reply = http.postForEntity("/api/v1/signing-keys/rotate", null, JsonNode.class);

        assertThat(reply.getStatusCode().value()).isEqualTo(201);
        JsonNode created = reply.getBody();
        String keyId = created.path("key_id").asText();
        assertThat(keyId).startsWith("PAV-").isNotEqualTo(previous);
        assertThat(created.path("center_id").asText()).isEqualTo("PAV");
        assertThat(created.path("algorithm").asText()).isEqualTo("Ed25519");
        JsonNode record = file(created.path("public_record_file").asText());
        assertThat(record.path("key_id").asText()).isEqualTo(keyId);
        assertThat(record.path("public_key").asText()).isEqualTo(created.path("public_key").asText());
        assertThat(record.path("created_at").asText()).isEqualTo(created.path("created_at").asText());
        assertThat(created.path("retired_key").path("key_id").asText()).isEqualTo(previous);

        JsonNode listed = list();
        assertThat(listed.path("active_key_id").asText()).isEqualTo(keyId);
        JsonNode retired = entry(listed, previous);
        assertThat(retired.path("active").asBoolean()).isFalse();
        assertThat(retired.path("retired_at").asText()).isEqualTo(created.path("retired_key").path("retired_at").asText())
                .isEqualTo(file(retired.path("public_record_file").asText()).path("retired_at").asText());
    }

    @Test
    void aRotationThatCannotWriteItsKeyAnswersProblemDetailsAndTheKeyStays() throws IOException {
        String active = list().path("active_key_id").asText();
        Path aside = Files.move(keys, keys.resolveSibling(keys.getFileName() + "-aside"));
        Files.writeString(keys, "a file where the key directory was");
        ResponseEntity<JsonNode> reply;
        try {
            reply = http.postForEntity("/api/v1/signing-keys/rotate", null, JsonNode.class);
        } finally {
            Files.delete(keys);
            Files.move(aside, keys);
        }

        assertThat(reply.getStatusCode().value()).isEqualTo(500);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = reply.getBody();
        assertThat(problem.path("type").asText()).isEqualTo("https://studyledger.org/problems/key-directory-unwritable");
        assertThat(problem.path("detail").asText()).contains(keys.toString()).contains("key " + active + " still signs");
        assertThat(problem.path("errors").get(0).path("field").asText())
                .isEqualTo("studyledger.center.signing.key-directory");
        assertThat(list().path("active_key_id").asText()).isEqualTo(active);
    }
}
