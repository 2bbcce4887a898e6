package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.sha256;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.center.CenterIngestTest;

/** POST /api/v1/imports?kind=…[&dryRun=true] with a text/csv body: validated whole, applied all or nothing, never twice. */
@CenterIngestTest
class CsvImportApiTest {
    static final String ENROLMENT_HEADER = "subject_id,enrolment_date,consent_date,consent_version,birth_year,sex,"
            + "episode_duration_months,failed_antidepressant_trials\n";
    static final String MADRS_HEADER = "subject_id,visit,instrument,administered_at,rater,"
            + "MADRS_01,MADRS_02,MADRS_03,MADRS_04,MADRS_05,MADRS_06,MADRS_07,MADRS_08,MADRS_09,MADRS_10\n";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private void enrol(String... subjectIds) {
        for (String id : subjectIds) {
            api.post("/subjects", enrolment(id)).created("SubjectEnrolled", 0, GENESIS);
        }
    }

    private static String enrolmentRow(String subjectId) {
        return subjectId + ",2026-01-05,2026-01-05,2.1,1971,F,14,3\n";
    }

    @Test
    void importsAnEnrolmentsFile() {
        String csv = ENROLMENT_HEADER
                + "PAV-051,2026-01-05,2026-01-05,2.1,1971,F,14,3\n"
                + "PAV-052,2026-01-06,2026-01-02,2.1,1985,m,8,2\n"
                + "PAV-053,2026-01-07,2026-01-07,\"2.1\",1990,U,30,4\n";
        var reply = api.postCsv("?kind=enrolments", csv).status(201);
        String sha = sha256(csv);
        JsonNode body = reply.body();
        assertThat(body.path("file_sha256").asText()).isEqualTo(sha);
        assertThat(body.path("kind").asText()).isEqualTo("enrolments");
        assertThat(body.path("rows").asInt()).isEqualTo(3);
        assertThat(body.path("applied").asBoolean()).isTrue();
        assertThat(body.path("dry_run").asBoolean()).isFalse();
        assertThat(body.path("already_imported").asBoolean()).isFalse();
        assertThat(body.path("problems")).isEmpty();
        JsonNode events = body.path("events");
        assertThat(events).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode row = events.get(i);
            String subject = "PAV-05" + (i + 1);
            assertThat(row.path("line").asInt()).isEqualTo(i + 2);
            assertThat(row.path("event").path("subject_id").asText()).isEqualTo(subject);
            assertThat(row.path("event").path("event_type").asText()).isEqualTo("SubjectEnrolled");
            assertThat(row.path("event").path("sequence").asLong()).isZero();
            assertThat(row.path("event").path("previous_hash").asText()).isEqualTo(GENESIS);

            JsonNode s = api.subject(subject);
            assertThat(s.path("status").asText()).isEqualTo("ENROLLED");
            JsonNode first = s.path("history").get(0);
            assertThat(first.path("event_id").asText()).isEqualTo(row.path("event").path("event_id").asText());
            assertThat(first.path("hash").asText()).isEqualTo(row.path("event").path("hash").asText());
            assertThat(first.path("source").asText()).isEqualTo("csv:" + sha + "#" + (i + 2));
            assertThat(first.path("actor").path("id").asText()).isEqualTo("dm-01");
        }
        assertThat(api.subject("PAV-052").path("enrolment_date").asText()).isEqualTo("2026-01-06");
    }

    @Test
    void importsAnAssessmentsFileWithScores() {
        enrol("PAV-054", "PAV-055");
        String id = UUID.randomUUID().toString();
        String csv = "assessment_id,instrument_version," + MADRS_HEADER
                // 4+3+3+2+4+3+2+3+2+1 = 27, moderate
                + id + ",1,PAV-054,T0,MADRS,2026-01-05T09:30:00+01:00,rater-017,4,3,3,2,4,3,2,3,2,1\n"
                // 6+5+5+4+4+4+4+5+3+2 = 42, severe
                + ",,PAV-055,T0,MADRS,2026-01-05T10:00:00Z,rater-018,6,5,5,4,4,4,4,5,3,2\n";
        var reply = api.postCsv("?kind=assessments", csv).status(201);
        String sha = sha256(csv);
        JsonNode events = reply.body().path("events");
        assertThat(events).hasSize(2);
        JsonNode first = events.get(0).path("event");
        assertThat(first.path("event_type").asText()).isEqualTo("AssessmentRecorded");
        assertThat(first.path("sequence").asLong()).isEqualTo(1);
        assertThat(first.path("scores").path("scores").path("MADRS_TOTAL").asInt()).isEqualTo(27);
        assertThat(first.path("scores").path("categories").path("MADRS_SEVERITY").asText()).isEqualTo("moderate");
        assertThat(events.get(1).path("event").path("scores").path("scores").path("MADRS_TOTAL").asInt()).isEqualTo(42);
        assertThat(events.get(1).path("event").path("scores").path("categories").path("MADRS_SEVERITY").asText())
                .isEqualTo("severe");

        JsonNode s = api.subject("PAV-054");
        assertThat(s.path("chain_verified").asBoolean()).isTrue();
        JsonNode a = s.path("assessments").get(0);
        assertThat(a.path("assessment_id").asText()).isEqualTo(id);
        assertThat(a.path("items").path("MADRS_05").asInt()).isEqualTo(4);
        assertThat(a.path("rater").asText()).isEqualTo("rater-017");
        JsonNode history = s.path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("source").asText()).isEqualTo("api");
        assertThat(history.get(1).path("source").asText()).isEqualTo("csv:" + sha + "#2");
        assertThat(history.get(1).path("previous_hash").asText()).isEqualTo(history.get(0).path("hash").asText());
        assertThat(api.subject("PAV-055").path("history").get(1).path("source").asText()).isEqualTo("csv:" + sha + "#3");
    }

    @Test
    void rowsOfOneFileSeeTheRowsBeforeThem() {
        enrol("PAV-056");
        String csv = "subject_id,dose_id,administered_at,dose_mg,devices,bp_before,bp_after,monitoring_minutes,override_reason\n"
                + "PAV-056,,2026-01-06T10:00:00+01:00,56,2,128/82,150/95,120,\n"
                + "PAV-056,,2026-01-09T10:00:00+01:00,84,3,145/92,186/100,90,\"investigator judged, benefit outweighs risk\"\n";
        var reply = api.postCsv("?kind=doses", csv).status(201);
        JsonNode events = reply.body().path("events");
        assertThat(events).hasSize(2);
        JsonNode e1 = events.get(0).path("event");
        JsonNode e2 = events.get(1).path("event");
        assertThat(e1.path("sequence").asLong()).isEqualTo(1);
        assertThat(e2.path("sequence").asLong()).isEqualTo(2);
        assertThat(e2.path("previous_hash").asText()).isEqualTo(e1.path("hash").asText());

        // A CADSS file for the sessions just imported, in a second file.
        String cadss = "subject_id,dose_session,instrument,administered_at,rater" + columns("CADSS", 23) + "\n"
                + "PAV-056,1,CADSS,2026-01-06T11:00:00+01:00,rater-017" + ",0".repeat(23) + "\n"
                + "PAV-056,2,CADSS,2026-01-09T11:00:00+01:00,rater-017" + ",2,1,1,1" + ",0".repeat(19) + "\n";
        JsonNode cadssEvents = api.postCsv("?kind=assessments", cadss).status(201).body().path("events");
        assertThat(cadssEvents.get(0).path("event").path("scores").path("categories").path("CADSS_ABOVE_4").asText())
                .isEqualTo("N");
        assertThat(cadssEvents.get(1).path("event").path("scores").path("scores").path("CADSS_TOTAL").asInt()).isEqualTo(5);
        assertThat(cadssEvents.get(1).path("event").path("scores").path("categories").path("CADSS_ABOVE_4").asText())
                .isEqualTo("Y");

        JsonNode s = api.subject("PAV-056");
        assertThat(s.path("status").asText()).isEqualTo("ON_TREATMENT");
        assertThat(s.path("sessions")).hasSize(2);
        assertThat(s.path("sessions").get(1).path("session_number").asInt()).isEqualTo(2);
        assertThat(s.path("sessions").get(1).path("reason").asText()).isEqualTo("investigator judged, benefit outweighs risk");
        assertThat(s.path("sessions").get(1).path("flags")).hasSize(3);
        assertThat(s.path("assessments")).hasSize(2);
        assertThat(s.path("history")).hasSize(5);
        assertThat(s.path("chain_verified").asBoolean()).isTrue();
    }

    @Test
    void everyOtherKindHasItsLayout() {
        enrol("PAV-057", "PAV-058");
        api.postCsv("?kind=withheld-doses", "subject_id,dose_id,decided_at,reason,bp_before\n"
                + "PAV-057,,2026-01-06T10:00:00+01:00,pre-dose blood pressure 165/100,165/100\n"
                + "PAV-057,,2026-01-09T10:00:00+01:00,patient unwell,\n").status(201);
        api.postCsv("?kind=adverse-events", "subject_id,adverse_event_id,term,onset_date,severity,serious,relatedness\n"
                + "PAV-057,,\"Nausea, with vomiting\",2026-01-06,MILD,no,possible\n"
                + "PAV-058,," + "Headache" + ",2026-01-07,moderate,FALSE,NOT_RELATED\n").status(201);
        api.postCsv("?kind=discontinuations", "subject_id,discontinuation_date,reason,consent_withdrawn\n"
                + "PAV-057,2026-01-20,lack of efficacy,yes\n").status(201);
        api.postCsv("?kind=follow-up-completions", "subject_id,completion_date\n"
                + "PAV-058,2026-07-06\n").status(201);

        JsonNode s57 = api.subject("PAV-057");
        assertThat(s57.path("status").asText()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(s57.path("sessions")).hasSize(2);
        assertThat(s57.path("sessions").get(0).path("outcome").asText()).isEqualTo("WITHHELD");
        assertThat(s57.path("sessions").get(1).path("session_number").asInt()).isEqualTo(2);
        assertThat(s57.path("adverse_events").get(0).path("term").asText()).isEqualTo("Nausea, with vomiting");
        assertThat(s57.path("adverse_events").get(0).path("relatedness").asText()).isEqualTo("POSSIBLE");
        assertThat(s57.path("history")).hasSize(5);
        JsonNode s58 = api.subject("PAV-058");
        assertThat(s58.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(s58.path("adverse_events").get(0).path("serious").asBoolean()).isFalse();
        assertThat(s58.path("chain_verified").asBoolean()).isTrue();
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEveryRowsProblems() {
        enrol("PAV-060");
        String csv = ENROLMENT_HEADER
                + enrolmentRow("PAV-061")                               // 2: good
                + "PAV-062,2026-13-01,2026-01-05,2.1,1971,F,14,3\n"     // 3: bad date
                + enrolmentRow("MIL-001")                               // 4: another center's subject
                + enrolmentRow("PAV-060")                               // 5: already enrolled
                + "PAV-063,2026-01-05,2026-01-09,2.1,2015,F,14,3\n"     // 6: consent after enrolment, a child
                + "PAV-064,2026-01-05,2026-01-05,2.1,1971,X,14,3\n"     // 7: unknown sex
                + "PAV-059,2026-01-05,2026-01-05,2.1,1971,F,14,\n";     // 8: no count of failed trials
        var reply = api.postCsv("?kind=enrolments", csv);
        reply.problem(422, "enrolment_date", "subject_id", "consent_date", "birth_year", "failed_antidepressant_trials",
                "sex");
        assertThat(reply.lineFields()).containsExactlyInAnyOrder("3:enrolment_date", "4:subject_id", "5:subject_id",
                "6:consent_date", "6:birth_year", "7:sex", "8:failed_antidepressant_trials");
        assertThat(reply.messageAt(3, "enrolment_date")).contains("yyyy-MM-dd", "2026-13-01");
        assertThat(reply.messageAt(4, "subject_id")).contains("belongs to center MIL");
        assertThat(reply.messageAt(5, "subject_id")).contains("already enrolled");
        assertThat(reply.messageAt(6, "birth_year")).contains("age of about 11");
        assertThat(reply.messageAt(8, "failed_antidepressant_trials")).contains("is required");
        assertThat(reply.body().path("type").asText()).endsWith("/invalid-file");
        assertThat(reply.body().path("rows").asInt()).isEqualTo(7);
        assertThat(reply.body().path("file_sha256").asText()).isEqualTo(sha256(csv));
        assertThat(reply.body().path("detail").asText()).contains("nothing was applied");

        // Nothing of the good row was applied, and the file is not remembered as imported.
        api.get("/api/v1/subjects/PAV-061").problem(404, "subject_id");
        assertThat(api.historySize("PAV-060")).isEqualTo(1);
        api.postCsv("?kind=enrolments", csv).problem(422, "enrolment_date", "subject_id", "consent_date", "birth_year",
                "failed_antidepressant_trials", "sex");
    }

    @Test
    void aFileWhoseLastRowIsRefusedLeavesNothingBehind() {
        // The rows' events are appended together when the file is applied: a refusal at the last row, by the subject
        // its first row enrolled, must leave no event, no import record and no snapshot of any row before it.
        StringBuilder csv = new StringBuilder(ENROLMENT_HEADER);
        for (int i = 150; i < 160; i++) {
            csv.append(enrolmentRow("PAV-" + i));
        }
        csv.append(enrolmentRow("PAV-150"));                        // 12: enrolled by line 2 of the same file
        var reply = api.postCsv("?kind=enrolments", csv.toString());
        reply.problem(422, "subject_id");
        assertThat(reply.lineFields()).containsExactly("12:subject_id");
        assertThat(reply.messageAt(12, "subject_id")).contains("already enrolled");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier"
                + " BETWEEN 'PAV-150' AND 'PAV-159'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM csv_import WHERE file_sha256 = ?", Integer.class,
                sha256(csv.toString()))).isZero();

        // Without its last row the file goes in whole, each subject at its first event.
        String good = csv.substring(0, csv.length() - enrolmentRow("PAV-150").length());
        JsonNode events = api.postCsv("?kind=enrolments", good).status(201).body().path("events");
        assertThat(events).hasSize(10);
        events.forEach(e -> assertThat(e.path("event").path("sequence").asLong()).isZero());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier"
                + " BETWEEN 'PAV-150' AND 'PAV-159'", Integer.class)).isEqualTo(10);
    }

    @Test
    void anAssessmentsFileWithBadRowsReportsThemAllAndAppliesNothing() {
        enrol("PAV-065", "PAV-066");
        String csv = MADRS_HEADER
                + "PAV-065,T0,MADRS,2026-01-05T09:30:00+01:00,rater-017,4,3,3,2,4,3,2,3,2,1\n"   // 2: good
                + "PAV-066,T0,MADRS,2026-01-32T09:30:00+01:00,rater-017,4,3,3,2,4,3,2,3,2,1\n"   // 3: bad date
                + "PAV-066,T0,MADRS,2026-01-05T09:30:00+01:00,rater-017,4,3,7,2,4,3,2,3,x,1\n"   // 4: item out of range, text
                + "MIL-002,T0,MADRS,2026-01-05T09:30:00+01:00,rater-017,4,3,3,2,4,3,2,3,2,1\n"   // 5: another center
                + "PAV-069,T0,MADRS,2026-01-05T09:30:00+01:00,rater-017,4,3,3,2,4,3,2,3,2,1\n"   // 6: not enrolled
                + "PAV-065,T0,MADRS,2026-01-05T10:30:00+01:00,rater-017,4,3,3,2,4,3,2,3,2,1\n"   // 7: T0 again (see line 2)
                + "PAV-065,W9,MADRS,2026-01-05T11:30:00+01:00,rater-017,4,3,3,2,4,3,2,3,2,\n"   // 8: unknown visit, empty item
                + "PAV-065,M1,MADRS,2026-01-05T11:30:00+01:00,,4,3,3,2,4,3,2,3,2,1\n";          // 9: no rater
        var reply = api.postCsv("?kind=assessments", csv);
        reply.problem(422, "administered_at", "MADRS_03", "MADRS_09", "subject_id", "visit", "rater", "MADRS_10");
        assertThat(reply.lineFields()).containsExactlyInAnyOrder("3:administered_at", "4:MADRS_03", "4:MADRS_09",
                "5:subject_id", "6:subject_id", "7:visit", "8:visit", "8:MADRS_10", "9:rater");
        assertThat(reply.messageAt(4, "MADRS_03")).contains("integer from 0 to 6", "got 7");
        assertThat(reply.messageAt(4, "MADRS_09")).contains("\"x\"");
        assertThat(reply.messageAt(5, "subject_id")).contains("MIL-002", "not enrolled");
        assertThat(reply.messageAt(6, "subject_id")).contains("PAV-069", "not enrolled");
        assertThat(reply.messageAt(7, "visit")).contains("already recorded");
        assertThat(reply.messageAt(8, "MADRS_10")).contains("is required");

        JsonNode s = api.subject("PAV-065");
        assertThat(s.path("assessments")).isEmpty();
        assertThat(s.path("history")).hasSize(1);
        assertThat(api.historySize("PAV-066")).isEqualTo(1);
    }

    @Test
    void aFileAlreadyImportedIsRecognisedAndRecordsNothing() {
        String csv = ENROLMENT_HEADER + enrolmentRow("PAV-071") + enrolmentRow("PAV-072");
        var first = api.postCsv("?kind=enrolments", csv).status(201);

        var again = api.postCsv("?kind=enrolments", csv).ok();
        assertThat(again.body().path("already_imported").asBoolean()).isTrue();
        assertThat(again.body().path("applied").asBoolean()).isFalse();
        assertThat(again.body().path("file_sha256").asText()).isEqualTo(sha256(csv));
        assertThat(again.body().path("events")).isEqualTo(first.body().path("events"));
        assertThat(api.historySize("PAV-071")).isEqualTo(1);
        assertThat(api.historySize("PAV-072")).isEqualTo(1);

        // A dry run of it says the same; a different file with the same rows is a new file (and is refused).
        assertThat(api.postCsv("?kind=enrolments&dryRun=true", csv).ok().body().path("already_imported").asBoolean())
                .isTrue();
        api.postCsv("?kind=enrolments", csv.replace("\n", "\r\n"))
                .problem(422, "subject_id").says("subject_id", "already enrolled");
        assertThat(api.historySize("PAV-071")).isEqualTo(1);
    }

    @Test
    void aDryRunReportsWhatWouldBeRecordedAndStoresNothing() {
        String csv = ENROLMENT_HEADER + enrolmentRow("PAV-073") + enrolmentRow("PAV-074");
        var dry = api.postCsv("?kind=enrolments&dryRun=true", csv).ok();
        JsonNode body = dry.body();
        assertThat(body.path("dry_run").asBoolean()).isTrue();
        assertThat(body.path("applied").asBoolean()).isFalse();
        assertThat(body.path("already_imported").asBoolean()).isFalse();
        assertThat(body.path("rows").asInt()).isEqualTo(2);
        assertThat(body.path("events")).hasSize(2);
        assertThat(body.path("events").get(1).path("line").asInt()).isEqualTo(3);
        assertThat(body.path("events").get(1).path("event").path("subject_id").asText()).isEqualTo("PAV-074");
        assertThat(body.path("events").get(1).path("event").path("event_type").asText()).isEqualTo("SubjectEnrolled");
        api.get("/api/v1/subjects/PAV-073").problem(404, "subject_id");
        api.get("/api/v1/subjects/PAV-074").problem(404, "subject_id");

        // A dry run of a bad file reports its problems like a real import.
        api.postCsv("?kind=enrolments&dryRun=true", csv + "PAV-075,2026-01-05,2026-01-05,2.1,1971,F,14,-1\n")
                .problem(422, "failed_antidepressant_trials");

        // The dry run did not mark the file imported: it can then be imported for real.
        var real = api.postCsv("?kind=enrolments", csv).status(201);
        assertThat(real.body().path("applied").asBoolean()).isTrue();
        assertThat(api.historySize("PAV-073")).isEqualTo(1);
        assertThat(api.historySize("PAV-074")).isEqualTo(1);
    }

    @Test
    void theKindMustBeKnown() {
        String csv = ENROLMENT_HEADER + enrolmentRow("PAV-076");
        api.postCsv("?kind=patients", csv).problem(422, "kind").says("kind", "'patients'", "enrolments", "assessments");
        api.postCsv("", csv).problem(422, "kind").says("kind", "is required");
        api.postCsv("?kind=enrolments&dryRun=perhaps", csv).problem(422, "dryRun").says("dryRun", "true or false");
        assertThat(api.historySize("PAV-076")).isZero();
    }

    @Test
    void theFileShapeIsCheckedFirst() {
        api.postCsv("?kind=enrolments", ENROLMENT_HEADER).problem(422, "").says("", "header but no rows");
        assertThat(api.postCsv("?kind=enrolments", ENROLMENT_HEADER).lineFields()).containsExactly("2:");
        assertThat(api.postCsv("?kind=enrolments", "").lineFields()).containsExactly("1:");

        var unknown = api.postCsv("?kind=enrolments", ENROLMENT_HEADER.replace("\n", ",nickname\n")
                + enrolmentRow("PAV-077").replace("\n", ",Jo\n"));
        unknown.problem(422, "nickname").says("nickname", "unknown column for enrolments");
        assertThat(unknown.lineFields()).containsExactly("1:nickname");

        var duplicated = api.postCsv("?kind=follow-up-completions", "subject_id,completion_date,completion_date\n"
                + "PAV-077,2026-07-01,2026-07-01\n");
        assertThat(duplicated.problem(422, "completion_date").lineFields()).containsExactly("1:completion_date");

        var noSubject = api.postCsv("?kind=follow-up-completions", "completion_date\n2026-07-01\n");
        assertThat(noSubject.problem(422, "subject_id").lineFields()).containsExactly("1:subject_id");

        var notUtf8 = api.postCsv("?kind=follow-up-completions",
                "subject_id,completion_date\nPAV-077,2026-07-01 \u00e9t\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), Api.actor());
        notUtf8.problem(422, "completion_date").says("completion_date", "not UTF-8", "byte 0xE9 at offset 46");
        assertThat(notUtf8.lineFields()).containsExactly("2:completion_date");

        var unclosedQuote = api.postCsv("?kind=follow-up-completions", "subject_id,completion_date\n"
                + "PAV-077,2026-07-01\nPAV-078,\"2026-07-01\n");
        unclosedQuote.problem(422, "").says("", "not valid CSV", "startline 3");
        assertThat(unclosedQuote.lineFields()).as("the file as a whole").containsExactly("0:");
        assertThat(api.historySize("PAV-077")).isZero();
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsReportedWithTheOtherRowsProblems() {
        String csv = ENROLMENT_HEADER
                + enrolmentRow("PAV-078")
                + "PAV-079,2026-01-05,2026-01-05,2.1\n"                   // 3: too few cells
                + "PAV-080,2026-01-05,2026-01-05,2.1,1971,F,14,-3\n";    // 4: negative count
        var reply = api.postCsv("?kind=enrolments", csv);
        reply.problem(422, "", "failed_antidepressant_trials");
        assertThat(reply.lineFields()).containsExactlyInAnyOrder("3:", "4:failed_antidepressant_trials");
        assertThat(reply.messageAt(3, "")).contains("4 cells", "the header has 8");
        api.get("/api/v1/subjects/PAV-078").problem(404, "subject_id");
    }

    @Test
    void lineNumbersArePhysicalLinesOfTheFile() {
        // A byte-order mark, CRLF line ends, a blank line and a quoted cell spanning two lines.
        String csv = "\uFEFFsubject_id,adverse_event_id,term,onset_date,severity,serious,relatedness\r\n"
                + "PAV-081,,Nausea,2026-01-06,MILD,no,POSSIBLE\r\n"
                + "\r\n"
                + "PAV-081,,\"Headache,\r\nsevere\",2026-01-07,grave,no,POSSIBLE\r\n"
                + "PAV-081,,Dizziness,2026-01-08,MILD,often,POSSIBLE\r\n";
        enrol("PAV-081");
        var reply = api.postCsv("?kind=adverse-events", csv);
        reply.problem(422, "severity", "serious");
        // The row whose quoted term spans lines 4 and 5 is numbered by the line it starts on.
        assertThat(reply.lineFields()).containsExactly("4:severity", "6:serious");
        assertThat(api.historySize("PAV-081")).isEqualTo(1);
    }

    @Test
    void anImportIsACsvBody() {
        var headers = Api.actor();
        var reply = api.post("/api/v1/imports?kind=enrolments", "{\"subject_id\":\"PAV-083\"}", headers);
        reply.problem(415, "Content-Type").says("Content-Type", "text/csv");
    }

    @Test
    void importsNeedAToken() {
        String csv = ENROLMENT_HEADER + enrolmentRow("PAV-082");
        HttpHeaders none = new HttpHeaders();
        none.set(HttpHeaders.AUTHORIZATION, "");
        api.postCsv("?kind=enrolments", csv.getBytes(StandardCharsets.UTF_8), none).problem(401, "Authorization");
        assertThat(api.historySize("PAV-082")).isZero();
    }

    private static String columns(String prefix, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            b.append(",%s_%02d".formatted(prefix, i));
        }
        return b.toString();
    }
}
