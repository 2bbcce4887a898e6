package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * POST /api/v1/quarantine/{id}/dismiss: a data manager sets aside a message that will never verify, with a reason.
 * Nothing is deleted; the row is DISMISSED with who, when and why, the open count drops, re-processing leaves it alone,
 * it no longer holds up its subject's later events (which then wait for the missing event as a gap), and the
 * dismissal is an append-only record that the audit trail shows in its place and that a projection rebuild keeps.
 */
@HubTest
class QuarantineDismissalTest extends LedgerInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DM = "dm-007";
    private static final String REASON = "forged: PAV's event store has no such event (checked with the center)";

    @BeforeAll
    static void topics(@Autowired HubProperties props) throws Exception {
        LedgerFixtures.createTopics(props, "DSM", "REF", "HLD", "AUD", "ASO", "IMM", "ZER");
    }

    @Test
    void aDataManagerDismissesAForgedMessageWhichKeepsItsBytesAndNoLongerCountsAsOpen() {
        Chain s = new Chain("DSM-001");
        producer.send(s.enrol());
        byte[] forged = altered(s.peek(LedgerFixtures.madrsForm("W1", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        RecordMetadata at = producer.send("DSM", "DSM-001", forged);
        hub.awaitCaughtUp("DSM");
        JsonNode open = hub.quarantined(at);
        assertThat(open.path("reason_code").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(hub.center("DSM").path("quarantined").asLong()).isEqualTo(1);
        long id = open.path("id").asLong();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        ResponseEntity<JsonNode> response = dismiss(String.valueOf(id), DM, "data-manager", reasonBody(REASON));

        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode row = response.getBody();
        assertThat(row.path("id").asLong()).isEqualTo(id);
        assertThat(row.path("status").asText()).isEqualTo("DISMISSED");
        assertThat(row.path("reason_code").asText()).as("the reason it was quarantined for stays").isEqualTo("BAD_SIGNATURE");
        JsonNode dismissal = row.path("dismissal");
        assertThat(dismissal.path("actor_id").asText()).isEqualTo(DM);
        assertThat(dismissal.path("actor_role").asText()).isEqualTo("data-manager");
        assertThat(dismissal.path("reason").asText()).isEqualTo(REASON);
        assertThat(dismissal.path("dismissed_at").asText()).isNotBlank().isEqualTo(row.path("resolved_at").asText());
        assertThat(dismissal.path("ledger_position").asLong()).isEqualTo(head);

        // Nothing is deleted: the raw bytes and the place on the topic are still there.
        assertThat(hub.raw(at)).isEqualTo(forged);
        assertThat(hub.quarantined(at).path("status").asText()).isEqualTo("DISMISSED");
        assertThat(hub.quarantined(at).path("dismissal").path("reason").asText()).isEqualTo(REASON);
        assertThat(hub.center("DSM").path("quarantined").asLong()).isZero();
        assertThat(hub.openQuarantine()).extracting(q -> q.path("id").asLong()).doesNotContain(id);
        JsonNode dismissed = http.getForObject("/api/v1/quarantine?status=DISMISSED&center=DSM", JsonNode.class);
        assertThat(dismissed).hasSize(1);
        assertThat(dismissed.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(dismissed.get(0).path("dismissal").path("actor_id").asText()).isEqualTo(DM);
        JsonNode applied = http.getForObject("/api/v1/quarantine?status=APPLIED&center=DSM", JsonNode.class);
        assertThat(applied).isEmpty();

        // Re-processing never touches it: no new attempt, no new reason, still dismissed.
        http.postForObject("/api/v1/quarantine/reprocess", null, JsonNode.class);
        JsonNode after = hub.quarantined(at);
        assertThat(after.path("status").asText()).isEqualTo("DISMISSED");
        assertThat(after.path("attempts").asInt()).isEqualTo(1);
        assertThat(after.path("resolved_at").asText()).isEqualTo(row.path("resolved_at").asText());

        // The record stands on its own: a copy of where the message was and what could be read of it.
        Map<String, Object> record = jdbc.queryForMap("SELECT * FROM quarantine_dismissal WHERE quarantine_id = ?", id);
        assertThat(record).containsEntry("topic", at.topic()).containsEntry("kafka_partition", at.partition())
                .containsEntry("kafka_offset", at.offset()).containsEntry("subject_id", "DSM-001")
                .containsEntry("sequence", 1L).containsEntry("reason_code", "BAD_SIGNATURE")
                .containsEntry("actor_id", DM).containsEntry("actor_role", "data-manager").containsEntry("reason", REASON);

        // Only an open row can be dismissed.
        JsonNode again = problem(dismiss(String.valueOf(id), "dm-008", "hub-admin", reasonBody("again")), HttpStatus.CONFLICT);
        assertThat(again.path("type").asText()).isEqualTo("https://studyledger.org/problems/conflict");
        assertThat(fields(again)).containsExactly("status");
        assertThat(again.path("detail").asText()).contains("is DISMISSED");
        assertThat(hub.quarantined(at).path("dismissal").path("actor_id").asText()).isEqualTo(DM);
    }

    @Test
    void badDismissalsAreRefusedNamingEveryProblemAndChangeNothing() {
        Chain s = new Chain("REF-001");
        producer.send(s.enrol());
        RecordMetadata at = producer.send("REF", "REF-001", "not an envelope".getBytes(StandardCharsets.UTF_8));
        hub.awaitCaughtUp("REF");
        String id = String.valueOf(hub.quarantined(at).path("id").asLong());

        // Without a token: 401, whatever else is wrong.
        JsonNode anonymous = problem(dismiss(id, null, null, reasonBody("   ")), HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.path("type").asText()).isEqualTo("https://studyledger.org/problems/unauthorized");
        assertThat(fields(anonymous)).containsExactly("Authorization");
        // Without a reason.
        JsonNode blank = problem(dismiss(id, DM, "data-manager", reasonBody("   ")), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(blank.path("type").asText()).isEqualTo("https://studyledger.org/problems/invalid-input");
        assertThat(fields(blank)).containsExactly("reason");
        assertThat(message(blank, "reason")).contains("blank");
        // No body at all; a malformed id.
        assertThat(fields(problem(dismiss("x1", DM, "data-manager", null), HttpStatus.UNPROCESSABLE_ENTITY)))
                .containsExactly("id", "reason");
        // A reason that is not text, a member the endpoint does not know, a reason too long.
        assertThat(fields(problem(dismiss(id, DM, "data-manager", "{\"reason\": 42, \"reasons\": \"typo\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY))).containsExactly("reasons", "reason");
        assertThat(message(problem(dismiss(id, DM, "data-manager", reasonBody("x".repeat(2001))),
                HttpStatus.UNPROCESSABLE_ENTITY), "reason")).contains("at most 2000");
        // A role the hub does not know is no role that may dismiss.
        assertThat(fields(problem(dismiss(id, DM, "Data Manager", reasonBody(REASON)), HttpStatus.FORBIDDEN)))
                .containsExactly("roles");

        // A role that may not dismiss: 403, whatever else is wrong.
        JsonNode rater = problem(dismiss(id, "rater-017", "rater", reasonBody("")), HttpStatus.FORBIDDEN);
        assertThat(rater.path("type").asText()).isEqualTo("https://studyledger.org/problems/forbidden");
        assertThat(fields(rater)).containsExactly("roles");
        assertThat(message(rater, "roles")).contains("rater").contains("data-manager, hub-admin");

        // An unknown row.
        JsonNode unknown = problem(dismiss("999999999", DM, "data-manager", reasonBody(REASON)), HttpStatus.NOT_FOUND);
        assertThat(unknown.path("type").asText()).isEqualTo("https://studyledger.org/problems/not-found");
        assertThat(fields(unknown)).containsExactly("id");

        JsonNode row = hub.quarantined(at);
        assertThat(row.path("status").asText()).isEqualTo("QUARANTINED");
        assertThat(row.has("dismissal")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM quarantine_dismissal WHERE quarantine_id = ?", Long.class,
                row.path("id").asLong())).isZero();
        assertThat(hub.center("REF").path("quarantined").asLong()).isEqualTo(1);
    }

    @Test
    void aDismissedRowNoLongerHoldsLaterEventsWhichWaitForTheMissingEventAsAGap() {
        Chain s = new Chain("HLD-001");
        producer.send(s.enrol());
        EventEnvelope genuine = s.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        EventEnvelope next = s.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        RecordMetadata forgedAt = producer.send("HLD", "HLD-001", altered(genuine));
        RecordMetadata nextAt = producer.send(next);
        hub.awaitCaughtUp("HLD");
        assertThat(hub.quarantined(forgedAt).path("reason_code").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(hub.quarantined(nextAt).path("reason_code").asText()).isEqualTo("HELD");

        assertThat(dismiss(String.valueOf(hub.quarantined(forgedAt).path("id").asLong()), DM, "data-manager",
                reasonBody(REASON)).getStatusCode()).isEqualTo(HttpStatus.OK);
        http.postForObject("/api/v1/quarantine/reprocess", null, JsonNode.class);

        // No longer held, but the ledger still refuses the gap: #1 is missing.
        JsonNode waiting = hub.quarantined(nextAt);
        assertThat(waiting.path("status").asText()).isEqualTo("QUARANTINED");
        assertThat(waiting.path("reason_code").asText()).isEqualTo("SEQUENCE_GAP");
        assertThat(hub.ledgerSequences("HLD-001")).containsExactly(0L);

        // The genuine #1 arrives and is accepted; re-processing then applies #2.
        producer.send(genuine);
        hub.awaitCaughtUp("HLD");
        assertThat(hub.ledgerSequences("HLD-001")).containsExactly(0L, 1L);
        JsonNode result = http.postForObject("/api/v1/quarantine/reprocess", null, JsonNode.class);
        assertThat(result.path("applied").asInt()).isEqualTo(1);
        assertThat(hub.ledgerSequences("HLD-001")).containsExactly(0L, 1L, 2L);
        assertThat(hub.quarantined(nextAt).path("status").asText()).isEqualTo("APPLIED");
        assertThat(hub.quarantined(forgedAt).path("status").asText()).isEqualTo("DISMISSED");
        assertThat(hub.center("HLD").path("quarantined").asLong()).isZero();

        // A resolved row is not open: it cannot be dismissed.
        JsonNode conflict = problem(dismiss(String.valueOf(hub.quarantined(nextAt).path("id").asLong()), DM, "data-manager",
                reasonBody(REASON)), HttpStatus.CONFLICT);
        assertThat(conflict.path("detail").asText()).contains("is APPLIED");
    }

    @Test
    void theDismissalIsAnEntryOfTheAuditTrailAndItsCsvAndARebuildKeepsIt() throws Exception {
        Chain s = new Chain("AUD-001");
        EventEnvelope enrolment = s.enrol();
        producer.send(enrolment);
        RecordMetadata forgedAt = producer.send("AUD", "AUD-001",
                altered(s.peek(LedgerFixtures.madrsForm("T0", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3))));
        RecordMetadata garbageAt = producer.send("AUD", "AUD-001", "{\"not\": \"an envelope\"".getBytes(StandardCharsets.UTF_8));
        hub.awaitCaughtUp("AUD");
        List<JsonNode> dismissals = new ArrayList<>();
        for (RecordMetadata at : List.of(forgedAt, garbageAt)) {
            ResponseEntity<JsonNode> r = dismiss(String.valueOf(hub.quarantined(at).path("id").asLong()), "dm-aud",
                    "hub-admin", reasonBody("set aside: message at offset " + at.offset() + ", \"never\" to verify"));
            assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.OK);
            dismissals.add(r.getBody());
        }
        awaitProjectionsCaughtUp();

        JsonNode trail = get("/api/v1/audit-trail?type=QuarantineDismissed&center=AUD");
        assertThat(trail).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode entry = trail.get(i);
            JsonNode row = dismissals.get(i);
            RecordMetadata at = i == 0 ? forgedAt : garbageAt;
            assertThat(entry.path("event_type").asText()).isEqualTo("QuarantineDismissed");
            assertThat(entry.path("quarantine_id").asLong()).isEqualTo(row.path("id").asLong());
            assertThat(entry.path("topic").asText()).isEqualTo(at.topic());
            assertThat(entry.path("kafka_partition").asInt()).isEqualTo(at.partition());
            assertThat(entry.path("kafka_offset").asLong()).isEqualTo(at.offset());
            assertThat(entry.path("center_id").asText()).isEqualTo("AUD");
            assertThat(entry.path("actor_id").asText()).isEqualTo("dm-aud");
            assertThat(entry.path("actor_role").asText()).isEqualTo("hub-admin");
            assertThat(entry.path("reason").asText()).isEqualTo(row.path("dismissal").path("reason").asText());
            assertThat(entry.path("position").asLong()).isEqualTo(row.path("dismissal").path("ledger_position").asLong());
            String when = row.path("dismissal").path("dismissed_at").asText();
            for (String time : List.of("occurred_at", "recorded_at", "accepted_at")) {
                assertThat(java.time.Instant.parse(entry.path(time).asText()))
                        .isEqualTo(java.time.Instant.parse(when).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            }
            assertThat(entry.path("source").asText()).isEqualTo("api");
            assertThat(entry.path("hash").isNull()).isTrue();
            assertThat(entry.path("hash_verified").isNull()).isTrue();
        }
        JsonNode forged = trail.get(0);
        assertThat(forged.path("reason_code").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(forged.path("subject_id").asText()).isEqualTo("AUD-001");
        assertThat(forged.path("sequence").asLong()).isEqualTo(1);
        assertThat(forged.path("event_id").asText()).isNotBlank();
        JsonNode garbage = trail.get(1);
        assertThat(garbage.path("reason_code").asText()).isEqualTo("MALFORMED");
        assertThat(garbage.path("subject_id").isNull()).isTrue();
        assertThat(garbage.path("event_id").isNull()).isTrue();

        // In its place among the ledger's events: after the enrolment, which was in the ledger when it was dismissed.
        JsonNode center = get("/api/v1/audit-trail?center=AUD");
        assertThat(StreamSupport.stream(center.spliterator(), false).map(r -> r.path("event_type").asText()).toList())
                .containsExactly("SubjectEnrolled", "QuarantineDismissed", "QuarantineDismissed");
        assertThat(center.get(0).path("event_id").asText()).isEqualTo(enrolment.eventId().toString());
        assertThat(center.get(0).path("quarantine_id").isNull()).isTrue();
        assertThat(get("/api/v1/audit-trail?subject=AUD-001")).hasSize(2);
        assertThat(get("/api/v1/audit-trail?actor=dm-aud")).hasSize(2);
        assertThat(get("/api/v1/audit-trail?center=AUD&type=SubjectEnrolled")).hasSize(1);
        assertThat(get("/api/v1/audit-trail?center=AUD&time=accepted&from=2099-01-01T00:00:00Z")).isEmpty();

        // Paging through dismissals that share a position: after the first, by its position and quarantine id.
        JsonNode first = get("/api/v1/audit-trail?type=QuarantineDismissed&center=AUD&limit=1");
        JsonNode second = get("/api/v1/audit-trail?type=QuarantineDismissed&center=AUD&limit=1&after="
                + first.get(0).path("position").asLong() + "&after_quarantine_id=" + first.get(0).path("quarantine_id").asLong());
        assertThat(second).hasSize(1);
        assertThat(second.get(0).path("quarantine_id").asLong()).isEqualTo(garbage.path("quarantine_id").asLong());
        assertThat(get("/api/v1/audit-trail?type=QuarantineDismissed&center=AUD&after=" + second.get(0).path("position").asLong()
                + "&after_quarantine_id=" + second.get(0).path("quarantine_id").asLong())).isEmpty();
        // ... and after the enrolment's position alone, the dismissals at that position follow.
        assertThat(get("/api/v1/audit-trail?center=AUD&after=" + center.get(0).path("position").asLong())).hasSize(2);
        ResponseEntity<JsonNode> lonely = http.getForEntity("/api/v1/audit-trail?after_quarantine_id=3", JsonNode.class);
        assertThat(lonely.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(lonely.getBody())).containsExactly("after_quarantine_id");

        // CSV: the same rows, the dismissal's own columns last.
        String csv = http.getForObject("/api/v1/audit-trail?center=AUD&format=csv", String.class);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("position,event_id,event_type,subject_id,sequence,center_id,actor_id,actor_role,"
                + "occurred_at,recorded_at,accepted_at,reason,source,previous_hash,hash,hash_verified,"
                + "quarantine_id,topic,kafka_partition,kafka_offset,reason_code");
        assertThat(lines[2]).startsWith(forged.path("position").asLong() + "," + forged.path("event_id").asText()
                        + ",QuarantineDismissed,AUD-001,1,AUD,dm-aud,hub-admin,")
                .contains("\"set aside: message at offset " + forgedAt.offset() + ", \"\"never\"\" to verify\",api,,,,")
                .endsWith("," + forged.path("quarantine_id").asLong() + "," + forgedAt.topic() + "," + forgedAt.partition()
                        + "," + forgedAt.offset() + ",BAD_SIGNATURE");
        assertThat(lines[3]).contains(",QuarantineDismissed,,,AUD,dm-aud,hub-admin,").endsWith(",MALFORMED");

        // The audit trail's projection is rebuilt from the ledger; the dismissals are not in it, so the trail comes
        // back the same, byte for byte, and the replay proof still finds the projections equal to their replay.
        byte[] before = http.getForObject("/api/v1/audit-trail?limit=10000&format=csv", byte[].class);
        ResponseEntity<String> rebuild = http.postForEntity("/api/v1/admin/projections/rebuild?timeout=PT1M", null, String.class);
        assertThat(rebuild.getStatusCode()).as(rebuild.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForObject("/api/v1/audit-trail?limit=10000&format=csv", byte[].class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM quarantine_dismissal WHERE center_id = 'AUD'", Long.class))
                .isEqualTo(2);
        JsonNode proof = http.postForObject("/api/v1/admin/projections/replay-proof", null, JsonNode.class);
        assertThat(proof.path("equal").asBoolean()).as("%s", proof).isTrue();
    }

    @Test
    void theAuditTrailAsOfAPositionOrATimeHasTheDismissalsMadeByThenAndNotTheLaterOnes() {
        Chain s = new Chain("ASO-001");
        producer.send(s.enrol());
        RecordMetadata earlyAt = producer.send("ASO", "ASO-001",
                altered(s.peek(LedgerFixtures.madrsForm("T0", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2))));
        hub.awaitCaughtUp("ASO");
        long early = dismissed(earlyAt, "made before the point");
        long p = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        awaitProjectionsCaughtUp();
        // The point in time: after the first dismissal, before the others; the ledger still stands at p.
        java.time.Instant t = java.time.Instant.now();

        // Made after t while the ledger still stood at p: in the trail as of p, not in the trail as of t.
        RecordMetadata samePositionAt = producer.send("ASO", "ASO-001", "not an envelope".getBytes(StandardCharsets.UTF_8));
        hub.awaitCaughtUp("ASO");
        long samePosition = dismissed(samePositionAt, "made after the time, at the same position");
        // Made after the ledger moved past p: in neither.
        producer.send(s.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        RecordMetadata laterAt = producer.send("ASO", "ASO-001", new byte[0]);
        hub.awaitCaughtUp("ASO");
        long later = dismissed(laterAt, "made after the point");
        assertThat(hub.ledgerSequences("ASO-001")).containsExactly(0L, 1L);
        awaitProjectionsCaughtUp();

        String dismissals = "/api/v1/audit-trail?center=ASO&type=QuarantineDismissed";
        assertThat(quarantineIds(get(dismissals))).containsExactly(early, samePosition, later);
        assertThat(quarantineIds(get(dismissals + "&position=" + p))).containsExactly(early, samePosition);
        assertThat(quarantineIds(get(dismissals + "&asOf=" + t))).containsExactly(early);
        // Among the ledger's events: as of p, the enrolment and what was dismissed by then, not the later MADRS.
        assertThat(StreamSupport.stream(get("/api/v1/audit-trail?center=ASO&position=" + p).spliterator(), false)
                .map(r -> r.path("event_type").asText()).toList())
                .containsExactly("SubjectEnrolled", "QuarantineDismissed", "QuarantineDismissed");
        assertThat(StreamSupport.stream(get("/api/v1/audit-trail?center=ASO&asOf=" + t).spliterator(), false)
                .map(r -> r.path("event_type").asText()).toList())
                .containsExactly("SubjectEnrolled", "QuarantineDismissed");
        // The CSV as of the point holds the same rows.
        String csv = http.getForObject(dismissals + "&format=csv&asOf=" + t, String.class);
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv.split("\r\n")[1]).contains("," + early + "," + earlyAt.topic() + ",");
    }

    /** Dismisses the quarantined message at {@code at}; its quarantine id. */
    private long dismissed(RecordMetadata at, String reason) {
        long id = hub.quarantined(at).path("id").asLong();
        ResponseEntity<JsonNode> r = dismiss(String.valueOf(id), DM, "data-manager", reasonBody(reason));
        assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.OK);
        return id;
    }

    private static List<Long> quarantineIds(JsonNode trail) {
        return StreamSupport.stream(trail.spliterator(), false).map(r -> r.path("quarantine_id").asLong()).toList();
    }

    @Test
    void aDismissalCannotBeChangedOrRemovedNorItsQuarantineRowDeleted() {
        Chain s = new Chain("IMM-001");
        producer.send(s.enrol());
        RecordMetadata at = producer.send("IMM", "IMM-001", altered(s.peek(LedgerFixtures.madrsForm("T0",
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0))));
        hub.awaitCaughtUp("IMM");
        long id = hub.quarantined(at).path("id").asLong();
        assertThat(dismiss(String.valueOf(id), DM, "data-manager", reasonBody(REASON)).getStatusCode()).isEqualTo(HttpStatus.OK);

        // The test database's user owns the table and is a superuser: the trigger refuses it all the same.
        for (String sql : List.of(
                "UPDATE quarantine_dismissal SET reason = 'rewritten' WHERE quarantine_id = " + id,
                "UPDATE quarantine_dismissal SET reason = 'x' WHERE false",
                "DELETE FROM quarantine_dismissal WHERE quarantine_id = " + id,
                "TRUNCATE quarantine_dismissal",
                "TRUNCATE quarantine CASCADE")) {
            String op = sql.split(" ")[0];
            assertThatThrownBy(() -> jdbc.execute(sql)).as(sql)
                    .hasMessageContaining("quarantine dismissals are append-only: " + op + " on quarantine_dismissal is not allowed");
        }
        assertThatThrownBy(() -> jdbc.update("DELETE FROM quarantine WHERE id = ?", id))
                .hasMessageContaining("quarantine_dismissal");
        assertThat(jdbc.queryForObject("SELECT reason FROM quarantine_dismissal WHERE quarantine_id = ?", String.class, id))
                .isEqualTo(REASON);
        assertThat(hub.raw(at)).isNotEmpty();
    }

    @Test
    void whenEveryOpenRowIsDismissedOrResolvedTheOpenCountIsBackToZero() {
        Chain s = new Chain("ZER-001");
        producer.send(s.enrol());
        EventEnvelope missing = s.madrs(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        RecordMetadata gapAt = producer.send(s.madrs(5, 5, 5, 5, 5, 5, 5, 5, 5, 5));
        producer.send("ZER", "ZER-001", new byte[0]);
        hub.awaitCaughtUp("ZER");
        assertThat(hub.center("ZER").path("quarantined").asLong()).isEqualTo(2);

        // The gap is closed and re-processed; everything else open, from any test of this class, is dismissed.
        producer.send(missing);
        hub.awaitCaughtUp("ZER");
        http.postForObject("/api/v1/quarantine/reprocess", null, JsonNode.class);
        assertThat(hub.quarantined(gapAt).path("status").asText()).isEqualTo("APPLIED");
        for (JsonNode row : hub.openQuarantine()) {
            assertThat(dismiss(row.path("id").asText(), "admin-1", "hub-admin", reasonBody("clean-up: evidence kept"))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        JsonNode status = hub.status();
        assertThat(status.path("quarantined").asLong()).isZero();
        assertThat(status.path("centers")).allSatisfy(c -> assertThat(c.path("quarantined").asLong()).isZero());
        assertThat(hub.openQuarantine()).isEmpty();
        JsonNode run = http.postForObject("/api/v1/quarantine/reprocess", null, JsonNode.class);
        assertThat(run.path("still_quarantined").asInt()).isZero();
        assertThat(run.path("applied").asInt()).isZero();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The envelope with one item changed after its center signed it: a message the center never sent. */
    private static byte[] altered(EventEnvelope e) {
        ObjectNode tree = LedgerFixtures.tree(e);
        ((ObjectNode) tree.path(EnvelopeCodec.PAYLOAD).path("items")).put("MADRS_10", 6);
        return LedgerFixtures.encode(tree);
    }

    /** {@code {"reason": …}} */
    private static String reasonBody(String reason) {
        return JSON.createObjectNode().put("reason", reason).toString();
    }

    /** A dismissal by study-wide caller {@code actorId} in {@code role}; without a token when {@code actorId} is null. */
    private ResponseEntity<JsonNode> dismiss(String id, String actorId, String role, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (actorId != null) {
            headers.setBearerAuth(TestIssuer.hubToken(Identity.study(actorId, role)));
        } else {
            headers.set(HttpHeaders.AUTHORIZATION, "");
        }
        return http.exchange("/api/v1/quarantine/" + id + "/dismiss", HttpMethod.POST, new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private static JsonNode problem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return response.getBody();
    }

    private static List<String> fields(JsonNode problem) {
        return StreamSupport.stream(problem.path("errors").spliterator(), false).map(e -> e.path("field").asText()).toList();
    }

    private static String message(JsonNode problem, String field) {
        return StreamSupport.stream(problem.path("errors").spliterator(), false)
                .filter(e -> e.path("field").asText().equals(field)).map(e -> e.path("message").asText())
                .findFirst().orElseThrow();
    }

    private JsonNode get(String path) {
        ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode()).as("%s %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private void awaitProjectionsCaughtUp() {
        await().atMost(LedgerFixtures.PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode status = http.getForObject("/api/v1/admin/projections", JsonNode.class);
            assertThat(status.path("caught_up").asBoolean()).as("%s", status).isTrue();
        });
    }
}
