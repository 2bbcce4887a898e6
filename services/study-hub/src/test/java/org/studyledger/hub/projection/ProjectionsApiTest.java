package org.studyledger.hub.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * The projections and the query API on a scripted cohort ({@link Cohort}) fed through the ledger. Every derived
 * value asserted here is worked out by hand in the comments, not by the code under test.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionsApiTest {
    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    /** Decimals exactly as sent: "-50.00" stays -50.00. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    final Cohort cohort = new Cohort();

    @BeforeAll
    void feedTheLedger() {
        cohort.feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
    }

    private JsonNode get(String url) throws Exception {
        ResponseEntity<String> response = http.getForEntity(url, String.class);
        assertThat(response.getStatusCode()).as("GET %s: %s", url, response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private JsonNode problem(String url, HttpStatus status) throws Exception {
        ResponseEntity<String> response = http.getForEntity(url, String.class);
        assertThat(response.getStatusCode()).as("GET %s: %s", url, response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return json.readTree(response.getBody());
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private static List<String> texts(JsonNode array, String member) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(member).asText()).toList();
    }

    private static JsonNode row(JsonNode rows, String member, String value) {
        return StreamSupport.stream(rows.spliterator(), false).filter(r -> r.get(member).asText().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError("no row with " + member + " = " + value + " in " + rows));
    }

    private static void decimal(JsonNode node, String expected) {
        assertThat(node.isNumber()).as("%s is a number", node).isTrue();
        assertThat(node.decimalValue()).isEqualByComparingTo(new BigDecimal(expected));
    }

    // ---------------------------------------------------------------------------------------- timeline

    @Test
    void theTimelineShowsEveryEventInOrderInReadableForm() throws Exception {
        JsonNode timeline = get("/api/v1/subjects/PAV-001/timeline");
        assertThat(timeline).hasSize(16);
        List<EventEnvelope> sent = cohort.pav1.envelopes();
        for (int i = 0; i < 16; i++) {
            JsonNode entry = timeline.get(i);
            assertThat(entry.get("sequence").asLong()).isEqualTo(i);
            assertThat(entry.get("event_id").asText()).isEqualTo(sent.get(i).eventId().toString());
            assertThat(entry.get("event_type").asText()).isEqualTo(sent.get(i).eventType());
            if (i > 0) {
                assertThat(entry.get("position").asLong()).isGreaterThan(timeline.get(i - 1).get("position").asLong());
            }
        }
        assertThat(timeline.get(0).get("summary").asText()).isEqualTo("Enrolled on 2026-01-05 (protocol ESK-TRD/1, consent"
                + " 2.1 signed 2026-01-05): sex F, born 1970, episode 14 months, 3 failed antidepressant trials");
        JsonNode t0 = timeline.get(1);
        assertThat(t0.get("summary").asText()).isEqualTo("MADRS/1 at T0 (day 1): total 30 (moderate)");
        assertThat(t0.get("visit").asText()).isEqualTo("T0");
        // an analyst's view: the role, but no staff id (the audit trail has them)
        assertThat(t0.has("actor_id")).as("staff ids are not in the timeline: %s", t0).isFalse();
        assertThat(t0.get("details").get("payload").has("rater")).as("the rater is a staff id").isFalse();
        assertThat(t0.get("details").get("payload").has("items")).isTrue();
        assertThat(t0.get("actor_role").asText()).isEqualTo("rater");
        assertThat(t0.get("occurred_at").asText()).isEqualTo("2026-01-12T07:30:00.000Z");
        assertThat(t0.get("recorded_at").asText()).isEqualTo("2026-01-12T07:40:00.000Z");
        assertThat(t0.get("details").get("payload").get("scores").get("scores").get("MADRS_TOTAL").asInt()).isEqualTo(30);
        assertThat(timeline.get(2).get("summary").asText()).isEqualTo("RFQ8/1 at T0 (day 1): RFQ_C 1.1667, RFQ_U 1.6667");
        assertThat(timeline.get(4).get("summary").asText())
                .isEqualTo("Dose session 1: 56 mg (2 devices), BP 128/82 → 141/90, monitored 120 min");
        assertThat(timeline.get(4).get("dose_session").asInt()).isEqualTo(1);
        assertThat(timeline.get(5).get("summary").asText())
                .isEqualTo("CADSS/1 at dose session 1 (day 1): total 6, above 4: Y");
        assertThat(timeline.get(6).get("summary").asText()).isEqualTo("Dose session 2: 84 mg (3 devices), BP 150/95 → 195/100,"
                + " monitored 90 min, flags: PRE_DOSE_BP_ABOVE_THRESHOLD, NOTABLE_BP_RISE, MONITORING_SHORT"
                + " — override: investigator judged the benefit to outweigh the risk");
        assertThat(timeline.get(7).get("summary").asText())
                .isEqualTo("Dose session 3 withheld (BP 170/105) — reason: pre-dose BP 170/105");
        assertThat(timeline.get(8).get("summary").asText()).isEqualTo("MADRS/1 at W1 (day 8): total 16 (mild)");

        JsonNode correction = timeline.get(9);
        assertThat(correction.get("event_type").asText()).isEqualTo("AssessmentCorrected");
        assertThat(correction.get("summary").asText()).isEqualTo("Correction of MADRS at W1: MADRS_01 2 → 1; total 16 → 15"
                + " — reason: transcription error: item 1 was 1 on the paper form");
        assertThat(correction.get("visit").asText()).isEqualTo("W1");
        assertThat(correction.has("actor_id")).isFalse();
        assertThat(correction.get("actor_role").asText()).isEqualTo("data-manager");
        JsonNode changes = correction.get("details").get("changes");
        assertThat(texts(changes, "field")).containsExactly("items.MADRS_01", "scores.MADRS_TOTAL");
        assertThat(changes.get(0).get("old").asInt()).isEqualTo(2);
        assertThat(changes.get(0).get("new").asInt()).isEqualTo(1);
        assertThat(changes.get(1).get("old").asInt()).isEqualTo(16);
        assertThat(changes.get(1).get("new").asInt()).isEqualTo(15);
        assertThat(correction.get("details").get("assessment").get("instrument").asText()).isEqualTo("MADRS/1");

        JsonNode retraction = timeline.get(13);
        assertThat(retraction.get("summary").asText())
                .isEqualTo("Retraction of AAQ2 at M1 (total 21) — reason: form belonged to another subject");
        assertThat(retraction.get("visit").asText()).isEqualTo("M1");
        assertThat(timeline.get(14).get("summary").asText()).isEqualTo("Adverse event: dissociation (MILD, not serious,"
                + " relatedness PROBABLE), onset 2026-01-12");
        assertThat(timeline.get(15).get("summary").asText()).isEqualTo("Discontinued on 2026-02-20 — reason: moved abroad");
    }

    @Test
    void aTimelineOfAnUnknownSubjectIs404AndOfAMalformedId422() throws Exception {
        JsonNode unknown = problem("/api/v1/subjects/PAV-099/timeline", HttpStatus.NOT_FOUND);
        assertThat(fields(unknown)).containsExactly("subject_id");
        assertThat(fields(problem("/api/v1/subjects/pav-1/timeline", HttpStatus.UNPROCESSABLE_ENTITY)))
                .containsExactly("subject_id");
    }

    // ---------------------------------------------------------------------------------------- summary

    @Test
    void theSummaryHasStatusDosingVisitsMadrsResponseAndRemission() throws Exception {
        JsonNode s = get("/api/v1/subjects/PAV-001");
        assertThat(s.get("subject_id").asText()).isEqualTo("PAV-001");
        assertThat(s.get("center_id").asText()).isEqualTo("PAV");
        assertThat(s.get("status").asText()).isEqualTo("DISCONTINUED");
        assertThat(s.get("first_dose_date").asText()).isEqualTo("2026-01-12");
        // dose 2 at 23:30 UTC on the 15th is 00:30 on the 16th in Rome
        assertThat(s.get("last_dose_date").asText()).isEqualTo("2026-01-16");
        assertThat(s.get("doses_administered").asInt()).isEqualTo(2);
        assertThat(s.get("doses_withheld").asInt()).isEqualTo(1);
        assertThat(s.get("cumulative_dose_mg").asInt()).isEqualTo(56 + 84);
        // the M1 AAQ-II was retracted, but M1 still has MADRS and RFQ-8
        assertThat(StreamSupport.stream(s.get("visits").spliterator(), false).map(JsonNode::asText).toList())
                .containsExactly("T0", "W1", "M1");
        assertThat(s.get("visits_done").asInt()).isEqualTo(3);
        decimal(s.get("baseline_madrs"), "30");
        decimal(s.get("latest_madrs"), "10");
        assertThat(s.get("latest_madrs_visit").asText()).isEqualTo("M1");
        assertThat(s.get("latest_madrs_date").asText()).isEqualTo("2026-02-09");
        assertThat(s.get("latest_madrs_day").asInt()).isEqualTo(29); // 2026-01-12 is day 1, 2026-02-09 is 28 days later
        // (30 - 10) / 30 = 66.7 % ≥ 50 %: response; 10 ≤ 10: remission
        assertThat(s.get("response").asBoolean()).isTrue();
        assertThat(s.get("remission").asBoolean()).isTrue();
        assertThat(s.get("adverse_events").asInt()).isEqualTo(1);
        assertThat(s.get("discontinuation_date").asText()).isEqualTo("2026-02-20");
        assertThat(s.get("discontinuation_reason").asText()).isEqualTo("moved abroad");
        assertThat(s.get("consent_withdrawn").asBoolean()).isFalse();
        assertThat(s.get("events").asInt()).isEqualTo(16);
        assertThat(s.get("last_sequence").asInt()).isEqualTo(15);
        assertThat(s.get("last_occurred_at").asText()).isEqualTo("2026-02-20T09:00:00.000Z");

        JsonNode mil = get("/api/v1/subjects/MIL-001");
        assertThat(mil.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(mil.get("completion_date").asText()).isEqualTo("2026-07-08");
        // (28 - 20) / 28 = 28.6 %: no response; 20 > 10: no remission
        assertThat(mil.get("response").asBoolean()).isFalse();
        assertThat(mil.get("remission").asBoolean()).isFalse();

        JsonNode pav2 = get("/api/v1/subjects/PAV-002");
        assertThat(pav2.get("status").asText()).isEqualTo("ENROLLED");
        assertThat(pav2.has("baseline_madrs")).isFalse();
        assertThat(pav2.has("response")).isFalse();
        assertThat(get("/api/v1/subjects/PAV-003").get("status").asText()).isEqualTo("ON_TREATMENT");
    }

    @Test
    void subjectsAreFilteredByCenterAndStatus() throws Exception {
        assertThat(texts(get("/api/v1/subjects"), "subject_id")).containsExactly("MIL-001", "PAV-001", "PAV-002", "PAV-003");
        assertThat(texts(get("/api/v1/subjects?center=PAV"), "subject_id")).containsExactly("PAV-001", "PAV-002", "PAV-003");
        assertThat(texts(get("/api/v1/subjects?status=completed"), "subject_id")).containsExactly("MIL-001");
        assertThat(texts(get("/api/v1/subjects?status=on-treatment"), "subject_id")).containsExactly("PAV-003");
        assertThat(texts(get("/api/v1/subjects?center=PAV&status=ENROLLED"), "subject_id")).containsExactly("PAV-002");
        assertThat(texts(get("/api/v1/subjects?center=MIL&status=DISCONTINUED"), "subject_id")).isEmpty();

        JsonNode bad = problem("/api/v1/subjects?center=pav&status=gone", HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(bad)).containsExactly("center", "status");
        assertThat(bad.get("status").asInt()).isEqualTo(422);
        assertThat(fields(problem("/api/v1/subjects/PAV-099", HttpStatus.NOT_FOUND))).containsExactly("subject_id");
        assertThat(fields(problem("/api/v1/subjects/nobody", HttpStatus.UNPROCESSABLE_ENTITY))).containsExactly("subject_id");
    }

    // ---------------------------------------------------------------------------------------- datasets

    @Test
    void adqsHasBaselineChangeAndCriteriaWithCorrectionsAppliedAndRetractionsRemoved() throws Exception {
        JsonNode adqs = get("/api/v1/datasets/adqs?subject=PAV-001");
        // MADRSTOT T0 W1 M1, RFQC T0 M1, RFQU T0 M1, AAQTOT T0 (the M1 AAQ-II was retracted)
        assertThat(texts(adqs, "PARAMCD")).containsExactly("MADRSTOT", "MADRSTOT", "MADRSTOT", "RFQC", "RFQC", "RFQU",
                "RFQU", "AAQTOT");
        assertThat(texts(adqs, "AVISIT")).containsExactly("T0", "W1", "M1", "T0", "M1", "T0", "M1", "T0");

        JsonNode t0 = adqs.get(0);
        assertThat(t0.get("STUDYID").asText()).isEqualTo("ESK-TRD");
        assertThat(t0.get("SITEID").asText()).isEqualTo("PAV");
        assertThat(t0.get("PARAM").asText()).isEqualTo("MADRS Total Score");
        assertThat(t0.get("ADT").asText()).isEqualTo("2026-01-12");
        assertThat(t0.get("ADY").asInt()).isEqualTo(1);
        decimal(t0.get("AVAL"), "30");
        decimal(t0.get("BASE"), "30");
        assertThat(t0.get("ABLFL").asText()).isEqualTo("Y");
        assertThat(t0.get("CHG").isNull()).isTrue();
        assertThat(t0.get("PCHG").isNull()).isTrue();
        assertThat(t0.get("CRIT1FL").isNull()).isTrue();

        // W1: corrected from 16 to 15. CHG = 15 - 30 = -15; PCHG = -15 / 30 × 100 = -50.00: exactly 50 % → response.
        JsonNode w1 = adqs.get(1);
        assertThat(w1.get("ADY").asInt()).isEqualTo(8);
        decimal(w1.get("AVAL"), "15");
        decimal(w1.get("BASE"), "30");
        decimal(w1.get("CHG"), "-15");
        assertThat(w1.get("PCHG").asText()).isEqualTo("-50.00");
        assertThat(w1.get("ABLFL").isNull()).isTrue();
        assertThat(w1.get("CRIT1").asText()).isEqualTo("MADRS reduction >= 50% from baseline");
        assertThat(w1.get("CRIT1FL").asText()).isEqualTo("Y");
        assertThat(w1.get("CRIT2").asText()).isEqualTo("MADRS total <= 10");
        assertThat(w1.get("CRIT2FL").asText()).isEqualTo("N");
        assertThat(w1.get("QSREFID").asText()).isEqualTo(cohort.pav1W1.toString());

        // M1: 10. CHG = -20; PCHG = -66.666… → -66.67; response and remission (10 ≤ 10).
        JsonNode m1 = adqs.get(2);
        assertThat(m1.get("ADY").asInt()).isEqualTo(29);
        decimal(m1.get("CHG"), "-20");
        assertThat(m1.get("PCHG").asText()).isEqualTo("-66.67");
        assertThat(m1.get("CRIT1FL").asText()).isEqualTo("Y");
        assertThat(m1.get("CRIT2FL").asText()).isEqualTo("Y");
        assertThat(m1.get("AVISITN").asInt()).isEqualTo(29);

        // RFQ-8 T0 answers 1,3,2,6,3,7,1,6: RFQ_c = 7/6 = 1.1667, RFQ_u = 10/6 = 1.6667.
        // M1 answers 2,3,3,5,4,6,2,5: RFQ_c = (2+1+1+0+0+0)/6 = 0.6667; RFQ_u = (0+1+0+2+1 + 2)/6 = 1.
        JsonNode rfqcM1 = adqs.get(4);
        decimal(rfqcM1.get("AVAL"), "0.6667");
        decimal(rfqcM1.get("BASE"), "1.1667");
        decimal(rfqcM1.get("CHG"), "-0.5");
        assertThat(rfqcM1.get("PCHG").asText()).isEqualTo("-42.86");   // -0.5 / 1.1667 = -42.8559…
        assertThat(rfqcM1.get("CRIT1").isNull()).isTrue();
        JsonNode rfquM1 = adqs.get(6);
        decimal(rfquM1.get("AVAL"), "1");
        decimal(rfquM1.get("BASE"), "1.6667");
        decimal(rfquM1.get("CHG"), "-0.6667");
        assertThat(rfquM1.get("PCHG").asText()).isEqualTo("-40.00");   // -0.6667 / 1.6667 = -40.0012…
        decimal(adqs.get(7).get("AVAL"), "28");                          // AAQ-II T0: 7 × 4

        JsonNode mil = get("/api/v1/datasets/adqs?subject=MIL-001&paramcd=MADRSTOT");
        assertThat(texts(mil, "AVISIT")).containsExactly("T0", "W1");
        // T0 28, W1 20: CHG -8, PCHG -8 / 28 = -28.5714… → -28.57, neither response nor remission
        decimal(mil.get(1).get("CHG"), "-8");
        assertThat(mil.get(1).get("PCHG").asText()).isEqualTo("-28.57");
        assertThat(mil.get(1).get("CRIT1FL").asText()).isEqualTo("N");
        assertThat(mil.get(1).get("CRIT2FL").asText()).isEqualTo("N");

        assertThat(texts(get("/api/v1/datasets/adqs?paramcd=MADRSTOT"), "USUBJID"))
                .containsExactly("MIL-001", "MIL-001", "PAV-001", "PAV-001", "PAV-001");
        assertThat(texts(get("/api/v1/datasets/adqs?center=MIL"), "USUBJID")).containsOnly("MIL-001");
    }

    @Test
    void adslHasOneRowPerSubjectWithCovariatesDosingAndDisposition() throws Exception {
        JsonNode adsl = get("/api/v1/datasets/adsl");
        assertThat(texts(adsl, "USUBJID")).containsExactly("MIL-001", "PAV-001", "PAV-002", "PAV-003");
        JsonNode p = row(adsl, "USUBJID", "PAV-001");
        assertThat(p.get("SITEID").asText()).isEqualTo("PAV");
        assertThat(p.get("SEX").asText()).isEqualTo("F");
        assertThat(p.get("BRTHYR").asInt()).isEqualTo(1970);
        assertThat(p.get("AGE").asInt()).isEqualTo(56);              // 2026 - 1970
        assertThat(p.get("EPIDURM").asInt()).isEqualTo(14);
        assertThat(p.get("NFAILTRT").asInt()).isEqualTo(3);
        decimal(p.get("BMADRS"), "30");
        decimal(p.get("BRFQC"), "1.1667");
        decimal(p.get("BRFQU"), "1.6667");
        assertThat(p.get("TRTSDT").asText()).isEqualTo("2026-01-12");
        assertThat(p.get("TRTEDT").asText()).isEqualTo("2026-01-16");
        assertThat(p.get("NSESADM").asInt()).isEqualTo(2);
        assertThat(p.get("NSESWH").asInt()).isEqualTo(1);
        assertThat(p.get("CUMDOSE").asInt()).isEqualTo(140);
        assertThat(p.get("EOSSTT").asText()).isEqualTo("DISCONTINUED");
        assertThat(p.get("DCSDT").asText()).isEqualTo("2026-02-20");
        assertThat(p.get("DCSREAS").asText()).isEqualTo("moved abroad");
        assertThat(p.get("CONWDFL").asText()).isEqualTo("N");
        assertThat(p.get("COMPLDT").isNull()).isTrue();

        JsonNode m = row(adsl, "USUBJID", "MIL-001");
        assertThat(m.get("AGE").asInt()).isEqualTo(68);
        assertThat(m.get("EOSSTT").asText()).isEqualTo("COMPLETED");
        assertThat(m.get("COMPLDT").asText()).isEqualTo("2026-07-08");
        assertThat(m.get("CUMDOSE").asInt()).isEqualTo(28);
        assertThat(m.get("DCSDT").isNull()).isTrue();

        JsonNode enrolledOnly = row(adsl, "USUBJID", "PAV-002");
        assertThat(enrolledOnly.get("EOSSTT").asText()).isEqualTo("ONGOING");
        assertThat(enrolledOnly.get("TRTSDT").isNull()).isTrue();
        assertThat(enrolledOnly.get("NSESADM").asInt()).isZero();
        assertThat(enrolledOnly.get("BMADRS").isNull()).isTrue();
        // every row has every variable, in the documented order (29 since TRTSDTM)
        assertThat(enrolledOnly.size()).isEqualTo(29);
        assertThat(enrolledOnly.get("TRTSDTM").isNull()).isTrue();
        assertThat(p.get("TRTSDTM").asText()).isEqualTo("2026-01-12T09:00:00.000Z");
    }

    @Test
    void adexHasOneRowPerSessionWithCadssAndFlags() throws Exception {
        JsonNode adex = get("/api/v1/datasets/adex?subject=PAV-001");
        assertThat(texts(adex, "SESSNUM")).containsExactly("1", "2", "3");
        JsonNode s1 = adex.get(0);
        assertThat(s1.get("EXREFID").asText()).isEqualTo(cohort.pav1Dose1.toString());
        assertThat(s1.get("EXOCCUR").asText()).isEqualTo("Y");
        assertThat(s1.get("ADTM").asText()).isEqualTo("2026-01-12T09:00:00.000Z");
        assertThat(s1.get("ADT").asText()).isEqualTo("2026-01-12");
        assertThat(s1.get("ADY").asInt()).isEqualTo(1);
        assertThat(s1.get("EXDOSE").asInt()).isEqualTo(56);
        assertThat(s1.get("EXDOSU").asText()).isEqualTo("mg");
        assertThat(s1.get("NDEVICE").asInt()).isEqualTo(2);
        assertThat(s1.get("SYSBPPRE").asInt()).isEqualTo(128);
        assertThat(s1.get("DIABPPST").asInt()).isEqualTo(90);
        assertThat(s1.get("BPHIGHFL").asText()).isEqualTo("N");
        assertThat(s1.get("BPRISEFL").asText()).isEqualTo("N");     // +13/+8 is below 40/25
        decimal(s1.get("CADSSTOT"), "6");
        assertThat(s1.get("CADSS4FL").asText()).isEqualTo("Y");     // 6 > 4

        JsonNode s2 = adex.get(1);
        assertThat(s2.get("ADT").asText()).isEqualTo("2026-01-16");  // 23:30 UTC = 00:30 in Rome
        assertThat(s2.get("ADY").asInt()).isEqualTo(5);
        assertThat(s2.get("EXDOSE").asInt()).isEqualTo(84);
        assertThat(s2.get("NDEVICE").asInt()).isEqualTo(3);
        assertThat(s2.get("BPHIGHFL").asText()).isEqualTo("Y");      // 150/95 > 140/90
        assertThat(s2.get("BPRISEFL").asText()).isEqualTo("Y");      // +45 systolic
        assertThat(s2.get("MONSHTFL").asText()).isEqualTo("Y");      // 90 < 120 minutes
        assertThat(s2.get("EXFLAGS").asText()).isEqualTo("PRE_DOSE_BP_ABOVE_THRESHOLD,NOTABLE_BP_RISE,MONITORING_SHORT");
        assertThat(s2.get("OVRREAS").asText()).isEqualTo("investigator judged the benefit to outweigh the risk");
        assertThat(s2.get("CADSSTOT").isNull()).isTrue();

        JsonNode s3 = adex.get(2);
        assertThat(s3.get("EXREFID").asText()).isEqualTo(cohort.pav1Withheld.toString());
        assertThat(s3.get("EXOCCUR").asText()).isEqualTo("N");
        assertThat(s3.get("ADY").asInt()).isEqualTo(8);
        assertThat(s3.get("EXDOSE").isNull()).isTrue();
        assertThat(s3.get("WHREAS").asText()).isEqualTo("pre-dose BP 170/105");
        assertThat(s3.get("SYSBPPRE").asInt()).isEqualTo(170);
    }

    @Test
    void datasetsComeAsCsvOnRequest() throws Exception {
        ResponseEntity<String> csv = http.getForEntity("/api/v1/datasets/adex?subject=PAV-001&format=csv", String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("STUDYID,USUBJID,SITEID,SESSNUM,EXREFID,EXOCCUR,ADTM,ADT,ADY,EXDOSE,EXDOSU,NDEVICE,"
                + "SYSBPPRE,DIABPPRE,SYSBPPST,DIABPPST,MONMIN,BPHIGHFL,BPRISEFL,MONSHTFL,EXFLAGS,OVRREAS,WHREAS,CADSSTOT,CADSS4FL,"
                + "SBPCHG,DBPCHG,CADSSPK");
        assertThat(lines[1]).isEqualTo("ESK-TRD,PAV-001,PAV,1," + cohort.pav1Dose1
                + ",Y,2026-01-12T09:00:00.000Z,2026-01-12,1,56,mg,2,128,82,141,90,120,N,N,N,,,,6,Y,13,8,6");
        assertThat(lines[2]).isEqualTo("ESK-TRD,PAV-001,PAV,2," + cohort.pav1Dose2
                + ",Y,2026-01-15T23:30:00.000Z,2026-01-16,5,84,mg,3,150,95,195,100,90,Y,Y,Y,"
                + "\"PRE_DOSE_BP_ABOVE_THRESHOLD,NOTABLE_BP_RISE,MONITORING_SHORT\","
                + "investigator judged the benefit to outweigh the risk,,,,45,5,6");
        assertThat(lines[3]).isEqualTo("ESK-TRD,PAV-001,PAV,3," + cohort.pav1Withheld
                + ",N,2026-01-19T08:30:00.000Z,2026-01-19,8,,,,170,105,,,,,,,,,pre-dose BP 170/105,,,,,6");

        HttpHeaders accept = new HttpHeaders();
        accept.set(HttpHeaders.ACCEPT, "text/csv");
        ResponseEntity<String> adsl = http.exchange("/api/v1/datasets/adsl?center=MIL", HttpMethod.GET,
                new HttpEntity<>(accept), String.class);
        assertThat(adsl.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(adsl.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        String[] adslLines = adsl.getBody().split("\r\n");
        assertThat(adslLines).hasSize(2);
        assertThat(adslLines[0]).startsWith("STUDYID,USUBJID,SITEID,SEX,BRTHYR,AGE,AGEU,");
        assertThat(adslLines[1]).startsWith("ESK-TRD,MIL-001,MIL,M,1958,68,YEARS,2026-01-07,2026-01-07,ESK-TRD/1,30,2,28,,,");
        // JSON by default
        assertThat(http.getForEntity("/api/v1/datasets/adsl", String.class).getHeaders().getContentType()
                .isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    }

    @Test
    void badDatasetQueriesAreRefusedWithEveryProblem() throws Exception {
        JsonNode bad = problem("/api/v1/datasets/adsl?format=xml&paramcd=MADRSTOT&subject=x",
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(bad)).containsExactlyInAnyOrder("format", "paramcd", "subject");
        assertThat(fields(problem("/api/v1/datasets/adqs?paramcd=HAMD", HttpStatus.UNPROCESSABLE_ENTITY)))
                .containsExactly("paramcd");
        assertThat(fields(problem("/api/v1/datasets/adae", HttpStatus.NOT_FOUND))).containsExactly("dataset");
    }

    // ---------------------------------------------------------------------------------------- audit trail

    @Test
    void theAuditTrailHasOneRowPerEventAndIsFilteredBySubjectCenterActorTypeAndTime() throws Exception {
        JsonNode all = get("/api/v1/audit-trail");
        assertThat(all).hasSize(Cohort.EVENTS);
        assertThat(StreamSupport.stream(all.spliterator(), false).allMatch(r -> r.get("hash_verified").asBoolean())).isTrue();

        JsonNode pav1 = get("/api/v1/audit-trail?subject=PAV-001");
        assertThat(pav1).hasSize(16);
        List<EventEnvelope> sent = cohort.pav1.envelopes();
        for (int i = 0; i < 16; i++) {
            assertThat(pav1.get(i).get("event_id").asText()).isEqualTo(sent.get(i).eventId().toString());
            assertThat(pav1.get(i).get("hash").asText()).isEqualTo(sent.get(i).hash());
            assertThat(pav1.get(i).get("previous_hash").asText()).isEqualTo(sent.get(i).previousHash());
        }
        JsonNode dm = get("/api/v1/audit-trail?actor=dm-001");
        assertThat(texts(dm, "event_type")).containsExactly("AssessmentCorrected", "AssessmentRetracted");
        assertThat(texts(dm, "reason")).containsExactly("transcription error: item 1 was 1 on the paper form",
                "form belonged to another subject");
        assertThat(dm.get(0).get("actor_role").asText()).isEqualTo("data-manager");
        assertThat(dm.get(0).get("occurred_at").asText()).isEqualTo("2026-01-20T10:00:00.000Z");
        assertThat(dm.get(0).get("recorded_at").asText()).isEqualTo("2026-01-20T10:10:00.000Z");

        JsonNode withheld = get("/api/v1/audit-trail?type=DoseWithheld");
        assertThat(withheld).hasSize(1);
        assertThat(withheld.get(0).get("reason").asText()).isEqualTo("pre-dose BP 170/105");
        JsonNode doses = get("/api/v1/audit-trail?subject=PAV-001&type=DoseAdministered");
        assertThat(texts(doses, "reason")).containsExactly("null", "investigator judged the benefit to outweigh the risk");
        assertThat(texts(get("/api/v1/audit-trail?type=SubjectDiscontinued"), "reason")).containsExactly("moved abroad");

        assertThat(get("/api/v1/audit-trail?center=MIL")).hasSize(5);
        assertThat(texts(get("/api/v1/audit-trail?center=PAV&actor=inv-001"), "subject_id"))
                .containsExactly("PAV-001", "PAV-001", "PAV-001", "PAV-002", "PAV-003");

        // recorded on 2026-01-19 (recorded = occurred + 10 min): the withheld dose (08:40) and the W1 MADRS (09:10)
        JsonNode day = get("/api/v1/audit-trail?from=2026-01-19T00:00:00Z&to=2026-01-20T00:00:00Z");
        assertThat(texts(day, "event_type")).containsExactly("DoseWithheld", "AssessmentRecorded");
        // 'to' is exclusive: the withheld dose was recorded at 08:40:00.000
        assertThat(get("/api/v1/audit-trail?from=2026-01-19T00:00:00Z&to=2026-01-19T08:40:00Z")).isEmpty();
        // on occurred time instead: the withheld dose occurred at 08:30
        assertThat(texts(get("/api/v1/audit-trail?time=occurred&from=2026-01-19T08:30:00Z&to=2026-01-19T08:31:00Z"),
                "event_type")).containsExactly("DoseWithheld");
        // paging by position
        JsonNode firstTwo = get("/api/v1/audit-trail?limit=2");
        assertThat(firstTwo).hasSize(2);
        JsonNode next = get("/api/v1/audit-trail?limit=2&after=" + firstTwo.get(1).get("position").asLong());
        assertThat(next.get(0).get("position").asLong()).isGreaterThan(firstTwo.get(1).get("position").asLong());

        String csv = http.getForObject("/api/v1/audit-trail?actor=dm-001&format=csv", String.class);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("position,event_id,event_type,subject_id,sequence,center_id,actor_id,actor_role,"
                + "occurred_at,recorded_at,accepted_at,reason,source,previous_hash,hash,hash_verified,"
                + "quarantine_id,topic,kafka_partition,kafka_offset,reason_code");
    }

    @Test
    void badAuditTrailQueriesNameEveryProblem() throws Exception {
        JsonNode bad = problem("/api/v1/audit-trail?from=yesterday&to=2026-01-01&type=Nonsense&center=x&limit=0",
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(bad)).containsExactly("center", "type", "from", "to", "limit");
        JsonNode backwards = problem("/api/v1/audit-trail?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(backwards)).containsExactly("to");
        assertThat(backwards.get("type").asText()).isEqualTo("https://studyledger.org/problems/invalid-input");
        assertThat(backwards.get("errors").get(0).get("message").asText()).contains("must be after from");
    }

    @Test
    void everyProjectionTableIsKeyedByLedgerDataOnly() {
        // the projections' positions are the ledger's global indexes
        List<Long> ledger = jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index", Long.class);
        assertThat(jdbc.queryForList("SELECT position FROM audit_trail ORDER BY position", Long.class)).isEqualTo(ledger);
        assertThat(jdbc.queryForList("SELECT position FROM timeline_event ORDER BY position", Long.class)).isEqualTo(ledger);
    }
}
