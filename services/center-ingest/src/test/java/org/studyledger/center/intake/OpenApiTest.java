package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

    @Test
    void everyWriteDescribesItsBodyWithTheFieldsTheIntakeAccepts() {
        JsonNode doc = http.getForObject("/v3/api-docs", JsonNode.class);
        Map<String, Set<String>> bodies = new LinkedHashMap<>();
        bodies.put("/api/v1/subjects", IntakeCommands.ENROLMENT_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/assessments", IntakeCommands.ASSESSMENT_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/assessments/{assessmentId}/corrections", IntakeCommands.CORRECTION_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/assessments/{assessmentId}/retraction", IntakeCommands.RETRACTION_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/doses", IntakeCommands.DOSE_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/withheld-doses", IntakeCommands.WITHHELD_DOSE_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/adverse-events", IntakeCommands.ADVERSE_EVENT_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/discontinuation", IntakeCommands.DISCONTINUATION_FIELDS);
        bodies.put("/api/v1/subjects/{subjectId}/follow-up-completion", IntakeCommands.FOLLOW_UP_FIELDS);
        bodies.forEach((path, fields) -> {
            JsonNode schema = resolve(doc, doc.at(pointer(path) + "/post/requestBody/content/application~1json/schema"));
            assertThat(schema.path("properties").fieldNames()).toIterable().as(path)
                    .containsExactlyInAnyOrderElementsOf(fields);
            assertThat(schema.path("properties").elements()).toIterable().as(path + " descriptions")
                    .allSatisfy(property -> assertThat(property.path("description").asText()).isNotBlank());
        });
        JsonNode enrolment = resolve(doc, doc.at(pointer("/api/v1/subjects") + "/post/requestBody/content/application~1json/schema"));
        assertThat(enrolment.path("required")).extracting(JsonNode::asText).contains("subject_id", "enrolment_date", "sex");
        assertThat(enrolment.at("/properties/sex/enum")).extracting(JsonNode::asText).containsExactly("F", "M", "U");

        JsonNode batch = doc.at(pointer("/api/v1/events:batch") + "/post/requestBody/content/application~1json/schema");
        assertThat(batch.path("type").asText()).isEqualTo("array");
        assertThat(resolve(doc, batch.path("items")).path("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("path", "body");
    }

    private static String pointer(String path) {
        return "/paths/" + path.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : doc.at(ref.substring(1));
    }
}
