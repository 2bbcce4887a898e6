package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.fields;
import static org.studyledger.center.intake.Api.madrs;
import static org.studyledger.center.intake.Api.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;

/**
 * {@code POST /api/v1/events:batch}: writes of several subjects in one request, recorded in order in one transaction
 * (an enrolment, then its forms and doses), answered with every event; or refused as a whole, naming every problem of
 * every write by its index, with nothing recorded; idempotent on its key; bounded in size.
 */
@CenterIngestTest
class BatchApiTest {
    private static final String BATCH = "/events:batch";

    @Autowired
    TestRestTemplate http;
    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private static Map<String, Object> write(String path, Object body) {
        return fields("path", path, "body", body);
    }

    private static Map<String, Object> form(String visit, String at, int... items) {
        return fields("visit", visit, "instrument", "MADRS", "administered_at", at, "rater", "rater-017",
                "items", madrs(items));
    }

    private static Map<String, Object> dose() {
        return fields("administered_at", "2026-01-12T09:00:00Z", "dose_mg", 56, "devices", 2,
                "bp_before", "125/80", "bp_after", "132/84", "monitoring_minutes", 120);
    }

    @Test
    void recordsEveryWriteInOrderAndAnswersWithEveryEvent() {
        List<Map<String, Object>> writes = List.of(
                write("/subjects", enrolment("PAV-301")),
                write("/subjects", enrolment("PAV-302")),
                write("/subjects/PAV-301/assessments", form("T0", "2026-01-05T09:30:00Z", 4, 3, 3, 2, 4, 3, 2, 3, 2, 1)),
                write("/subjects/PAV-302/assessments", form("T0", "2026-01-05T10:30:00Z", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
                write("/subjects/PAV-301/doses", dose()),
                write("/subjects/PAV-301/assessments", form("W1", "2026-01-19T09:30:00Z", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)));

        var reply = api.post(BATCH, writes).status(201);

        JsonNode events = reply.body().path("events");
        assertThat(events).hasSize(6);
        assertThat(events.findValuesAsText("subject_id"))
                .containsExactly("PAV-301", "PAV-302", "PAV-301", "PAV-302", "PAV-301", "PAV-301");
        assertThat(events.findValuesAsText("event_type")).containsExactly("SubjectEnrolled", "SubjectEnrolled",
                "AssessmentRecorded", "AssessmentRecorded", "DoseAdministered", "AssessmentRecorded");
        // PAV-301's chain: 0, 1, 2, 3, each naming the one before.
        List<JsonNode> pav301 = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("subject_id").asText().equals("PAV-301")) {
                pav301.add(e);
            }
        });
        String previous = GENESIS;
        for (int i = 0; i < pav301.size(); i++) {
            assertThat(pav301.get(i).path("sequence").asLong()).isEqualTo(i);
            assertThat(pav301.get(i).path("previous_hash").asText()).isEqualTo(previous);
            previous = pav301.get(i).path("hash").asText();
        }
        assertThat(events.get(2).path("scores").path("scores").path("MADRS_TOTAL").asInt()).isEqualTo(27);
        assertThat(api.historySize("PAV-301")).isEqualTo(4);
        assertThat(api.historySize("PAV-302")).isEqualTo(2);
        assertThat(api.subject("PAV-301").path("history").get(3).path("hash").asText()).isEqualTo(previous);
    }

    @Test
    void aBatchWithProblemsIsRefusedWholeNamingEveryProblemByItsIndex() {
        List<Object> writes = List.of(
                write("/subjects", enrolment("PAV-311")),
                write("/subjects/PAV-311/assessments", form("T0", "2026-01-05T09:30:00Z", 4, 3, 9, 2, 4, 3, 2, 3, 2, 1)),
                write("/subjects/PAV-311/vitals", fields("pulse", 70)),
                write("/subjects/PAV-311/doses", with(dose(), "dose_mg", null)),
                write("/subjects/PAV-399/assessments", form("T0", "2026-01-05T09:30:00Z", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
                fields("path", "/subjects", "body", enrolment("PAV-312"), "comment", "not a member"),
                "not an object");

        api.post(BATCH, writes).problem(422, "[1].body.items.MADRS_03", "[2].path", "[3].body.dose_mg", "[4].path",
                        "[5].comment", "[6]")
                .says("[4].path", "PAV-399", "not enrolled");

        assertThat(api.historySize("PAV-311")).as("the valid writes are not recorded either").isZero();
        assertThat(api.historySize("PAV-312")).isZero();
    }

    @Test
    void aBatchIsIdempotentOnItsKey() {
        List<Map<String, Object>> writes = List.of(write("/subjects", enrolment("PAV-321")),
                write("/subjects/PAV-321/assessments", form("T0", "2026-01-05T09:30:00Z", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));

        var first = api.post(BATCH, writes, Api.withKey("batch-321")).status(201);
        var again = api.post(BATCH, writes, Api.withKey("batch-321")).status(201);

        assertThat(again.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body().path("events")).isEqualTo(first.body().path("events"));
        assertThat(api.historySize("PAV-321")).isEqualTo(2);
    }

    @Test
    void aBatchHoldsOneToFiveHundredWritesInAnArray() {
        api.post(BATCH, List.of()).problem(422, "").says("", "1 to 500");
        api.post(BATCH, write("/subjects", enrolment("PAV-331"))).problem(422, "").says("", "JSON array");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(write("/subjects", enrolment("PAV-331")));
        }
        api.post(BATCH, tooMany).problem(422, "").says("", "501", "1 to 500");
        assertThat(api.historySize("PAV-331")).isZero();
    }

    @Test
    void recordsEachWriteInTheRoleItsOwnEndpointTakes() {
        var reply = api.post(BATCH, List.of(
                write("/subjects", enrolment("PAV-341")),
                write("/subjects/PAV-341/assessments", form("T0", "2026-01-05T09:30:00Z", 4, 3, 3, 2, 4, 3, 2, 3, 2, 1)),
                write("/subjects/PAV-341/doses", dose())),
                Api.actor("staff-07", "investigator", "rater", "study-nurse")).status(201);

        assertThat(reply.body().path("events").findValuesAsText("event_type"))
                .containsExactly("SubjectEnrolled", "AssessmentRecorded", "DoseAdministered");
        assertThat(api.subject("PAV-341").get("history").findValues("actor")).extracting(a -> a.path("id").asText() + "/"
                + a.path("role").asText()).containsExactly("staff-07/investigator", "staff-07/rater", "staff-07/study-nurse");
    }

    @Test
    void refusesTheWholeBatchNamingEveryWriteTheCallerMayNotMake() {
        var reply = api.post(BATCH, List.of(
                write("/subjects", enrolment("PAV-342")),
                write("/subjects/PAV-342/assessments", form("T0", "2026-01-05T09:30:00Z", 4, 3, 3, 2, 4, 3, 2, 3, 2, 1)),
                write("/subjects/PAV-342/doses", dose())),
                Api.actor("rater-09", "rater"));

        reply.problem(403, "[0].path", "[2].path").says("[0].path", "may not enrol a subject")
                .says("[2].path", "may not record a dosing session");
        api.get("/subjects/PAV-342").status(404);
    }
}
