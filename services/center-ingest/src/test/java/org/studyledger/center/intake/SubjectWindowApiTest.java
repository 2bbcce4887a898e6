package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.fields;
import static org.studyledger.center.intake.Api.madrs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;

/**
 * GET /subjects/{id}: each form's study day and window status come from the subject's current first dose, beside what
 * the form's event recorded. The center's zone is Europe/Rome (UTC+1 in winter).
 */
@CenterIngestTest
class SubjectWindowApiTest {
    @Autowired
    TestRestTemplate http;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private static JsonNode assessment(JsonNode subject, String assessmentId) {
        for (JsonNode a : subject.path("assessments")) {
            if (a.path("assessment_id").asText().equals(assessmentId)) {
                return a;
            }
        }
        throw new AssertionError("no assessment " + assessmentId + " in " + subject);
    }

    @Test
    void aFirstDoseEnteredLatePlacesTheFormsAlreadyRecorded() {
        String h = api.post("/subjects", enrolment("PAV-041")).created("SubjectEnrolled", 0, GENESIS);
        String t0 = UUID.randomUUID().toString();
        h = api.post("/subjects/PAV-041/assessments", fields("assessment_id", t0, "instrument", "MADRS", "visit", "T0",
                "administered_at", "2026-01-06T09:00:00+01:00", "rater", "rater-017",
                "items", madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3))).created("AssessmentRecorded", 1, h);
        // W1 before any dose was entered: recorded out of window, without a study day
        String w1 = UUID.randomUUID().toString();
        h = api.post("/subjects/PAV-041/assessments", fields("assessment_id", w1, "instrument", "MADRS", "visit", "W1",
                "administered_at", "2026-01-13T10:00:00+01:00", "rater", "rater-017",
                "items", madrs(2, 2, 2, 2, 2, 1, 1, 1, 1, 1))).created("AssessmentRecorded", 2, h);
        JsonNode before = api.subject("PAV-041");
        assertThat(before.has("first_dose_date")).isFalse();
        assertThat(assessment(before, w1).path("out_of_window").asBoolean()).isTrue();
        assertThat(assessment(before, w1).path("recorded_out_of_window").asBoolean()).isTrue();
        assertThat(assessment(before, w1).has("study_day")).isFalse();

        // the first dose, given at 10:00 on 2026-01-06 (an hour after T0), is entered now
        api.post("/subjects/PAV-041/doses", fields("administered_at", "2026-01-06T10:00:00+01:00", "dose_mg", 56,
                "devices", 2, "bp_before", "128/82", "bp_after", "140/88", "monitoring_minutes", 120))
                .created("DoseAdministered", 3, h);

        JsonNode after = api.subject("PAV-041");
        assertThat(after.path("first_dose_date").asText()).isEqualTo("2026-01-06");
        JsonNode placedT0 = assessment(after, t0);
        assertThat(placedT0.path("study_day").asInt()).isEqualTo(1);
        assertThat(placedT0.path("out_of_window").asBoolean()).isFalse();   // before the dose: T0
        JsonNode placedW1 = assessment(after, w1);
        assertThat(placedW1.path("study_day").asInt()).isEqualTo(8);        // 2026-01-13 is 7 days after the 6th
        assertThat(placedW1.path("out_of_window").asBoolean()).isFalse();   // W1 is days 5..11
        // what the event recorded stays as recorded
        assertThat(placedW1.path("recorded_out_of_window").asBoolean()).isTrue();
        assertThat(placedW1.has("recorded_study_day")).isFalse();
    }
}
