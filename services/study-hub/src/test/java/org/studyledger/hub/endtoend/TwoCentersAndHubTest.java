package org.studyledger.hub.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.center.CenterIngestApplication;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.study.CenterTopics;

/**
 * The event path end to end: two center services (PAV, MIL) and the hub, each with its own database, on
 * one Kafka broker. The centers create their signing keys at start-up in one key directory, which is also the
 * hub's registry of keys (as the local platform shares one), and PAV rotates its key half-way through. A small
 * scripted cohort goes in through the centers' REST intake; the test then reads the hub's timeline, subject
 * summaries, ADQS and audit trail and checks them against values worked out by hand below.
 */
class TwoCentersAndHubTest {
    private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private static Http hub;
    private static Http pav;
    private static Http mil;
    /** PAV's key before and after its rotation, which happens between PAV-001's events and PAV-002's. */
    private static String pavKeyBefore;
    private static String pavKeyAfter;

    @TempDir
    static Path keys;

    @BeforeAll
    static void startServicesAndRecordTheCohort() {
        TestKafka kafka = TestInfrastructure.newKafka("end-to-end");
        String prefix = kafka.topicPrefix();
        hub = Http.hub(start(StudyHubApplication.application(), Map.of(
                "studyledger.hub.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.hub.topic-prefix", prefix,
                "studyledger.hub.consumer-group", kafka.groupId("hub"),
                "studyledger.hub.poll-timeout", "200ms",
                "studyledger.hub.signing.keys-directory", keys.toString()), TestInfrastructure.newDatabase("e2e-hub"),
                TestIssuer.HUB_AUDIENCE));
        pav = Http.center(start(CenterIngestApplication.application(), center("PAV", prefix, kafka),
                TestInfrastructure.newDatabase("e2e-pav"), TestIssuer.CENTER_AUDIENCE), "PAV");
        mil = Http.center(start(CenterIngestApplication.application(), center("MIL", prefix, kafka),
                TestInfrastructure.newDatabase("e2e-mil"), TestIssuer.CENTER_AUDIENCE), "MIL");
        recordCohort();
    }

    private static Map<String, Object> center(String id, String prefix, TestKafka kafka) {
        return Map.of("studyledger.center.id", id, "studyledger.publication.bootstrap-servers", kafka.bootstrapServers(),
                "studyledger.publication.topic", new CenterTopics(prefix, "ESK-TRD").topicOf(id),
                "studyledger.center.signing.key-directory", keys.toString());
    }

    private static String start(SpringApplicationBuilder application, Map<String, Object> settings, TestDatabase db,
                                String audience) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(TestIssuer.settings(audience));
        all.put("server.port", 0);
        all.put("spring.datasource.url", db.jdbcUrl());
        all.put("spring.datasource.username", db.user());
        all.put("spring.datasource.password", db.password() == null ? "" : db.password());
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = application.run(args);
        services.add(context);
        return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    static void stopServices() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    private static final String NURSE = "nurse-01";
    private static final String RATER = "rater-07";
    private static final String DM = "dm-pav";
    private static final String INVESTIGATOR = "inv-01";
    private static final String ADMIN = "admin-pav";

    private static void recordCohort() {
        // PAV-001: MADRS 30 at baseline, 20 at W1, 14 at M1 corrected to 10 (response and remission at M1).
        enrol(pav, "PAV-001", "2026-01-05", 1970, "F");
        madrs(pav, "PAV-001", "T0", "2026-01-12T08:00:00+01:00", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        dose(pav, "PAV-001", "2026-01-12T09:00:00+01:00", 56, "128/82", "141/90", 120);
        dose(pav, "PAV-001", "2026-01-15T09:00:00+01:00", 84, "130/80", "135/85", 130);
        madrs(pav, "PAV-001", "W1", "2026-01-19T10:00:00+01:00", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        String m1 = madrs(pav, "PAV-001", "M1", "2026-02-09T10:00:00+01:00", 2, 2, 2, 2, 1, 1, 1, 1, 1, 1);
        pav.post("/api/v1/subjects/PAV-001/assessments/" + m1 + "/corrections", DM, "data-manager", """
                {"items": %s, "reason": "transcription error: items 1-4 were 1 on the paper form"}"""
                .formatted(items(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));

        // PAV rotates its signing key: PAV-001's events are signed with the old key, PAV-002's with the new one.
        // Mid-stream for the hub too: it has taken PAV-001's events before the new key exists.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(StreamSupport.stream(
                        hub.get("/api/v1/ledger/status").get("centers").spliterator(), false)
                .filter(c -> c.get("center_id").asText().equals("PAV")).map(c -> c.get("events").asLong()))
                .containsExactly(7L));
        pavKeyBefore = pav.get("/api/v1/signing-keys").get("active_key_id").asText();
        JsonNode rotation = pav.post("/api/v1/signing-keys/rotate", ADMIN, "center-admin", "{}");
        pavKeyAfter = rotation.get("key_id").asText();
        assertThat(rotation.get("retired_key").get("key_id").asText()).isEqualTo(pavKeyBefore);

        // PAV-002: baseline 24, a W1 form entered on the wrong subject and retracted, then discontinued.
        enrol(pav, "PAV-002", "2026-01-06", 1964, "M");
        madrs(pav, "PAV-002", "T0", "2026-01-13T08:00:00+01:00", 2, 3, 2, 3, 2, 3, 2, 3, 2, 2);
        dose(pav, "PAV-002", "2026-01-13T09:00:00+01:00", 56, "125/80", "130/82", 120);
        String wrong = madrs(pav, "PAV-002", "W1", "2026-01-20T10:00:00+01:00", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        pav.post("/api/v1/subjects/PAV-002/assessments/" + wrong + "/retraction", DM, "data-manager",
                "{\"reason\": \"form belonged to another patient\"}");
        pav.post("/api/v1/subjects/PAV-002/discontinuation", INVESTIGATOR, "investigator", """
                {"discontinuation_date": "2026-02-01", "reason": "moved abroad", "consent_withdrawn": false}""");

        // MIL-001: baseline 35 (severe), W1 30: no response; an adverse event.
        enrol(mil, "MIL-001", "2026-01-07", 1981, "F");
        madrs(mil, "MIL-001", "T0", "2026-01-14T08:00:00+01:00", 4, 4, 4, 4, 4, 3, 3, 3, 3, 3);
        dose(mil, "MIL-001", "2026-01-14T09:00:00+01:00", 56, "120/78", "126/80", 125);
        madrs(mil, "MIL-001", "W1", "2026-01-21T10:00:00+01:00", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        mil.post("/api/v1/subjects/MIL-001/adverse-events", INVESTIGATOR, "investigator", """
                {"term": "dizziness", "onset_date": "2026-01-14", "severity": "MILD", "serious": false,
                 "relatedness": "PROBABLE"}""");
    }

    @Test
    void theLedgerHoldsEveryEventOfBothCentersAndNothingIsQuarantined() {
        awaitLedger();
        JsonNode status = hub.get("/api/v1/ledger/status");
        assertThat(status.get("quarantined").asLong()).isZero();
        Map<String, Long> events = new HashMap<>();
        status.get("centers").forEach(c -> events.put(c.get("center_id").asText(), c.get("events").asLong()));
        assertThat(events).containsEntry("PAV", 13L).containsEntry("MIL", 5L);
        assertThat(pav.get("/api/v1/publication").get("pending").asLong()).isZero();
    }

    @Test
    void theTimelineShowsEveryEventInOrderWithTheCorrectionsOldAndNewValues() {
        awaitProjections();
        JsonNode timeline = hub.get("/api/v1/subjects/PAV-001/timeline");
        assertThat(texts(timeline, "event_type")).containsExactly("SubjectEnrolled", "AssessmentRecorded",
                "DoseAdministered", "DoseAdministered", "AssessmentRecorded", "AssessmentRecorded", "AssessmentCorrected");
        assertThat(texts(timeline, "sequence")).containsExactly("0", "1", "2", "3", "4", "5", "6");
        JsonNode correction = timeline.get(6);
        // the timeline names the role, not the staff member (who is in the audit trail, for auditors)
        assertThat(correction.get("actor_role").asText()).isEqualTo("data-manager");
        assertThat(correction.has("actor_id")).isFalse();
        assertThat(correction.get("visit").asText()).isEqualTo("M1");
        assertThat(correction.get("summary").asText()).contains("MADRS_01 2 → 1").contains("total 14 → 10")
                .contains("transcription error");
        assertThat(correction.get("details").get("changes").toString())
                .contains("\"field\":\"scores.MADRS_TOTAL\"").contains("\"old\":14").contains("\"new\":10");
        assertThat(timeline.get(2).get("summary").asText()).contains("56 mg");
    }

    @Test
    void subjectSummariesCarryStatusBaselineLatestMadrsResponseAndRemission() {
        awaitProjections();
        JsonNode p1 = hub.get("/api/v1/subjects/PAV-001");
        assertThat(p1.get("status").asText()).isEqualTo("ON_TREATMENT");
        assertThat(p1.get("first_dose_date").asText()).isEqualTo("2026-01-12");
        assertThat(p1.get("baseline_madrs").asInt()).isEqualTo(30);
        assertThat(p1.get("latest_madrs").asInt()).isEqualTo(10);
        assertThat(p1.get("response").asBoolean()).isTrue();
        assertThat(p1.get("remission").asBoolean()).isTrue();
        assertThat(texts(p1.get("visits"), null)).containsExactly("T0", "W1", "M1");

        JsonNode p2 = hub.get("/api/v1/subjects/PAV-002");
        assertThat(p2.get("status").asText()).isEqualTo("DISCONTINUED");
        assertThat(p2.get("latest_madrs").asInt()).as("the retracted W1 form does not count").isEqualTo(24);

        assertThat(texts(hub.get("/api/v1/subjects?center=PAV"), "subject_id")).containsExactly("PAV-001", "PAV-002");
        assertThat(texts(hub.get("/api/v1/subjects?status=DISCONTINUED"), "subject_id")).containsExactly("PAV-002");
    }

    @Test
    void adqsHasBaselineChangeAndResponseFlagsWorkedOutByHand() {
        awaitProjections();
        JsonNode rows = hub.get("/api/v1/datasets/adqs?paramcd=MADRSTOT");
        Map<String, JsonNode> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.get("USUBJID").asText() + "/" + r.get("AVISIT").asText(), r));
        assertThat(byKey).containsOnlyKeys("PAV-001/T0", "PAV-001/W1", "PAV-001/M1", "PAV-002/T0", "MIL-001/T0", "MIL-001/W1");

        JsonNode baseline = byKey.get("PAV-001/T0");
        assertThat(baseline.get("AVAL").asInt()).isEqualTo(30);
        assertThat(baseline.get("ABLFL").asText()).isEqualTo("Y");
        assertThat(baseline.get("ADY").asInt()).as("baseline on the day of the first dose").isEqualTo(1);

        // W1: 20 vs 30 → CHG −10, PCHG −33.33: neither response (≥ 50 % reduction) nor remission (≤ 10).
        assertRow(byKey.get("PAV-001/W1"), 8, 20, 30, -10, "-33.33", "N", "N");
        // M1 after the correction: 10 vs 30 → CHG −20, PCHG −66.67: response and remission.
        assertRow(byKey.get("PAV-001/M1"), 29, 10, 30, -20, "-66.67", "Y", "Y");
        // MIL-001 W1: 30 vs 35 → CHG −5, PCHG −14.29.
        assertRow(byKey.get("MIL-001/W1"), 8, 30, 35, -5, "-14.29", "N", "N");

        String csv = hub.getText("/api/v1/datasets/adqs?subject=PAV-001&paramcd=MADRSTOT", "text/csv");
        assertThat(csv.lines().toList()).hasSize(4);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("STUDYID,USUBJID,SITEID,PARAMCD");
    }

    @Test
    void theAuditTrailAnswersByCenterAndByActorWithReasons() {
        awaitProjections();
        JsonNode mil = hub.get("/api/v1/audit-trail?center=MIL");
        assertThat(texts(mil, "event_type")).containsExactly("SubjectEnrolled", "AssessmentRecorded", "DoseAdministered",
                "AssessmentRecorded", "AdverseEventReported");
        // Two subjects' events: their order in the ledger depends on which partition the hub read first.
        JsonNode byDataManager = hub.get("/api/v1/audit-trail?actor=" + DM);
        Map<String, String> reasons = new HashMap<>();
        byDataManager.forEach(row -> reasons.put(row.get("subject_id").asText() + " " + row.get("event_type").asText(),
                row.get("reason").asText()));
        assertThat(reasons).containsOnly(
                Map.entry("PAV-001 AssessmentCorrected", "transcription error: items 1-4 were 1 on the paper form"),
                Map.entry("PAV-002 AssessmentRetracted", "form belonged to another patient"));
        byDataManager.forEach(row -> assertThat(row.get("hash_verified").asBoolean()).isTrue());
    }

    @Test
    void aCenterKeyRotationMidStreamLeavesEveryEventOfBothKeysInTheLedgerAndVerified() {
        awaitLedger();
        Map<String, Set<String>> signers = new TreeMap<>();
        hub.getText("/api/v1/ledger/export?center=PAV", "application/x-ndjson").lines().map(EnvelopeCodec::decode)
                .forEach(e -> signers.computeIfAbsent(e.subjectId().value(), s -> new TreeSet<>()).add(e.keyId()));
        assertThat(signers).containsExactly(Map.entry("PAV-001", Set.of(pavKeyBefore)),
                Map.entry("PAV-002", Set.of(pavKeyAfter)));

        Map<String, JsonNode> registered = new HashMap<>();
        hub.get("/api/v1/ledger/keys").forEach(k -> registered.put(k.get("key_id").asText(), k));
        assertThat(registered).containsKeys(pavKeyBefore, pavKeyAfter);
        assertThat(registered.get(pavKeyBefore).get("retired_at").isTextual()).isTrue();
        assertThat(registered.get(pavKeyAfter).get("retired_at").isNull()).isTrue();

        JsonNode report = hub.get("/api/v1/audit/verify");
        assertThat(report.get("valid").asBoolean()).as("%s", report).isTrue();
        assertThat(report.get("events_checked").asLong()).isEqualTo(18);
    }

    private static void assertRow(JsonNode row, int ady, int aval, int base, int chg, String pchg, String crit1, String crit2) {
        assertThat(row.get("ADY").asInt()).isEqualTo(ady);
        assertThat(row.get("AVAL").asInt()).isEqualTo(aval);
        assertThat(row.get("BASE").asInt()).isEqualTo(base);
        assertThat(row.get("CHG").asInt()).isEqualTo(chg);
        assertThat(row.get("PCHG").decimalValue()).isEqualByComparingTo(pchg);
        assertThat(row.get("CRIT1FL").asText()).isEqualTo(crit1);
        assertThat(row.get("CRIT2FL").asText()).isEqualTo(crit2);
        assertThat(row.get("ABLFL").isNull() || row.get("ABLFL").asText().isEmpty()).isTrue();
    }

    private static void awaitLedger() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(hub.get("/api/v1/ledger/status").get("events").asLong()).isEqualTo(18));
    }

    private static void awaitProjections() {
        awaitLedger();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(hub.get("/api/v1/audit-trail").size()).isEqualTo(18);
            assertThat(hub.get("/api/v1/subjects/PAV-001").get("latest_madrs").asInt()).isEqualTo(10);
            assertThat(hub.get("/api/v1/subjects/PAV-002").get("status").asText()).isEqualTo("DISCONTINUED");
            assertThat(hub.get("/api/v1/datasets/adqs?paramcd=MADRSTOT").size()).isEqualTo(6);
            assertThat(hub.get("/api/v1/subjects/MIL-001/timeline").size()).isEqualTo(5);
        });
    }

    private static void enrol(Http center, String subject, String date, int birthYear, String sex) {
        center.post("/api/v1/subjects", INVESTIGATOR, "investigator", """
                {"subject_id": "%s", "enrolment_date": "%s", "consent_date": "%s", "consent_version": "2.1",
                 "birth_year": %d, "sex": "%s", "episode_duration_months": 14, "failed_antidepressant_trials": 3}"""
                .formatted(subject, date, date, birthYear, sex));
    }

    /** Records a MADRS form and returns its assessment id (read back from the center's subject view). */
    private static String madrs(Http center, String subject, String visit, String at, int... values) {
        center.post("/api/v1/subjects/" + subject + "/assessments", RATER, "rater", """
                {"instrument": "MADRS", "visit": "%s", "administered_at": "%s", "rater": "%s", "items": %s}"""
                .formatted(visit, at, RATER, items(values)));
        for (JsonNode a : center.get("/api/v1/subjects/" + subject).get("assessments")) {
            if (a.get("visit").asText().equals(visit) && !a.get("retracted").asBoolean()) {
                return a.get("assessment_id").asText();
            }
        }
        throw new AssertionError("the center does not show the " + visit + " form of " + subject);
    }

    private static void dose(Http center, String subject, String at, int mg, String before, String after, int minutes) {
        center.post("/api/v1/subjects/" + subject + "/doses", NURSE, "study-nurse", """
                {"administered_at": "%s", "dose_mg": %d, "devices": %d, "bp_before": "%s", "bp_after": "%s",
                 "monitoring_minutes": %d}""".formatted(at, mg, mg / 28, before, after, minutes));
    }

    private static String items(int... values) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ", ").append("\"MADRS_%02d\": %d".formatted(i + 1, values[i]));
        }
        return json.append("}").toString();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(n -> field == null ? n.asText() : n.get(field).asText()).toList();
    }
}
