package org.studyledger.hub.auditcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.signing.KeyRegistry;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.SignatureCheck;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Sex;

/**
 * The verifier and the export on a ledger fed through the intake: a clean ledger verifies, signatures and all, and
 * exports every envelope signed exactly as its center sent it; then a malicious DBA (superuser, triggers switched
 * off, but without any center's private key) alters, deletes and reorders stored events, one subject per kind of
 * tampering, and the verifier reports exactly the subject, sequence and reason of each — nothing more.
 *
 * <p>Every subject has the same six events: #0 enrolment, #1 MADRS at T0 (all items 3: total 30), #2 RFQ-8 at T0,
 * #3 a 56 mg dose, #4 MADRS at W1, #5 a correction of the W1 form.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerVerificationTest {
    static final InstrumentRef MADRS = new InstrumentRef("MADRS", "1");
    static final ScoringEngine SCORING = ScoringEngine.standard();
    static final List<String> CLEAN = List.of("CLN-001", "CLN-002");
    static final List<String> TAMPERED = List.of("TAM-001", "TAM-002", "TAM-003", "TAM-004", "TAM-005", "TAM-006",
            "TAM-007", "TAM-008", "TAM-009", "TAM-010", "TAM-011");

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    KeyRegistry keys;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final Map<String, SubjectScript> subjects = new LinkedHashMap<>();
    private LedgerTamper dba;

    static SubjectScript history(String id) {
        SubjectScript s = new SubjectScript(id);
        s.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1970, Sex.F, 14, 3);
        s.assess("MADRS", "T0", "2026-01-12T07:30:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        s.assess("RFQ8", "T0", "2026-01-12T07:45:00.000Z", 1, 1, 3, 2, 6, 3, 7, 1, 6);
        s.dose(1, "2026-01-12T09:00:00.000Z", 56, new BloodPressure(128, 82), new BloodPressure(141, 90), 120, null);
        AssessmentId w1 = s.assess("MADRS", "W1", "2026-01-19T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        s.correct(w1, "2026-01-20T10:00:00.000Z", "transcription error: item 1 was 1 on the paper form",
                1, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        return s;
    }

    @BeforeAll
    void feedTheLedger() {
        dba = new LedgerTamper(jdbc, transactions);
        for (String id : concat(CLEAN, TAMPERED)) {
            SubjectScript s = history(id);
            s.feed(intake, hub);
            subjects.put(id, s);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private EventEnvelope event(String subject, int sequence) {
        return subjects.get(subject).envelopes().get(sequence);
    }

    private JsonNode verify(String query) throws Exception {
        ResponseEntity<String> response = http.getForEntity("/api/v1/audit/verify" + query, String.class);
        assertThat(response.getStatusCode()).as("verify%s: %s", query, response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    /** The report's failures as "SUBJECT #sequence CODE". */
    private static List<String> failures(JsonNode report) {
        return StreamSupport.stream(report.get("failures").spliterator(), false)
                .map(f -> f.get("subject_id").asText() + " #" + f.get("sequence").asLong() + " " + f.get("reason_code").asText())
                .toList();
    }

    private JsonNode failure(JsonNode report, long sequence, String code) {
        return StreamSupport.stream(report.get("failures").spliterator(), false)
                .filter(f -> f.get("sequence").asLong() == sequence && f.get("reason_code").asText().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no " + code + " at #" + sequence + " in " + report));
    }

    /** Verifies one subject and asserts exactly these failures. */
    private JsonNode assertSubjectFails(String subject, int events, String... expected) throws Exception {
        JsonNode report = verify("?subject=" + subject);
        assertThat(report.get("valid").asBoolean()).as("%s", report).isFalse();
        assertThat(report.get("subjects_checked").asLong()).isEqualTo(1);
        assertThat(report.get("events_checked").asLong()).isEqualTo(events);
        assertThat(failures(report)).as("%s", report).containsExactlyInAnyOrder(expected);
        return report;
    }

    private List<String> exportLines(String query) {
        ResponseEntity<byte[]> response = http.getForEntity("/api/v1/ledger/export" + query, byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(LedgerAuditController.NDJSON)).isTrue();
        String body = new String(response.getBody(), StandardCharsets.UTF_8);
        assertThat(body).endsWith("\n");
        return Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1));
    }

    private static ObjectNode madrsScores(int... items) {
        SortedMap<String, Integer> form = SubjectScript.items("MADRS", items);
        ScoreSet scores = SCORING.scoreOrThrow(MADRS, form).scores();
        return KernelJson.mapper().valueToTree(scores);
    }

    // ------------------------------------------------------------------------------------- clean ledger

    @Test
    @Order(1)
    void aCleanLedgerVerifies() throws Exception {
        JsonNode all = verify("");
        assertThat(all.get("valid").asBoolean()).as("%s", all).isTrue();
        assertThat(all.get("failures")).isEmpty();
        assertThat(all.get("subjects_checked").asLong()).isEqualTo(13);
        assertThat(all.get("events_checked").asLong()).isEqualTo(78);
        assertThat(all.get("scope").get("level").asText()).isEqualTo("ledger");

        JsonNode center = verify("?center=CLN");
        assertThat(center.get("valid").asBoolean()).isTrue();
        assertThat(center.get("subjects_checked").asLong()).isEqualTo(2);
        assertThat(center.get("events_checked").asLong()).isEqualTo(12);
        assertThat(center.get("scope").get("level").asText()).isEqualTo("center");
        assertThat(center.get("scope").get("center_id").asText()).isEqualTo("CLN");

        JsonNode subject = verify("?subject=CLN-002&center=CLN");
        assertThat(subject.get("valid").asBoolean()).isTrue();
        assertThat(subject.get("subjects_checked").asLong()).isEqualTo(1);
        assertThat(subject.get("events_checked").asLong()).isEqualTo(6);
        assertThat(subject.get("scope").get("subject_id").asText()).isEqualTo("CLN-002");
    }

    @Test
    @Order(2)
    void theExportIsEveryEnvelopeInItsWireFormSignedBySubjectAndSequence() throws Exception {
        List<String> lines = exportLines("");
        List<EventEnvelope> expected = subjects.values().stream()
                .sorted(Comparator.comparing(SubjectScript::id))
                .flatMap(s -> s.envelopes().stream()).toList();
        KeyRing registered = KeyFiles.readRing(keys.directory());
        assertThat(lines).hasSize(78);
        for (int i = 0; i < lines.size(); i++) {
            EventEnvelope decoded = EnvelopeCodec.decode(lines.get(i));
            assertThat(decoded.hashIsValid()).as("line %d", i + 1).isTrue();
            assertThat(decoded.isSigned()).as("line %d", i + 1).isTrue();
            assertThat(EnvelopeSignatures.check(decoded, registered).isValid()).as("signature of line %d", i + 1).isTrue();
            assertThat(decoded.subjectId()).isEqualTo(expected.get(i).subjectId());
            assertThat(decoded.sequence()).isEqualTo(expected.get(i).sequence());
            // byte for byte what the center sent
            assertThat(lines.get(i)).isEqualTo(new String(EnvelopeCodec.encode(expected.get(i)), StandardCharsets.UTF_8));
        }
        assertThat(exportLines("?center=CLN")).hasSize(12);
        List<String> one = exportLines("?subject=CLN-001");
        assertThat(one).hasSize(6);
        for (int i = 1; i < one.size(); i++) {
            assertThat(EnvelopeCodec.decode(one.get(i)).previousHash()).isEqualTo(EnvelopeCodec.decode(one.get(i - 1)).hash());
        }
    }

    @Test
    @Order(3)
    void malformedParametersAre422AndAnUnknownSubject404() throws Exception {
        for (String endpoint : List.of("/api/v1/audit/verify", "/api/v1/ledger/export")) {
            ResponseEntity<String> bad = http.getForEntity(endpoint + "?center=pav&subject=PAV1", String.class);
            assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = json.readTree(bad.getBody());
            assertThat(problem.get("type").asText()).isEqualTo("https://studyledger.org/problems/invalid-input");
            assertThat(StreamSupport.stream(problem.get("errors").spliterator(), false).map(e -> e.get("field").asText()))
                    .containsExactly("center", "subject");

            ResponseEntity<String> otherCenter = http.getForEntity(endpoint + "?center=CLN&subject=TAM-001", String.class);
            assertThat(otherCenter.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(json.readTree(otherCenter.getBody()).get("errors").get(0).get("field").asText()).isEqualTo("subject");

            ResponseEntity<String> unknown = http.getForEntity(endpoint + "?subject=CLN-099", String.class);
            assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(json.readTree(unknown.getBody()).get("errors").get(0).get("field").asText()).isEqualTo("subject");
        }
        // a center without subjects is simply empty
        JsonNode none = verify("?center=ZZZ");
        assertThat(none.get("valid").asBoolean()).isTrue();
        assertThat(none.get("subjects_checked").asLong()).isZero();
    }

    // ------------------------------------------------------------------------------------------ tampering

    @Test
    @Order(10)
    void aValueChangedInAStoredPayloadIsReportedAtThatEventOnly() throws Exception {
        EventEnvelope dose = event("TAM-001", 3);
        dba.rewritePayload(dose, p -> p.put("monitoring_minutes", 150), false, false);

        JsonNode report = assertSubjectFails("TAM-001", 6, "TAM-001 #3 HASH_MISMATCH", "TAM-001 #3 BAD_SIGNATURE");
        JsonNode f = failure(report, 3, "HASH_MISMATCH");
        assertThat(f.get("event_id").asText()).isEqualTo(dose.eventId().toString());
        assertThat(f.get("reason").asText()).contains(dose.hash());
        assertThat(failure(report, 3, "BAD_SIGNATURE").get("reason").asText()).contains(dose.keyId());

        // The export carries the altered event with the hash and signature it states, so an offline verifier finds
        // it too.
        List<String> lines = exportLines("?subject=TAM-001");
        KeyRing registered = KeyFiles.readRing(keys.directory());
        assertThat(lines).hasSize(6);
        for (int i = 0; i < 6; i++) {
            EventEnvelope e = EnvelopeCodec.decode(lines.get(i));
            assertThat(e.hashIsValid()).as("line %d", i + 1).isEqualTo(i != 3);
            assertThat(e.hash()).isEqualTo(event("TAM-001", i).hash());
            assertThat(e.signature()).isEqualTo(event("TAM-001", i).signature());
            assertThat(EnvelopeSignatures.check(e, registered).isValid()).as("signature of line %d", i + 1).isEqualTo(i != 3);
        }
        assertThat(EnvelopeCodec.decode(lines.get(3)).payload().get("monitoring_minutes").asInt()).isEqualTo(150);
    }

    @Test
    @Order(11)
    void aDeletedEventIsAGapAndTheNextEventsChainIsBroken() throws Exception {
        dba.update(1, "DELETE FROM domain_event_entry WHERE aggregate_identifier = 'TAM-002' AND sequence_number = 2");

        JsonNode report = assertSubjectFails("TAM-002", 5, "TAM-002 #2 SEQUENCE_GAP", "TAM-002 #3 CHAIN_BROKEN");
        assertThat(failure(report, 2, "SEQUENCE_GAP").get("event_id").isNull()).isTrue();
        assertThat(failure(report, 3, "CHAIN_BROKEN").get("event_id").asText())
                .isEqualTo(event("TAM-002", 3).eventId().toString());
    }

    @Test
    @Order(12)
    void reorderedEventsAreReportedWhereTheyAreStored() throws Exception {
        dba.asDba(j -> {
            String where = " WHERE aggregate_identifier = 'TAM-003' AND sequence_number = ?";
            assertThat(j.update("UPDATE domain_event_entry SET sequence_number = -1" + where, 1)).isEqualTo(1);
            assertThat(j.update("UPDATE domain_event_entry SET sequence_number = 1" + where, 2)).isEqualTo(1);
            assertThat(j.update("UPDATE domain_event_entry SET sequence_number = 2" + where, -1)).isEqualTo(1);
        });

        assertSubjectFails("TAM-003", 6,
                "TAM-003 #1 SEQUENCE_MISMATCH", "TAM-003 #1 CHAIN_BROKEN",
                "TAM-003 #2 SEQUENCE_MISMATCH", "TAM-003 #2 CHAIN_BROKEN",
                "TAM-003 #3 CHAIN_BROKEN");
    }

    @Test
    @Order(13)
    void anItemChangedAndResealedConsistentlyFailsItsSignatureAndBreaksTheChainAtTheNextEvent() throws Exception {
        // W1: MADRS_07 1 → 2 with the scores recomputed, the hash resealed and the hub's hash record changed too;
        // its center's signature of the genuine event, and the next event, which names the genuine hash, give it away.
        EventEnvelope w1 = event("TAM-004", 4);
        ObjectNode scores = madrsScores(2, 2, 2, 2, 2, 2, 2, 1, 1, 1);
        dba.rewritePayload(w1, p -> {
            ((ObjectNode) p.get("items")).put("MADRS_07", 2);
            p.set("scores", scores.deepCopy());
        }, true, true);

        JsonNode report = assertSubjectFails("TAM-004", 6, "TAM-004 #4 BAD_SIGNATURE", "TAM-004 #5 CHAIN_BROKEN");
        assertThat(failure(report, 5, "CHAIN_BROKEN").get("reason").asText()).contains(w1.hash());
    }

    @Test
    @Order(14)
    void scoresAlteredAndResealedAreReportedAndBreakTheChain() throws Exception {
        EventEnvelope t0 = event("TAM-005", 1);
        dba.rewritePayload(t0, p -> ((ObjectNode) p.get("scores").get("scores")).put("MADRS_TOTAL", 31), true, true);

        JsonNode report = assertSubjectFails("TAM-005", 6, "TAM-005 #1 SCORES_MISMATCH", "TAM-005 #1 BAD_SIGNATURE",
                "TAM-005 #2 CHAIN_BROKEN");
        assertThat(failure(report, 1, "SCORES_MISMATCH").get("reason").asText()).contains("MADRS_TOTAL=31", "MADRS_TOTAL=30");
    }

    @Test
    @Order(15)
    void theLastEventResealedDisagreesWithTheHubsRecords() throws Exception {
        // No later event names the last one's hash; the hub's own records of it do.
        EventEnvelope correction = event("TAM-006", 5);
        ObjectNode scores = madrsScores(0, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        dba.rewritePayload(correction, p -> {
            ((ObjectNode) p.get("items")).put("MADRS_01", 0);
            p.set("scores", scores.deepCopy());
        }, true, false);

        assertSubjectFails("TAM-006", 6, "TAM-006 #5 BAD_SIGNATURE", "TAM-006 #5 HASH_RECORD_MISMATCH",
                "TAM-006 #5 HEAD_MISMATCH");
    }

    @Test
    @Order(16)
    void aDeletedLastEventDisagreesWithTheHead() throws Exception {
        dba.update(1, "DELETE FROM domain_event_entry WHERE aggregate_identifier = 'TAM-007' AND sequence_number = 5");

        JsonNode report = assertSubjectFails("TAM-007", 5, "TAM-007 #5 HEAD_MISMATCH");
        assertThat(failure(report, 5, "HEAD_MISMATCH").get("reason").asText()).contains("last stored event is #4");
    }

    @Test
    @Order(17)
    void anUnreadableEventIsReportedAndLeftOutOfTheExport() throws Exception {
        dba.update(1, "UPDATE domain_event_entry SET payload = convert_to('{\"not\": \"an RFQ-8 form', 'UTF8')"
                + " WHERE aggregate_identifier = 'TAM-008' AND sequence_number = 2");

        assertSubjectFails("TAM-008", 6, "TAM-008 #2 UNREADABLE");
        List<String> lines = exportLines("?subject=TAM-008");
        assertThat(lines.stream().map(l -> EnvelopeCodec.decode(l).sequence())).containsExactly(0L, 1L, 3L, 4L, 5L);
    }

    @Test
    @Order(18)
    void theLastEventResealedWithTheHubsRecordsInLineIsCaughtByItsSignature() throws Exception {
        // Nothing names the last event's hash but the hub's records, and the DBA changed those too: no hash comparison
        // can tell. Only the center could sign the new hash, so the signature of the genuine event no longer verifies.
        EventEnvelope correction = event("TAM-009", 5);
        ObjectNode scores = madrsScores(0, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        String resealed = dba.resealLastEvent(correction, p -> {
            ((ObjectNode) p.get("items")).put("MADRS_01", 0);
            p.set("scores", scores.deepCopy());
        }, LedgerTamper.Signature.KEEP);

        JsonNode report = assertSubjectFails("TAM-009", 6, "TAM-009 #5 BAD_SIGNATURE");
        JsonNode f = failure(report, 5, "BAD_SIGNATURE");
        assertThat(f.get("event_id").asText()).isEqualTo(correction.eventId().toString());
        assertThat(f.get("reason").asText()).contains("does not verify with key " + correction.keyId());

        // Exported as stored, with the re-sealed hash and the genuine signature: offline, with the keys, it fails too.
        EventEnvelope exported = EnvelopeCodec.decode(exportLines("?subject=TAM-009").get(5));
        assertThat(exported.hash()).isEqualTo(resealed);
        assertThat(exported.hashIsValid()).isTrue();
        assertThat(EnvelopeSignatures.check(exported, KeyFiles.readRing(keys.directory())).outcome())
                .isEqualTo(SignatureCheck.Outcome.BAD_SIGNATURE);
    }

    @Test
    @Order(19)
    void aResealedEventWhoseSignatureWasRemovedIsUnsigned() throws Exception {
        ObjectNode scores = madrsScores(0, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        dba.resealLastEvent(event("TAM-010", 5), p -> {
            ((ObjectNode) p.get("items")).put("MADRS_01", 0);
            p.set("scores", scores.deepCopy());
        }, LedgerTamper.Signature.REMOVE);

        JsonNode report = assertSubjectFails("TAM-010", 6, "TAM-010 #5 UNSIGNED");
        assertThat(failure(report, 5, "UNSIGNED").get("reason").asText()).contains("is not signed");
    }

    @Test
    @Order(20)
    void aResealedEventSignedWithAKeyNobodyRegisteredNamesAnUnknownKey() throws Exception {
        EventEnvelope correction = event("TAM-011", 5);
        ObjectNode scores = madrsScores(0, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        dba.resealLastEvent(correction, p -> {
            ((ObjectNode) p.get("items")).put("MADRS_01", 0);
            p.set("scores", scores.deepCopy());
        }, LedgerTamper.Signature.OWN_KEY);

        JsonNode report = assertSubjectFails("TAM-011", 6, "TAM-011 #5 UNKNOWN_SIGNING_KEY");
        assertThat(failure(report, 5, "UNKNOWN_SIGNING_KEY").get("reason").asText()).contains("not registered");
    }

    @Test
    @Order(100)
    void theWholeLedgerReportsExactlyTheTamperedEventsAndTheCleanCenterStillVerifies() throws Exception {
        JsonNode all = verify("");
        assertThat(all.get("valid").asBoolean()).isFalse();
        assertThat(all.get("subjects_checked").asLong()).isEqualTo(13);
        assertThat(all.get("events_checked").asLong()).isEqualTo(76);
        assertThat(failures(all)).containsExactly(
                "TAM-001 #3 HASH_MISMATCH", "TAM-001 #3 BAD_SIGNATURE",
                "TAM-002 #2 SEQUENCE_GAP", "TAM-002 #3 CHAIN_BROKEN",
                "TAM-003 #1 SEQUENCE_MISMATCH", "TAM-003 #1 CHAIN_BROKEN",
                "TAM-003 #2 SEQUENCE_MISMATCH", "TAM-003 #2 CHAIN_BROKEN",
                "TAM-003 #3 CHAIN_BROKEN",
                "TAM-004 #4 BAD_SIGNATURE", "TAM-004 #5 CHAIN_BROKEN",
                "TAM-005 #1 BAD_SIGNATURE", "TAM-005 #1 SCORES_MISMATCH", "TAM-005 #2 CHAIN_BROKEN",
                "TAM-006 #5 BAD_SIGNATURE", "TAM-006 #5 HASH_RECORD_MISMATCH", "TAM-006 #5 HEAD_MISMATCH",
                "TAM-007 #5 HEAD_MISMATCH",
                "TAM-008 #2 UNREADABLE",
                "TAM-009 #5 BAD_SIGNATURE",
                "TAM-010 #5 UNSIGNED",
                "TAM-011 #5 UNKNOWN_SIGNING_KEY");
        assertThat(verify("?center=CLN").get("valid").asBoolean()).isTrue();
    }
}
