package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.fields;
import static org.studyledger.center.intake.Api.madrs;
import static org.studyledger.center.intake.Api.with;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;

/**
 * A refusal lists every problem of a request at once: the fields that do not parse, the values the platform does
 * not record, the protocol's and the instrument's rules for the values that did parse, and (when the shape is
 * right) every rule of the subject's history, through REST and CSV alike.
 */
@CenterIngestTest
class OnePassRefusalApiTest {
    private static final String MADRS_COLUMNS = "MADRS_01,MADRS_02,MADRS_03,MADRS_04,MADRS_05,MADRS_06,MADRS_07,MADRS_08,"
            + "MADRS_09,MADRS_10";

    @Autowired
    TestRestTemplate http;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private String enrol(String subjectId) {
        return api.post("/subjects", enrolment(subjectId)).created("SubjectEnrolled", 0, GENESIS);
    }

    private static Map<String, Object> madrsAt(String visit, String administeredAt) {
        return fields("instrument", "MADRS", "visit", visit, "administered_at", administeredAt, "rater", "rater-017",
                "items", madrs(4, 3, 3, 2, 4, 3, 2, 3, 2, 1));
    }

    @Test
    void aTimeWithoutOffsetAnUnknownVisitAndAnOutOfRangeItemAreReportedTogether() {
        enrol("PAV-101");
        Map<String, Object> body = with(madrsAt("W9", "2026-01-05T09:30:00"),
                "items", madrs(4, 3, 7, 2, 4, 3, 2, 3, 2, 1));
        api.post("/subjects/PAV-101/assessments", body)
                .problem(422, "administered_at", "visit", "items.MADRS_03")
                .says("administered_at", "with offset")
                .says("visit", "unknown visit 'W9'")
                .says("items.MADRS_03", "must be an integer from 0 to 6, got 7");
        assertThat(api.historySize("PAV-101")).isEqualTo(1);
    }

    @Test
    void aFieldThatDoesNotParseIsNamedOnceAndTheRulesOfTheOthersStillApply() {
        enrol("PAV-102");
        // dose_mg does not parse; 50 is not checked against the protocol because nothing parsed it. The
        // devices' count cannot be judged without a dose, but the pressure above 140/90 still needs an override.
        api.post("/subjects/PAV-102/doses", fields("administered_at", "2099-01-06T10:00:00+01:00", "dose_mg", "fifty",
                        "devices", 2, "bp_before", "150/95", "bp_after", "150/95", "monitoring_minutes", -1))
                .problem(422, "administered_at", "dose_mg", "override_reason", "monitoring_minutes")
                .says("administered_at", "must not be in the future")
                .says("dose_mg", "must be a whole number")
                .says("override_reason", "above 140/90")
                .says("monitoring_minutes", "must not be negative");
    }

    @Test
    void anEnrolmentWithAShapeProblemAlsoNamesEveryRuleItBreaks() {
        api.post("/subjects", with(enrolment("MIL-103"), "enrolment_date", "2026-01-05", "consent_date", "2026-02-30",
                        "birth_year", 2015, "episode_duration_months", -2))
                .problem(422, "subject_id", "consent_date", "birth_year", "episode_duration_months")
                .says("subject_id", "belongs to center MIL")
                .says("consent_date", "must be a date")
                .says("birth_year", "age of about 11")
                .says("episode_duration_months", "must not be negative");
    }

    @Test
    void withTheShapeRightAConflictIsReportedWithEveryRuleProblem() {
        enrol("PAV-104");
        String id = UUID.randomUUID().toString();
        api.post("/subjects/PAV-104/assessments", with(madrsAt("T0", "2026-01-05T09:30:00+01:00"), "assessment_id", id))
                .status(201);
        Map<String, Object> again = with(madrsAt("W9", "2026-01-04T09:30:00+01:00"), "assessment_id", id,
                "items", madrs(4, 3, 3, 2, 4, 3, 2, 3, 2, 9));
        api.post("/subjects/PAV-104/assessments", again)
                .problem(409, "assessment_id", "visit", "administered_at", "items.MADRS_10")
                .says("assessment_id", "already recorded")
                .says("administered_at", "before the subject's enrolment");
        assertThat(api.historySize("PAV-104")).isEqualTo(2);
    }

    @Test
    void aCsvRowListsEveryProblemWithItsLine() {
        enrol("PAV-105");
        enrol("PAV-106");
        String csv = "subject_id,visit,instrument,administered_at,rater," + MADRS_COLUMNS + "\n"
                + "PAV-105,W9,MADRS,2026-01-05T09:30:00,rater-017,4,3,7,2,4,3,2,3,2,1\n"       // 2: shape and rules
                + "PAV-106,T0,MADRS,2026-01-04T09:30:00+01:00,,4,3,3,2,4,3,2,3,2,x\n";         // 3: shape and history
        var reply = api.postCsv("?kind=assessments", csv);
        reply.problem(422, "administered_at", "visit", "MADRS_03", "rater", "MADRS_10");
        assertThat(reply.lineFields()).containsExactlyInAnyOrder("2:administered_at", "2:visit", "2:MADRS_03",
                "3:rater", "3:MADRS_10");
        assertThat(reply.messageAt(2, "visit")).contains("unknown visit 'W9'");
        assertThat(reply.messageAt(3, "MADRS_10")).contains("got the text");
        assertThat(api.historySize("PAV-105")).isEqualTo(1);
    }

    @Test
    void aCsvRowWithTheRightShapeListsEveryRuleOfTheSubjectsHistory() {
        enrol("PAV-107");
        String csv = "subject_id,dose_id,administered_at,dose_mg,devices,bp_before,bp_after,monitoring_minutes\n"
                + "PAV-107,,2026-01-04T10:00:00+01:00,84,3,128/82,140/85,120\n";
        var reply = api.postCsv("?kind=doses", csv);
        reply.problem(422, "administered_at", "dose_mg");
        assertThat(reply.messageAt(2, "administered_at")).contains("before the subject's enrolment");
        assertThat(reply.messageAt(2, "dose_mg")).contains("first dose", "must be 56 mg, not 84 mg");
    }
}
