package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.fields;
import static org.studyledger.center.intake.Api.items;
import static org.studyledger.center.intake.Api.madrs;
import static org.studyledger.center.intake.Api.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;

/**
 * Recording, correcting and retracting assessments: POST /subjects/{id}/assessments,
 * …/assessments/{assessmentId}/corrections and …/assessments/{assessmentId}/retraction.
 */
@CenterIngestTest
class AssessmentApiTest {
    /** MADRS 4+3+3+2+4+3+2+3+2+1 = 27: moderate (Snaith 20–34). */
    static final int[] MADRS_27 = {4, 3, 3, 2, 4, 3, 2, 3, 2, 1};
    /** MADRS 2+2+2+2+2+2+2+2+1+1 = 18: mild (7–19). */
    static final int[] MADRS_18 = {2, 2, 2, 2, 2, 2, 2, 2, 1, 1};

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

    private static Map<String, Object> madrsAt(String visit, int... values) {
        return fields("instrument", "MADRS", "visit", visit, "administered_at", "2026-01-05T09:30:00+01:00",
                "rater", "rater-017", "items", madrs(values));
    }

    private static String assessments(String subjectId) {
        return "/subjects/" + subjectId + "/assessments";
    }

    @Test
    void recordsAMadrsFormWithItsScores() {
        String enrolled = enrol("PAV-011");
        var reply = api.post(assessments("PAV-011"), madrsAt("T0", MADRS_27));
        String hash = reply.created("AssessmentRecorded", 1, enrolled);
        assertThat(reply.score("MADRS_TOTAL")).isEqualByComparingTo("27");
        assertThat(reply.category("MADRS_SEVERITY")).isEqualTo("moderate");

        JsonNode subject = api.subject("PAV-011");
        assertThat(subject.path("chain_verified").asBoolean()).isTrue();
        assertThat(subject.path("assessments")).hasSize(1);
        JsonNode a = subject.path("assessments").get(0);
        assertThat(reply.body().path("record_id").asText()).as("the generated assessment id is answered")
                .isEqualTo(a.path("assessment_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(a.path("instrument").asText()).isEqualTo("MADRS/1");
        assertThat(a.path("visit").asText()).isEqualTo("T0");
        assertThat(a.path("administered_at").asText()).isEqualTo("2026-01-05T08:30:00Z");
        assertThat(a.path("rater").asText()).isEqualTo("rater-017");
        assertThat(a.path("out_of_window").asBoolean()).isFalse();
        assertThat(a.has("study_day")).as("no study day before the first dose").isFalse();
        assertThat(a.path("items").path("MADRS_01").asInt()).isEqualTo(4);
        assertThat(a.path("items").path("MADRS_10").asInt()).isEqualTo(1);
        assertThat(a.path("scores").path("scores").path("MADRS_TOTAL").asInt()).isEqualTo(27);
        assertThat(a.path("corrections").asInt()).isZero();
        assertThat(a.path("retracted").asBoolean()).isFalse();
        JsonNode history = subject.path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("event_id").asText()).isEqualTo(reply.text("event_id"));
        assertThat(history.get(1).path("previous_hash").asText()).isEqualTo(history.get(0).path("hash").asText());
        assertThat(history.get(1).path("hash").asText()).isEqualTo(hash);
        assertThat(history.get(1).path("occurred_at").asText()).isEqualTo("2026-01-05T08:30:00Z");
    }

    @Test
    void scoresAnRfq8FormWithTheReverseKeyedMeans() {
        String enrolled = enrol("PAV-012");
        // RFQ_C: items 1–6 recoded 1→3, 2→2, 3→1, 4..7→0: 3+3+2+0+0+0 = 8 / 6 = 1.3333
        // RFQ_U: items 2,4,5,6,8 recoded 5→1, 6→2, 7→3: 0+1+2+3+3 = 9; item 7 reversed: 3→1; 10 / 6 = 1.6667
        String id = UUID.randomUUID().toString();
        var reply = api.post(assessments("PAV-012"), fields("assessment_id", id, "instrument", "RFQ8",
                "instrument_version", "1", "visit", "T0", "administered_at", "2026-01-05T10:00:00Z",
                "rater", "rater-017", "items", items("RFQ8", 1, 1, 2, 5, 6, 7, 3, 7)));
        reply.created("AssessmentRecorded", 1, enrolled);
        assertThat(reply.score("RFQ_C")).isEqualByComparingTo(new BigDecimal("1.3333"));
        assertThat(reply.score("RFQ_U")).isEqualByComparingTo(new BigDecimal("1.6667"));
        assertThat(reply.body().path("scores").path("categories")).isEmpty();

        JsonNode a = api.subject("PAV-012").path("assessments").get(0);
        assertThat(a.path("assessment_id").asText()).isEqualTo(id);
        assertThat(a.path("instrument").asText()).isEqualTo("RFQ8/1");
        assertThat(a.path("scores").path("scores").path("RFQ_U").decimalValue()).isEqualByComparingTo("1.6667");
    }

    @Test
    void aCorrectionReplacesTheFormAndRecomputesTheScores() {
        String enrolled = enrol("PAV-013");
        String id = UUID.randomUUID().toString();
        String recorded = api.post(assessments("PAV-013"), with(madrsAt("T0", MADRS_27), "assessment_id", id))
                .created("AssessmentRecorded", 1, enrolled);

        var reply = api.post(assessments("PAV-013") + "/" + id + "/corrections",
                fields("items", madrs(MADRS_18), "reason", "items transcribed from the wrong page"));
        String corrected = reply.created("AssessmentCorrected", 2, recorded);
        assertThat(reply.score("MADRS_TOTAL")).isEqualByComparingTo("18");
        assertThat(reply.category("MADRS_SEVERITY")).isEqualTo("mild");

        JsonNode subject = api.subject("PAV-013");
        JsonNode a = subject.path("assessments").get(0);
        assertThat(a.path("assessment_id").asText()).isEqualTo(id);
        assertThat(a.path("items").path("MADRS_01").asInt()).isEqualTo(2);
        assertThat(a.path("items").path("MADRS_09").asInt()).isEqualTo(1);
        assertThat(a.path("scores").path("scores").path("MADRS_TOTAL").asInt()).isEqualTo(18);
        assertThat(a.path("scores").path("categories").path("MADRS_SEVERITY").asText()).isEqualTo("mild");
        assertThat(a.path("corrections").asInt()).isEqualTo(1);
        assertThat(a.path("retracted").asBoolean()).isFalse();
        assertThat(subject.path("history")).hasSize(3);
        assertThat(subject.path("history").get(2).path("event_type").asText()).isEqualTo("AssessmentCorrected");
        assertThat(subject.path("history").get(2).path("hash").asText()).isEqualTo(corrected);
        assertThat(subject.path("chain_verified").asBoolean()).isTrue();

        // A second correction back to the original values is a change too, and chains on.
        api.post(assessments("PAV-013") + "/" + id + "/corrections",
                fields("items", madrs(MADRS_27), "reason", "source document re-checked"))
                .created("AssessmentCorrected", 3, corrected);
        assertThat(api.subject("PAV-013").path("assessments").get(0).path("corrections").asInt()).isEqualTo(2);
    }

    @Test
    void aRetractionFlagsTheAssessmentAndFreesItsSlot() {
        String enrolled = enrol("PAV-014");
        String id = UUID.randomUUID().toString();
        String recorded = api.post(assessments("PAV-014"), with(madrsAt("T0", MADRS_27), "assessment_id", id))
                .created("AssessmentRecorded", 1, enrolled);

        var reply = api.post(assessments("PAV-014") + "/" + id + "/retraction",
                fields("reason", "entered for the wrong subject"));
        String retracted = reply.created("AssessmentRetracted", 2, recorded);
        assertThat(reply.body().has("scores")).isFalse();

        JsonNode a = api.subject("PAV-014").path("assessments").get(0);
        assertThat(a.path("retracted").asBoolean()).isTrue();
        assertThat(a.path("retraction_reason").asText()).isEqualTo("entered for the wrong subject");
        assertThat(a.path("items").path("MADRS_01").asInt()).as("the form stays in the record").isEqualTo(4);

        api.post(assessments("PAV-014") + "/" + id + "/retraction", fields("reason", "again"))
                .problem(409, "assessment_id").says("assessment_id", id, "already retracted");
        api.post(assessments("PAV-014") + "/" + id + "/corrections", fields("items", madrs(MADRS_18), "reason", "late"))
                .problem(409, "assessment_id").says("assessment_id", "retracted", "cannot be corrected");

        // The visit's slot is free again: the form can be recorded anew, correctly.
        api.post(assessments("PAV-014"), madrsAt("T0", MADRS_18)).created("AssessmentRecorded", 3, retracted);
        JsonNode subject = api.subject("PAV-014");
        assertThat(subject.path("assessments")).hasSize(2);
        assertThat(subject.path("history")).hasSize(4);
        assertThat(subject.path("chain_verified").asBoolean()).isTrue();
    }

    @Test
    void anEmptyAssessmentNamesEveryRequiredField() {
        enrol("PAV-015");
        api.post(assessments("PAV-015"), "{}")
                .problem(422, "instrument", "visit", "administered_at", "rater", "items")
                .says("items", "is required")
                .says("visit", "give exactly one of visit");
    }

    @Test
    void malformedAssessmentFieldsAreAllReported() {
        enrol("PAV-016");
        var reply = api.post(assessments("PAV-016"), fields("assessment_id", "not-a-uuid", "instrument", "MADRS",
                "visit", "T0", "dose_session", "first", "administered_at", "2026-01-05T09:30:00", "rater", "rater-017",
                "items", "all within range", "comment", "calm"));
        reply.problem(422, "assessment_id", "dose_session", "administered_at", "items", "comment")
                .says("assessment_id", "UUID", "not-a-uuid")
                .says("dose_session", "whole number", "first")
                .says("administered_at", "with offset", "2026-01-12T09:30:00+01:00")
                .says("comment", "unknown field");
        assertThat(reply.message("items")).as("one problem with items, not two").isEqualTo("must be an object of item code → value");
    }

    @Test
    void everyItemProblemHasItsOwnPath() {
        enrol("PAV-017");
        Map<String, Object> items = madrs(MADRS_27);
        items.put("MADRS_03", 7);
        items.put("MADRS_08", "three");
        items.remove("MADRS_05");
        items.put("MADRS_11", 2);
        items.put("MADRS_TOTAL", 27);
        items.put("MADRS_02", 2.5);
        api.post(assessments("PAV-017"), with(madrsAt("T0", MADRS_27), "items", items))
                .problem(422, "items.MADRS_02", "items.MADRS_03", "items.MADRS_05", "items.MADRS_08", "items.MADRS_11",
                        "items.MADRS_TOTAL")
                .says("items.MADRS_02", "integer from 0 to 6", "2.5")
                .says("items.MADRS_03", "integer from 0 to 6", "got 7")
                .says("items.MADRS_05", "is required")
                .says("items.MADRS_08", "the text \"three\"")
                .says("items.MADRS_11", "is not an item of MADRS/1")
                .says("items.MADRS_TOTAL", "scores are computed");
        assertThat(api.historySize("PAV-017")).isEqualTo(1);
    }

    @Test
    void theProtocolDecidesWhichInstrumentAtWhichVisit() {
        enrol("PAV-018");
        String p = assessments("PAV-018");
        api.post(p, with(madrsAt("T0", MADRS_27), "dose_session", 1))
                .problem(422, "dose_session").says("dose_session", "exactly one of visit");
        api.post(p, with(madrsAt("T0", MADRS_27), "visit", null))
                .problem(422, "visit").says("visit", "exactly one of visit", "T0", "M6");
        api.post(p, madrsAt("W9", MADRS_27)).problem(422, "visit").says("visit", "unknown visit 'W9'");
        api.post(p, with(madrsAt("W1", MADRS_27), "instrument", "RFQ8", "items", items("RFQ8", 1, 1, 1, 1, 1, 1, 1, 1)))
                .problem(422, "instrument").says("instrument", "RFQ8 is not scheduled at W1");
        api.post(p, with(madrsAt("T0", MADRS_27), "instrument", "HAMD"))
                .problem(422, "instrument").says("instrument", "unknown instrument 'HAMD'", "MADRS");
        api.post(p, with(madrsAt("T0", MADRS_27), "instrument_version", "2"))
                .problem(422, "instrument_version").says("instrument_version", "MADRS/1", "not version 2");
        api.post(p, with(madrsAt("T0", MADRS_27), "instrument", "CADSS", "visit", null, "dose_session", 1,
                        "items", items("CADSS", new int[23])))
                .problem(422, "dose_session").says("dose_session", "no administered dosing session 1");
        api.post(p, with(madrsAt("T0", MADRS_27), "instrument", "CADSS", "items", items("CADSS", new int[23])))
                .problem(422, "instrument").says("instrument", "CADSS is not scheduled at T0");
        assertThat(api.historySize("PAV-018")).isEqualTo(1);
    }

    @Test
    void clinicalTimesMustBeInThePastAndNotBeforeEnrolment() {
        enrol("PAV-019");
        api.post(assessments("PAV-019"), with(madrsAt("T0", MADRS_27), "administered_at", "2099-01-05T09:30:00+01:00"))
                .problem(422, "administered_at").says("administered_at", "must not be in the future");
        // 2026-01-04 23:30 UTC is already 2026-01-05 in Rome, the center's zone; 22:30 UTC is not.
        api.post(assessments("PAV-019"), with(madrsAt("T0", MADRS_27), "administered_at", "2026-01-04T22:30:00Z"))
                .problem(422, "administered_at").says("administered_at", "before the subject's enrolment on 2026-01-05");
        api.post(assessments("PAV-019"), with(madrsAt("T0", MADRS_27), "administered_at", "2026-01-04T23:30:00Z"))
                .status(201);
    }

    @Test
    void aSecondOriginalForTheSameVisitIsAConflict() {
        String enrolled = enrol("PAV-020");
        String id = UUID.randomUUID().toString();
        String recorded = api.post(assessments("PAV-020"), with(madrsAt("T0", MADRS_27), "assessment_id", id))
                .created("AssessmentRecorded", 1, enrolled);
        api.post(assessments("PAV-020"), madrsAt("T0", MADRS_18))
                .problem(409, "visit").says("visit", "already recorded", id, "/corrections");
        api.post(assessments("PAV-020"), with(madrsAt("W1", MADRS_18), "assessment_id", id))
                .problem(409, "assessment_id").says("assessment_id", id, "already recorded");
        // A W1 visit before any dose is recorded, flagged out of window (windows count from the first dose).
        var w1 = api.post(assessments("PAV-020"), with(madrsAt("W1", MADRS_18), "administered_at", "2026-01-12T09:00:00Z"));
        w1.created("AssessmentRecorded", 2, recorded);
        JsonNode subject = api.subject("PAV-020");
        assertThat(subject.path("assessments")).hasSize(2);
        assertThat(subject.path("assessments").get(1).path("out_of_window").asBoolean()).isTrue();
    }

    @Test
    void assessmentsOfAnUnknownSubjectAreNotFound() {
        api.post(assessments("PAV-098"), madrsAt("T0", MADRS_27))
                .problem(404, "subject_id").says("subject_id", "PAV-098", "not enrolled");
        api.post(assessments("PAV-098") + "/" + UUID.randomUUID() + "/corrections",
                fields("items", madrs(MADRS_18), "reason", "typo")).problem(404, "subject_id");
        api.post(assessments("PAV-098") + "/" + UUID.randomUUID() + "/retraction", fields("reason", "typo"))
                .problem(404, "subject_id");
        api.post(assessments("PAV98"), madrsAt("T0", MADRS_27))
                .problem(422, "subject_id").says("subject_id", "<CENTER>-<NNN>");
    }

    @Test
    void correctionRefusals() {
        String enrolled = enrol("PAV-021");
        String id = UUID.randomUUID().toString();
        api.post(assessments("PAV-021"), with(madrsAt("T0", MADRS_27), "assessment_id", id))
                .created("AssessmentRecorded", 1, enrolled);
        String corrections = assessments("PAV-021") + "/" + id + "/corrections";

        api.post(corrections, "{}").problem(422, "items", "reason");
        api.post(corrections, fields("items", madrs(MADRS_18), "reason", "typo", "visit", "W1"))
                .problem(422, "visit").says("visit", "unknown field");
        api.post(corrections, fields("items", madrs(MADRS_27), "reason", "typo"))
                .problem(422, "items").says("items", "no item differs");
        Map<String, Object> bad = madrs(MADRS_18);
        bad.put("MADRS_02", -1);
        api.post(corrections, fields("items", bad, "reason", " "))
                .problem(422, "items.MADRS_02", "reason").says("items.MADRS_02", "got -1").says("reason", "is required");
        api.post(corrections, fields("items", items("MADRS", 1, 1, 1), "reason", "partial"))
                .problem(422, "items.MADRS_04", "items.MADRS_05", "items.MADRS_06", "items.MADRS_07", "items.MADRS_08",
                        "items.MADRS_09", "items.MADRS_10");
        api.post(assessments("PAV-021") + "/" + UUID.randomUUID() + "/corrections",
                fields("items", madrs(MADRS_18), "reason", "typo"))
                .problem(404, "assessment_id").says("assessment_id", "has no assessment");
        api.post(assessments("PAV-021") + "/not-a-uuid/corrections", fields("items", madrs(MADRS_18), "reason", "typo"))
                .problem(422, "assessment_id").says("assessment_id", "UUID", "not-a-uuid");
        assertThat(api.historySize("PAV-021")).isEqualTo(2);
    }

    @Test
    void retractionRefusals() {
        String enrolled = enrol("PAV-022");
        String id = UUID.randomUUID().toString();
        api.post(assessments("PAV-022"), with(madrsAt("T0", MADRS_27), "assessment_id", id))
                .created("AssessmentRecorded", 1, enrolled);
        String retraction = assessments("PAV-022") + "/" + id + "/retraction";

        api.post(retraction, "{}").problem(422, "reason").says("reason", "is required");
        api.post(retraction, fields("reason", "")).problem(422, "reason");
        api.post(retraction, fields("reason", "typo", "items", madrs(MADRS_18)))
                .problem(422, "items").says("items", "unknown field");
        api.post(assessments("PAV-022") + "/" + UUID.randomUUID() + "/retraction", fields("reason", "typo"))
                .problem(404, "assessment_id");
        api.post(assessments("PAV-022") + "/123/retraction", fields("reason", "typo")).problem(422, "assessment_id");
        assertThat(api.historySize("PAV-022")).isEqualTo(2);
    }
}
