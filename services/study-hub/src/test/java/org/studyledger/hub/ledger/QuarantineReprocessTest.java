package org.studyledger.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;

/**
 * POST /api/v1/quarantine/reprocess: once the cause is fixed (the missing event arrived), quarantined messages are
 * applied in their original order; what still fails stays quarantined with one more attempt. Re-processing works on
 * every open message, so the assertions on the run's totals are made against the quarantine as listed, not against
 * what this test alone put there.
 */
@HubTest
class QuarantineReprocessTest extends LedgerInputTest {
    @BeforeAll
    static void topics(@Autowired HubProperties props) throws Exception {
        LedgerFixtures.createTopics(props, "KRA", "ZAG");
    }

    @Test
    void onceTheMissingEventArrivesReprocessingAppliesTheWaitingEventsInOrder() {
        Chain a = new Chain("KRA-001");
        Chain b = new Chain("KRA-002");
        producer.send(a.enrol());
        EventEnvelope first = a.madrs(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        EventEnvelope second = a.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        EventEnvelope third = a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        RecordMetadata secondAt = producer.send(second);
        RecordMetadata againAt = producer.send(second); // re-delivered while it waits
        RecordMetadata thirdAt = producer.send(third);
        // Something that will never verify: an altered copy of another subject's event.
        producer.send(b.enrol());
        ObjectNode altered = LedgerFixtures.tree(b.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        ((ObjectNode) altered.path(EnvelopeCodec.PAYLOAD).path("items")).put("MADRS_10", 0);
        RecordMetadata alteredAt = producer.send("KRA", "KRA-002", LedgerFixtures.resign(altered));
        hub.awaitCaughtUp("KRA");

        assertThat(code(secondAt)).isEqualTo("SEQUENCE_GAP");
        assertThat(code(againAt)).isEqualTo("SEQUENCE_GAP");
        assertThat(code(thirdAt)).isEqualTo("HELD");
        assertThat(code(alteredAt)).isEqualTo("HASH_MISMATCH");

        // Before the cause is fixed, re-processing changes nothing but the attempt counts.
        JsonNode early = reprocess();
        assertThat(early.path("applied").asInt()).isZero();
        assertThat(early.path("duplicates").asInt()).isZero();
        assertThat(early.path("still_quarantined").asInt()).isEqualTo(hub.openQuarantine().size());
        for (RecordMetadata at : List.of(secondAt, againAt, thirdAt, alteredAt)) {
            JsonNode row = hub.quarantined(at);
            assertThat(row.path("status").asText()).isEqualTo("QUARANTINED");
            assertThat(row.path("attempts").asInt()).as("attempts at offset %d", at.offset()).isEqualTo(2);
        }
        assertThat(hub.ledgerSequences("KRA-001")).containsExactly(0L);

        // The missing event arrives and is accepted directly; the later ones still wait.
        producer.send(first);
        hub.awaitCaughtUp("KRA");
        assertThat(hub.ledgerSequences("KRA-001")).containsExactly(0L, 1L);
        assertThat(hub.quarantined(secondAt).path("status").asText()).isEqualTo("QUARANTINED");

        JsonNode result = reprocess();

        assertThat(result.path("applied").asInt()).isEqualTo(2);
        assertThat(result.path("duplicates").asInt()).isEqualTo(1);
        List<JsonNode> open = hub.openQuarantine();
        assertThat(result.path("still_quarantined").asInt()).isEqualTo(open.size());
        assertThat(open).extracting(q -> q.path("offset").asLong()).contains(alteredAt.offset())
                .doesNotContain(secondAt.offset(), againAt.offset(), thirdAt.offset());
        // Appended in sequence order, after the event that arrived directly.
        assertThat(hub.ledgerSequences("KRA-001")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(hub.ledgerEventIds("KRA-001")).containsExactly(a.get(0).eventId().toString(),
                first.eventId().toString(), second.eventId().toString(), third.eventId().toString());
        assertThat(hub.head("KRA-001")).isEqualTo(3);
        assertThat(hub.headHash("KRA-001")).isEqualTo(third.hash());

        assertResolved(hub.quarantined(secondAt), "APPLIED", "SEQUENCE_GAP");
        assertResolved(hub.quarantined(againAt), "DUPLICATE", "SEQUENCE_GAP");
        assertResolved(hub.quarantined(thirdAt), "APPLIED", "HELD");
        JsonNode still = hub.quarantined(alteredAt);
        assertThat(still.path("status").asText()).isEqualTo("QUARANTINED");
        assertThat(still.path("reason_code").asText()).isEqualTo("HASH_MISMATCH");
        assertThat(still.path("attempts").asInt()).as("one attempt per run, however many passes").isEqualTo(3);
        assertThat(still.path("resolved_at").isMissingNode() || still.path("resolved_at").isNull()).isTrue();

        JsonNode kra = hub.center("KRA");
        assertThat(kra.path("events").asLong()).isEqualTo(4 + 1);
        assertThat(kra.path("quarantined").asLong()).isEqualTo(1);

        // Nothing left to do for this subject: a further run applies nothing and counts one more attempt.
        JsonNode again = reprocess();
        assertThat(again.path("applied").asInt()).isZero();
        assertThat(again.path("duplicates").asInt()).isZero();
        assertThat(hub.quarantined(alteredAt).path("attempts").asInt()).isEqualTo(4);
        assertThat(hub.ledgerSequences("KRA-001")).hasSize(4);
    }

    @Test
    void eventsQuarantinedInReverseOrderAreAppliedInSequenceOrder() {
        Chain a = new Chain("ZAG-001");
        producer.send(a.enrol());
        EventEnvelope first = a.madrs(5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
        EventEnvelope second = a.madrs(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        EventEnvelope third = a.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        RecordMetadata thirdAt = producer.send(third);
        RecordMetadata secondAt = producer.send(second);
        hub.awaitCaughtUp("ZAG");
        assertThat(code(thirdAt)).isEqualTo("SEQUENCE_GAP");
        assertThat(code(secondAt)).isEqualTo("SEQUENCE_GAP");
        producer.send(first);
        hub.awaitCaughtUp("ZAG");
        assertThat(hub.ledgerSequences("ZAG-001")).containsExactly(0L, 1L);

        // In arrival order the third comes first and waits behind the second (HELD); the run repeats while it
        // makes progress, so the third is applied on the next pass.
        JsonNode result = reprocess();

        assertThat(result.path("applied").asInt()).isEqualTo(2);
        assertThat(result.path("still_quarantined").asInt()).isEqualTo(hub.openQuarantine().size());
        assertThat(hub.ledgerSequences("ZAG-001")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(hub.headHash("ZAG-001")).isEqualTo(third.hash());
        assertResolved(hub.quarantined(secondAt), "APPLIED", "SEQUENCE_GAP");
        JsonNode thirdRow = hub.quarantined(thirdAt);
        assertResolved(thirdRow, "APPLIED", "HELD");
        assertThat(thirdRow.path("attempts").asInt()).isEqualTo(2);
        assertThat(hub.quarantineOnTopics("ZAG")).hasSize(2);
        assertThat(hub.center("ZAG").path("quarantined").asLong()).isZero();
        assertThat(hub.center("ZAG").path("events").asLong()).isEqualTo(4);
    }

    private JsonNode reprocess() {
        JsonNode result = http.postForObject("/api/v1/quarantine/reprocess", null, JsonNode.class);
        assertThat(result).isNotNull();
        return result;
    }

    private String code(RecordMetadata at) {
        JsonNode row = hub.quarantined(at);
        assertThat(row).as("quarantine row at offset %d", at.offset()).isNotNull();
        return row.path("reason_code").asText();
    }

    /** Resolved: the status says how, resolved_at when; the reason stays the last one it was quarantined for. */
    private static void assertResolved(JsonNode row, String status, String lastReason) {
        assertThat(row.path("status").asText()).isEqualTo(status);
        assertThat(row.path("resolved_at").asText()).isNotBlank();
        assertThat(row.path("reason_code").asText()).isEqualTo(lastReason);
    }
}
