package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.with;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.studyledger.center.CenterIngestTest;

/** POST /api/v1/subjects and GET /api/v1/subjects/{id}, and the refusals every write shares (headers, body shape). */
@CenterIngestTest
class EnrolmentApiTest {
    @Autowired
    TestRestTemplate http;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    @Test
    void enrolsASubjectAndReadsItBack() {
        var reply = api.post("/subjects", enrolment("PAV-001"));
        String hash = reply.created("SubjectEnrolled", 0, GENESIS);
        assertThat(reply.text("subject_id")).isEqualTo("PAV-001");
        assertThat(reply.body().has("scores")).isFalse();

        JsonNode subject = api.subject("PAV-001");
        assertThat(subject.path("subject_id").asText()).isEqualTo("PAV-001");
        assertThat(subject.path("center_id").asText()).isEqualTo("PAV");
        assertThat(subject.path("status").asText()).isEqualTo("ENROLLED");
        assertThat(subject.path("enrolment_date").asText()).isEqualTo("2026-01-05");
        assertThat(subject.path("protocol_version").asText()).isEqualTo("ESK-TRD/1");
        assertThat(subject.path("assessments")).isEmpty();
        assertThat(subject.path("sessions")).isEmpty();
        assertThat(subject.path("chain_verified").asBoolean()).isTrue();
        JsonNode history = subject.path("history");
        assertThat(history).hasSize(1);
        JsonNode first = history.get(0);
        assertThat(first.path("sequence").asLong()).isZero();
        assertThat(first.path("event_id").asText()).isEqualTo(reply.text("event_id"));
        assertThat(first.path("event_type").asText()).isEqualTo("SubjectEnrolled");
        assertThat(first.path("source").asText()).isEqualTo("api");
        assertThat(first.path("actor").path("id").asText()).isEqualTo("dm-01");
        // the default caller holds every center role; an enrolment is recorded in the one that allows it
        assertThat(first.path("actor").path("role").asText()).isEqualTo("investigator");
        assertThat(first.path("previous_hash").asText()).isEqualTo(GENESIS);
        assertThat(first.path("hash").asText()).isEqualTo(hash);
        // Clinical dates are the center's local dates (Europe/Rome): the enrolment happened at its midnight.
        assertThat(first.path("occurred_at").asText()).isEqualTo("2026-01-04T23:00:00Z");
    }

    @Test
    void everySubjectHasItsOwnChainStartingAtGenesis() {
        api.post("/subjects", enrolment("PAV-002")).created("SubjectEnrolled", 0, GENESIS);
        api.post("/subjects", with(enrolment("PAV-003"), "sex", "m", "birth_year", "1980"))
                .created("SubjectEnrolled", 0, GENESIS);
    }

    @Test
    void aSecondEnrolmentOfTheSameSubjectIsAConflict() {
        api.post("/subjects", enrolment("PAV-004")).created("SubjectEnrolled", 0, GENESIS);
        api.post("/subjects", with(enrolment("PAV-004"), "enrolment_date", "2026-02-01"))
                .problem(409, "subject_id").says("subject_id", "PAV-004", "already enrolled", "2026-01-05");
        assertThat(api.historySize("PAV-004")).isEqualTo(1);
    }

    @Test
    void anEmptyBodyNamesEveryRequiredField() {
        api.post("/subjects", "{}")
                .problem(422, "subject_id", "enrolment_date", "consent_date", "consent_version", "birth_year", "sex",
                        "episode_duration_months", "failed_antidepressant_trials")
                .says("consent_version", "is required")
                .says("birth_year", "is required");
    }

    @Test
    void malformedValuesAndUnknownFieldsAreAllReported() {
        var body = with(enrolment("PAV-005"),
                "subject_id", "PAV-5",
                "enrolment_date", "05/01/2026",
                "consent_date", 20260105,
                "consent_version", 2,
                "birth_year", "nineteen seventy",
                "sex", "X",
                "episode_duration_months", 1.5,
                "failed_antidepressant_trials", true,
                "name", "Jane Doe");
        api.post("/subjects", body)
                .problem(422, "subject_id", "enrolment_date", "consent_date", "consent_version", "birth_year", "sex",
                        "episode_duration_months", "failed_antidepressant_trials", "name")
                .says("subject_id", "<CENTER>-<NNN>", "PAV-5")
                .says("enrolment_date", "yyyy-MM-dd", "05/01/2026")
                .says("consent_version", "must be a string")
                .says("birth_year", "whole number")
                .says("sex", "one of", "F", "M", "U")
                .says("episode_duration_months", "whole number", "1.5")
                .says("failed_antidepressant_trials", "whole number")
                .says("name", "unknown field");
    }

    @Test
    void enrolmentRulesAreCheckedTogether() {
        var body = with(enrolment("PAV-006"),
                "consent_date", "2026-01-07",
                "birth_year", 2012,
                "episode_duration_months", -1,
                "failed_antidepressant_trials", -2);
        api.post("/subjects", body)
                .problem(422, "consent_date", "birth_year", "episode_duration_months", "failed_antidepressant_trials")
                .says("consent_date", "on or before the enrolment date")
                .says("birth_year", "age of about 14", "adults")
                .says("episode_duration_months", "must not be negative")
                .says("failed_antidepressant_trials", "must not be negative");
        // Nothing was recorded: the same subject can then be enrolled correctly.
        assertThat(api.get("/api/v1/subjects/PAV-006").status()).isEqualTo(404);
        api.post("/subjects", enrolment("PAV-006")).created("SubjectEnrolled", 0, GENESIS);
    }

    @Test
    void anEnrolmentInTheFutureOrForAnotherCenterIsRefused() {
        api.post("/subjects", with(enrolment("PAV-007"), "enrolment_date", "2027-01-05", "consent_date", "2026-01-05"))
                .problem(422, "enrolment_date").says("enrolment_date", "must not be in the future");
        api.post("/subjects", enrolment("MIL-001"))
                .problem(422, "subject_id").says("subject_id", "belongs to center MIL", "this is center PAV");
        api.post("/subjects", enrolment("PAV-000"))
                .problem(422, "subject_id").says("subject_id", "PAV-000");
    }

    @Test
    void readingASubjectThatIsNotEnrolledIsNotFound() {
        api.get("/api/v1/subjects/PAV-099").problem(404, "subject_id").says("subject_id", "PAV-099", "not enrolled");
        api.get("/api/v1/subjects/MIL-001").problem(404, "subject_id");
        api.get("/api/v1/subjects/pav-1").problem(422, "subject_id").says("subject_id", "<CENTER>-<NNN>", "pav-1");
    }

    @Test
    void aWriteWithoutATokenIsUnauthorizedAndRecordsNothing() {
        HttpHeaders none = new HttpHeaders();
        none.set(HttpHeaders.AUTHORIZATION, "");
        api.post("/subjects", enrolment("PAV-008"), none).problem(401, "Authorization")
                .says("Authorization", "bearer access token");
        assertThat(api.get("/api/v1/subjects/PAV-008").status()).isEqualTo(404);
    }

    @Test
    void theActorIsTheTokensSubjectAndActorHeadersNamingAnotherAreRefused() {
        HttpHeaders claimed = Api.actor("inv-07", "investigator");
        claimed.add("X-Actor-Id", "dm-01");
        api.post("/subjects", enrolment("PAV-009"), claimed).problem(403, "X-Actor-Id").says("X-Actor-Id", "inv-07");
        HttpHeaders role = Api.actor("inv-07", "investigator");
        role.add("X-Actor-Role", "data-manager");
        api.post("/subjects", enrolment("PAV-009"), role).problem(403, "X-Actor-Role").says("X-Actor-Role", "investigator");
        assertThat(api.get("/api/v1/subjects/PAV-009").status()).isEqualTo(404);

        // the same values as the token's are no claim of another identity
        HttpHeaders same = Api.actor("inv-07", "investigator");
        same.add("X-Actor-Id", "inv-07");
        same.add("X-Actor-Role", "investigator");
        api.post("/subjects", enrolment("PAV-009"), same).created("SubjectEnrolled", 0, GENESIS);
        JsonNode actor = api.subject("PAV-009").path("history").get(0).path("actor");
        assertThat(actor.path("id").asText()).isEqualTo("inv-07");
        assertThat(actor.path("role").asText()).isEqualTo("investigator");
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        api.post("/subjects", "{\"subject_id\": \"PAV-010\",")
                .problem(400, "");
        assertThat(api.post("/subjects", "{\"subject_id\": \"PAV-010\",").body().path("type").asText())
                .endsWith("/malformed-request");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsInvalid() {
        api.post("/subjects", "[1, 2]").problem(422, "").says("", "must be a JSON object");
        api.post("/subjects", "\"PAV-010\"").problem(422, "");
    }

    @Test
    void aBodyThatIsNotJsonAtAllIsAnUnsupportedMediaType() {
        HttpHeaders text = Api.actor();
        text.setContentType(MediaType.TEXT_PLAIN);
        api.post("/subjects", "PAV-010", text).problem(415, "Content-Type").says("Content-Type", "application/json");
    }

    @Test
    void problemDetailsCarryTheRfc7807Members() {
        var reply = api.post("/subjects", "{}");
        assertThat(reply.body().path("type").asText()).isEqualTo("https://studyledger.org/problems/invalid-input");
        assertThat(reply.body().path("title").asText()).isEqualTo("Unprocessable Entity");
        assertThat(reply.body().path("detail").asText()).isEqualTo("The request has 8 problems");
        assertThat(reply.body().path("instance").asText()).isEqualTo("/api/v1/subjects");
        assertThat(reply.body().path("status").asInt()).isEqualTo(422);
        assertThat(reply.body().path("errors").get(0).path("field").asText()).isEqualTo("subject_id");
        assertThat(reply.body().path("errors").get(0).path("message").asText()).isEqualTo("is required");
    }
}
