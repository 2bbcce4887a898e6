package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;

/** The intake describes itself: every endpoint appears in the OpenAPI document a client generator reads. */
@CenterIngestTest
class OpenApiTest {
    @Autowired
    TestRestTemplate http;

    @Test
    void theOpenApiDocumentListsEveryIntakeEndpoint() {
        JsonNode doc = http.getForObject("/v3/api-docs", JsonNode.class);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").fieldNames()).toIterable().contains(
                "/api/v1/subjects", "/api/v1/subjects/{subjectId}", "/api/v1/subjects/{subjectId}/assessments",
                "/api/v1/subjects/{subjectId}/assessments/{assessmentId}/corrections",
                "/api/v1/subjects/{subjectId}/assessments/{assessmentId}/retraction",
                "/api/v1/subjects/{subjectId}/doses", "/api/v1/subjects/{subjectId}/withheld-doses",
                "/api/v1/subjects/{subjectId}/adverse-events", "/api/v1/subjects/{subjectId}/discontinuation",
                "/api/v1/subjects/{subjectId}/follow-up-completion", "/api/v1/imports", "/api/v1/publication",
                "/api/v1/signing-keys", "/api/v1/signing-keys/rotate");
    }
}
