package org.studyledger.hub.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.hub.ledger.LedgerFixtures.madrsForm;
import static org.studyledger.hub.ledger.LedgerFixtures.madrsItems;
import static org.studyledger.hub.ledger.LedgerFixtures.reseal;
import static org.studyledger.hub.ledger.LedgerFixtures.sealAt;
import static org.studyledger.hub.ledger.LedgerFixtures.tree;
import static org.studyledger.hub.ledger.LedgerFixtures.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.studyledger.hub.CenterKeys;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.event.AssessmentRecorded;

/**
 * Hostile input on the center topics, produced with a plain Kafka producer: each message ends in the quarantine
 * with the right reason (or, an exact duplicate, is ignored), with its raw bytes and its place on the topic; the
 * valid events produced before and after it are in the ledger; the consumer keeps running.
 *
 * <p>Every test uses centers (so topics) of its own, so its ledger status lines and quarantine rows are its own.
 */
@HubTest
class HostileInputTest extends LedgerInputTest {
    /** Every center topic the tests below use. */
    private static final String[] CENTERS = {"BOL", "TRS", "FIR", "PAV", "MIL", "NAP", "ROM", "TOR", "CAT", "PAL",
            "BAR", "TRI", "PIS", "VEN", "LEC", "NUL", "RAV", "GEN"};

    @BeforeAll
    static void topics(@Autowired HubProperties props) throws Exception {
        LedgerFixtures.createTopics(props, CENTERS);
    }

    @Test
    void malformedMessagesAreQuarantinedAsMalformed() {
        Chain a = new Chain("BOL-001");
        Chain b = new Chain("BOL-002");
        producer.send(a.enrol());
        byte[] notJson = "{\"event_id\":\"9f0c".getBytes(UTF_8);
        byte[] array = "[1,2,3]".getBytes(UTF_8);
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ObjectNode noSequence = tree(new Chain("BOL-003").enrol());
        noSequence.remove(EnvelopeCodec.SEQUENCE);
        byte[] missingMember = reseal(noSequence);
        List<byte[]> hostile = List.of(notJson, array, notUtf8, missingMember);
        List<RecordMetadata> at = hostile.stream().map(bytes -> producer.send("BOL", "BOL-001", bytes)).toList();
        producer.send(a.madrs(4, 4, 3, 3, 2, 3, 4, 3, 2, 2));
        producer.send(b.enrol());

        hub.awaitCaughtUp("BOL");

        // What each message claims, as far as each member is well formed on its own: only the last names a subject.
        List<String> subjects = java.util.Arrays.asList(null, null, null, "BOL-003");
        for (int i = 0; i < hostile.size(); i++) {
            JsonNode row = hub.quarantined(at.get(i));
            assertRow(row, "MALFORMED", at.get(i), subjects.get(i), null);
            assertThat(hub.raw(at.get(i))).as("raw bytes of hostile message %d", i).isEqualTo(hostile.get(i));
            assertThat(text(row, "center_id")).as("an unreadable message counts for the center of its topic")
                    .isEqualTo("BOL");
        }
        assertThat(text(hub.quarantined(at.get(0)), "reason")).contains("malformed JSON");
        assertThat(text(hub.quarantined(at.get(3)), "reason")).contains("sequence");
        assertThat(hub.quarantineOnTopics("BOL")).hasSize(4);
        assertThat(hub.ledgerSequences("BOL-001")).containsExactly(0L, 1L);
        assertThat(hub.ledgerSequences("BOL-002")).containsExactly(0L);
        assertThat(hub.ledgerSequences("BOL-003")).isEmpty();
        assertCenter("BOL", 3, 4);
    }

    @Test
    void aRecordWithoutValueIsQuarantinedAndDoesNotBlockItsPartition() {
        Chain a = new Chain("TRS-001");
        producer.send(a.enrol());
        RecordMetadata tombstone = producer.send("TRS", "TRS-001", null);
        producer.send(a.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));

        hub.awaitCaughtUp("TRS");

        assertRow(hub.quarantined(tombstone), "MALFORMED", tombstone, null, null);
        assertThat(hub.raw(tombstone)).isEmpty();
        assertThat(hub.ledgerSequences("TRS-001")).containsExactly(0L, 1L);
        assertCenter("TRS", 2, 1);
    }

    @Test
    void aRecordKeyedByAnotherSubjectIsQuarantinedAsWrongKey() {
        Chain a = new Chain("KEY-001");
        producer.send(a.enrol());
        RecordMetadata misKeyed = producer.send("KEY", "KEY-002", LedgerFixtures.wire(a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)));
        producer.send(a.get(1));

        hub.awaitCaughtUp("KEY");

        assertRow(hub.quarantined(misKeyed), "WRONG_KEY", misKeyed, "KEY-001", 1L);
        assertThat(hub.ledgerSequences("KEY-001")).as("the correctly keyed copy gets in").containsExactly(0L, 1L);
        assertCenter("KEY", 2, 1);
    }

    @Test
    void aCorrectionOrRetractionOfAnotherSubjectsAssessmentIsQuarantined() {
        Chain a = new Chain("OWN-001");
        Chain b = new Chain("OWN-002");
        producer.send(a.enrol());
        EventEnvelope assessment = a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        producer.send(assessment);
        producer.send(b.enrol());
        AssessmentRecorded original = (AssessmentRecorded) EnvelopeCodec.payloadOf(assessment);
        SortedMap<String, Integer> items = madrsItems(3, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        RecordMetadata corrected = producer.send(b.peek(new org.studyledger.kernel.subject.event.AssessmentCorrected(
                original.assessmentId(), items, LedgerFixtures.SCORING.scoreOrThrow(LedgerFixtures.MADRS, items).scores(),
                "a correction through the wrong subject")));
        RecordMetadata retracted = producer.send("OWN", "OWN-002", LedgerFixtures.wire(b.peek(
                new org.studyledger.kernel.subject.event.AssessmentRetracted(original.assessmentId(), "wrong subject"))));

        hub.awaitCaughtUp("OWN");

        JsonNode correctionRow = hub.quarantined(corrected);
        assertRow(correctionRow, "PROTOCOL_VIOLATION", corrected, "OWN-002", 1L);
        assertThat(text(correctionRow, "reason")).contains("belongs to OWN-001");
        JsonNode retractionRow = hub.quarantined(retracted);
        assertRow(retractionRow, "PROTOCOL_VIOLATION", retracted, "OWN-002", 1L);
        assertThat(text(retractionRow, "reason")).contains("retracts").contains("belongs to OWN-001");
        assertThat(hub.ledgerSequences("OWN-001")).containsExactly(0L, 1L);
        assertThat(hub.ledgerSequences("OWN-002")).containsExactly(0L);
    }

    @Test
    void anUnknownEventTypeOrRevisionIsQuarantinedAndItsSubjectWaits() {
        Chain a = new Chain("FIR-001");
        Chain b = new Chain("FIR-002");
        Chain c = new Chain("FIR-003");
        producer.send(a.enrol());
        producer.send(c.enrol());
        // A future event type, sealed properly by a (newer) center: its hash is right.
        ObjectNode teleported = tree(a.peek(madrsForm("W1", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3)));
        teleported.put(EnvelopeCodec.EVENT_TYPE, "SubjectTeleported");
        byte[] unknownType = reseal(teleported);
        RecordMetadata unknownAt = producer.send("FIR", "FIR-001", unknownType);
        // The center's next event, chained to the one the hub cannot read yet.
        String unknownHash = EventHashes.hashOf(teleported);
        EventEnvelope after = sealAt(a.center, a.subject, 2, unknownHash, madrsForm("M1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
        RecordMetadata afterAt = producer.send(after);
        // A known type at a revision the hub does not read.
        ObjectNode revision2 = tree(c.peek(madrsForm("W1", 1, 2, 1, 2, 1, 2, 1, 2, 1, 2)));
        revision2.put(EnvelopeCodec.SCHEMA_REVISION, "2");
        byte[] unknownRevision = reseal(revision2);
        RecordMetadata revisionAt = producer.send("FIR", "FIR-003", unknownRevision);
        producer.send(b.enrol());
        producer.send(b.madrs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        hub.awaitCaughtUp("FIR");

        JsonNode unknown = hub.quarantined(unknownAt);
        assertRow(unknown, "UNKNOWN_EVENT_TYPE", unknownAt, "FIR-001", 1L);
        assertThat(text(unknown, "reason")).contains("SubjectTeleported");
        assertThat(hub.raw(unknownAt)).isEqualTo(unknownType);
        // The event it could not read keeps its place in FIR-001's chain, so the next one waits behind it.
        assertRow(hub.quarantined(afterAt), "HELD", afterAt, "FIR-001", 2L);
        assertThat(hub.raw(afterAt)).isEqualTo(wire(after));
        JsonNode revision = hub.quarantined(revisionAt);
        assertRow(revision, "UNKNOWN_EVENT_TYPE", revisionAt, "FIR-003", 1L);
        assertThat(text(revision, "reason")).contains("revision 2");
        assertThat(hub.raw(revisionAt)).isEqualTo(unknownRevision);
        assertThat(hub.ledgerSequences("FIR-001")).containsExactly(0L);
        assertThat(hub.ledgerSequences("FIR-002")).containsExactly(0L, 1L);
        assertThat(hub.ledgerSequences("FIR-003")).containsExactly(0L);
        assertCenter("FIR", 4, 3);
    }

    @Test
    void anEventOnAnotherCentersTopicIsQuarantinedAndTheRealOneStillGetsIn() {
        Chain pav = new Chain("PAV-001");
        Chain mil = new Chain("MIL-001");
        producer.send(mil.enrol());
        EventEnvelope enrolled = pav.enrol();
        RecordMetadata wrong = producer.send("MIL", "PAV-001", wire(enrolled));
        producer.send(mil.madrs(5, 5, 5, 5, 5, 5, 5, 5, 5, 5));
        hub.awaitQuarantined(wrong);
        // Then the same event on its own topic, and the subject's next one.
        producer.send(enrolled);
        producer.send(pav.madrs(2, 3, 2, 3, 2, 3, 2, 3, 2, 3));

        hub.awaitCaughtUp("PAV", "MIL");

        JsonNode row = hub.quarantined(wrong);
        assertRow(row, "WRONG_TOPIC", wrong, "PAV-001", 0L);
        assertThat(text(row, "center_id")).isEqualTo("PAV");
        assertThat(text(row, "event_id")).isEqualTo(enrolled.eventId().toString());
        assertThat(hub.raw(wrong)).isEqualTo(wire(enrolled));
        assertThat(hub.ledgerSequences("PAV-001")).containsExactly(0L, 1L);
        assertThat(hub.ledgerSequences("MIL-001")).containsExactly(0L, 1L);
        assertThat(hub.quarantineOnTopics("PAV")).isEmpty();
        // Counted for the center the envelope names; the row's topic says where it sits.
        assertCenter("PAV", 2, 1);
        assertCenter("MIL", 2, 0);
    }

    @Test
    void aForgedSubjectPrefixIsQuarantinedAndDoesNotHoldTheRealSubject() {
        Chain rom = new Chain("ROM-007");
        Chain nap = new Chain("NAP-001");
        producer.send(nap.enrol());
        producer.send(rom.enrol());
        hub.awaitCaughtUp("NAP", "ROM");
        // NAP's topic, NAP's envelope, but ROM's subject, continuing ROM-007's real chain.
        EventEnvelope forged = sealAt(new CenterId("NAP"), rom.subject, 1, rom.lastHash(),
                madrsForm("W1", 6, 6, 6, 6, 6, 6, 6, 6, 6, 6));
        RecordMetadata forgedAt = producer.send("NAP", "ROM-007", wire(forged));
        hub.awaitQuarantined(forgedAt);
        producer.send(nap.madrs(1, 2, 3, 4, 5, 6, 5, 4, 3, 2));
        producer.send(rom.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        producer.send(rom.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2));

        hub.awaitCaughtUp("NAP", "ROM");

        JsonNode row = hub.quarantined(forgedAt);
        assertRow(row, "SUBJECT_NOT_OF_CENTER", forgedAt, "ROM-007", 1L);
        assertThat(text(row, "center_id")).isEqualTo("NAP");
        assertThat(hub.raw(forgedAt)).isEqualTo(wire(forged));
        assertThat(hub.ledgerSequences("ROM-007")).containsExactly(0L, 1L, 2L);
        assertThat(hub.ledgerEventIds("ROM-007")).containsExactly(rom.get(0).eventId().toString(),
                rom.get(1).eventId().toString(), rom.get(2).eventId().toString());
        assertThat(hub.ledgerSequences("NAP-001")).containsExactly(0L, 1L);
        assertCenter("NAP", 2, 1);
        assertCenter("ROM", 3, 0);
    }

    @Test
    void anAlteredEventIsQuarantinedAsHashMismatchAndTheGenuineOneGetsIn() {
        Chain a = new Chain("TOR-001");
        Chain b = new Chain("TOR-002");
        producer.send(a.enrol());
        producer.send(a.madrs(4, 4, 4, 4, 4, 4, 4, 4, 4, 4));
        EventEnvelope genuine = a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        // A payload value changed after sealing; the stated hash is the genuine one. Signed after the change, so it
        // is the hash check that finds it (a change after signing is a BAD_SIGNATURE: SignatureIntakeTest).
        ObjectNode item = tree(genuine);
        ((ObjectNode) item.path(EnvelopeCodec.PAYLOAD).path("items")).put("MADRS_01", 6);
        byte[] alteredItem = LedgerFixtures.resign(item);
        // A header member changed after sealing, and signed.
        ObjectNode actor = tree(genuine);
        ((ObjectNode) actor.path(EnvelopeCodec.ACTOR)).put("id", "someone-else");
        byte[] alteredActor = LedgerFixtures.resign(actor);
        RecordMetadata itemAt = producer.send("TOR", "TOR-001", alteredItem);
        RecordMetadata actorAt = producer.send("TOR", "TOR-001", alteredActor);
        producer.send(genuine);
        producer.send(a.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        producer.send(b.enrol());

        hub.awaitCaughtUp("TOR");

        for (RecordMetadata at : List.of(itemAt, actorAt)) {
            JsonNode row = hub.quarantined(at);
            assertRow(row, "HASH_MISMATCH", at, "TOR-001", 2L);
            assertThat(text(row, "reason")).contains(genuine.hash());
        }
        assertThat(hub.raw(itemAt)).isEqualTo(alteredItem);
        assertThat(hub.raw(actorAt)).isEqualTo(alteredActor);
        assertThat(hub.ledgerSequences("TOR-001")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(hub.ledgerEventIds("TOR-001").get(2)).isEqualTo(genuine.eventId().toString());
        assertThat(hub.ledgerSequences("TOR-002")).containsExactly(0L);
        assertCenter("TOR", 5, 2);
    }

    @Test
    void aSequenceGapIsQuarantinedAndTheSubjectsLaterEventsAreHeld() {
        Chain a = new Chain("CAT-001");
        Chain b = new Chain("CAT-002");
        producer.send(a.enrol());
        producer.send(a.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2); // sequence 2: never sent
        EventEnvelope third = a.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        EventEnvelope fourth = a.madrs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        RecordMetadata gapAt = producer.send(third);
        RecordMetadata heldAt = producer.send(fourth);
        producer.send(b.enrol());
        producer.send(b.madrs(5, 4, 3, 2, 1, 0, 1, 2, 3, 4));

        hub.awaitCaughtUp("CAT");

        JsonNode gap = hub.quarantined(gapAt);
        assertRow(gap, "SEQUENCE_GAP", gapAt, "CAT-001", 3L);
        assertThat(text(gap, "reason")).contains("events 2..2 are missing");
        assertRow(hub.quarantined(heldAt), "HELD", heldAt, "CAT-001", 4L);
        assertThat(hub.raw(gapAt)).isEqualTo(wire(third));
        assertThat(hub.raw(heldAt)).isEqualTo(wire(fourth));
        assertThat(hub.ledgerSequences("CAT-001")).containsExactly(0L, 1L);
        assertThat(hub.head("CAT-001")).isEqualTo(1);
        assertThat(hub.headHash("CAT-001")).isEqualTo(a.get(1).hash());
        assertThat(hub.ledgerSequences("CAT-002")).containsExactly(0L, 1L);
        assertCenter("CAT", 4, 2);
    }

    @Test
    void anExactDuplicateIsAcknowledgedAndIgnored() {
        Chain a = new Chain("PAL-001");
        EventEnvelope first = a.enrol();
        EventEnvelope second = a.madrs(4, 3, 4, 3, 4, 3, 4, 3, 4, 3);
        producer.send(first);
        producer.send(second);
        producer.send(second);
        producer.send(first);
        producer.send(a.madrs(1, 0, 1, 0, 1, 0, 1, 0, 1, 0));
        producer.send(second);

        hub.awaitCaughtUp("PAL");

        assertThat(hub.quarantineOnTopics("PAL")).isEmpty();
        assertThat(hub.ledgerSequences("PAL-001")).containsExactly(0L, 1L, 2L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'PAL-001'",
                Long.class)).isEqualTo(3);
        assertThat(hub.head("PAL-001")).isEqualTo(2);
        assertCenter("PAL", 3, 0);
    }

    @Test
    void aConflictingDuplicateIsQuarantinedAsConflictAndTheSubjectCarriesOn() {
        Chain a = new Chain("BAR-001");
        EventEnvelope first = a.enrol();
        EventEnvelope second = a.madrs(3, 4, 3, 4, 3, 4, 3, 4, 3, 4);
        producer.send(first);
        producer.send(second);
        // Another event at the same subject and sequence, properly sealed and chained: a second history.
        EventEnvelope otherAtOne = sealAt(a.center, a.subject, 1, first.hash(), madrsForm("W1", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        // The same event id with other content.
        EventEnvelope sameIdOtherContent = sealAt(second.eventId(), a.center, a.subject, 1, first.hash(),
                madrsForm("W1", 6, 6, 6, 6, 6, 6, 6, 6, 6, 6));
        // A known event id at another place.
        EventEnvelope sameIdElsewhere = sealAt(second.eventId(), a.center, a.subject, 2, second.hash(),
                madrsForm("M1", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        RecordMetadata otherAt = producer.send(otherAtOne);
        RecordMetadata sameIdAt = producer.send(sameIdOtherContent);
        RecordMetadata elsewhereAt = producer.send(sameIdElsewhere);
        producer.send(a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
        producer.send(a.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));

        hub.awaitCaughtUp("BAR");

        JsonNode other = hub.quarantined(otherAt);
        assertRow(other, "CONFLICT", otherAt, "BAR-001", 1L);
        assertThat(text(other, "reason")).contains(second.hash());
        assertRow(hub.quarantined(sameIdAt), "CONFLICT", sameIdAt, "BAR-001", 1L);
        assertRow(hub.quarantined(elsewhereAt), "CONFLICT", elsewhereAt, "BAR-001", 2L);
        assertThat(hub.raw(otherAt)).isEqualTo(wire(otherAtOne));
        assertThat(hub.raw(sameIdAt)).isEqualTo(wire(sameIdOtherContent));
        assertThat(hub.raw(elsewhereAt)).isEqualTo(wire(sameIdElsewhere));
        assertThat(hub.ledgerEventIds("BAR-001")).containsExactly(first.eventId().toString(),
                second.eventId().toString(), a.get(2).eventId().toString(), a.get(3).eventId().toString());
        assertThat(hub.headHash("BAR-001")).isEqualTo(a.get(3).hash());
        assertCenter("BAR", 4, 3);
    }

    @Test
    void anOutOfRangeItemIsQuarantinedAsItemsInvalid() {
        Chain a = new Chain("TRI-001");
        Chain b = new Chain("TRI-002");
        producer.send(b.enrol());
        producer.send(a.enrol());
        SortedMap<String, Integer> items = madrsItems(2, 2, 9, 2, 2, 2, 2, 2, 2, 2);
        ScoreSet scores = LedgerFixtures.SCORING.scoreOrThrow(LedgerFixtures.MADRS,
                madrsItems(2, 2, 6, 2, 2, 2, 2, 2, 2, 2)).scores();
        EventEnvelope outOfRange = a.append(madrsForm("W1", items, scores));
        EventEnvelope next = a.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        RecordMetadata rangeAt = producer.send(outOfRange);
        RecordMetadata nextAt = producer.send(next);
        producer.send(b.madrs(3, 2, 1, 0, 1, 2, 3, 4, 5, 6));

        hub.awaitCaughtUp("TRI");

        JsonNode row = hub.quarantined(rangeAt);
        assertRow(row, "ITEMS_INVALID", rangeAt, "TRI-001", 1L);
        assertThat(text(row, "reason")).contains("MADRS_03").contains("9");
        assertThat(hub.raw(rangeAt)).isEqualTo(wire(outOfRange));
        assertRow(hub.quarantined(nextAt), "HELD", nextAt, "TRI-001", 2L);
        assertThat(hub.ledgerSequences("TRI-001")).containsExactly(0L);
        assertThat(hub.ledgerSequences("TRI-002")).containsExactly(0L, 1L);
        assertCenter("TRI", 3, 2);
    }

    @Test
    void statedScoresThatDoNotRecomputeAreQuarantinedAsScoresMismatch() {
        Chain a = new Chain("PIS-001");
        Chain b = new Chain("PIS-002");
        producer.send(a.enrol());
        SortedMap<String, Integer> items = madrsItems(3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        ScoreSet right = LedgerFixtures.SCORING.scoreOrThrow(LedgerFixtures.MADRS, items).scores();
        TreeMap<String, BigDecimal> numbers = new TreeMap<>(right.scores());
        numbers.put("MADRS_TOTAL", right.score("MADRS_TOTAL").add(BigDecimal.ONE));
        EventEnvelope wrong = a.append(madrsForm("W1", items, new ScoreSet(numbers, right.categories())));
        RecordMetadata wrongAt = producer.send(wrong);
        producer.send(b.enrol());

        hub.awaitCaughtUp("PIS");

        JsonNode row = hub.quarantined(wrongAt);
        assertRow(row, "SCORES_MISMATCH", wrongAt, "PIS-001", 1L);
        assertThat(text(row, "reason")).contains("MADRS_TOTAL=31").contains("MADRS_TOTAL=30");
        assertThat(hub.raw(wrongAt)).isEqualTo(wire(wrong));
        assertThat(hub.ledgerSequences("PIS-001")).containsExactly(0L);
        assertThat(hub.ledgerSequences("PIS-002")).containsExactly(0L);
        assertCenter("PIS", 2, 1);
    }

    @Test
    void aWrongPreviousHashIsQuarantinedAsChainBrokenAndTheSubjectIsHeld() {
        Chain a = new Chain("VEN-001");
        Chain b = new Chain("VEN-002");
        EventEnvelope first = a.enrol();
        producer.send(first);
        producer.send(a.madrs(5, 5, 4, 4, 3, 3, 2, 2, 1, 1));
        EventEnvelope broken = sealAt(a.center, a.subject, 2, first.hash(), madrsForm("M1", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        EventEnvelope after = sealAt(a.center, a.subject, 3, broken.hash(), madrsForm("M2", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        RecordMetadata brokenAt = producer.send(broken);
        RecordMetadata afterAt = producer.send(after);
        producer.send(b.enrol());
        producer.send(b.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2));

        hub.awaitCaughtUp("VEN");

        JsonNode row = hub.quarantined(brokenAt);
        assertRow(row, "CHAIN_BROKEN", brokenAt, "VEN-001", 2L);
        assertThat(text(row, "reason")).contains(first.hash()).contains(a.get(1).hash());
        assertThat(hub.raw(brokenAt)).isEqualTo(wire(broken));
        assertRow(hub.quarantined(afterAt), "HELD", afterAt, "VEN-001", 3L);
        assertThat(hub.ledgerSequences("VEN-001")).containsExactly(0L, 1L);
        assertThat(hub.headHash("VEN-001")).isEqualTo(a.get(1).hash());
        assertThat(hub.ledgerSequences("VEN-002")).containsExactly(0L, 1L);
        assertCenter("VEN", 4, 2);
    }

    @Test
    void aReusedAssessmentIdIsQuarantinedAsConflictAndDoesNotBlockThePartition() {
        Chain a = new Chain("LEC-001");
        Chain b = new Chain("LEC-002");
        Chain c = new Chain("LEC-003");
        producer.send(a.enrol());
        EventEnvelope assessment = a.madrs(2, 3, 2, 3, 2, 3, 2, 3, 2, 3);
        producer.send(assessment);
        producer.send(b.enrol());
        AssessmentRecorded original = (AssessmentRecorded) EnvelopeCodec.payloadOf(assessment);
        SortedMap<String, Integer> items = madrsItems(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        EventEnvelope reused = b.append(new AssessmentRecorded(original.assessmentId(), original.instrument(), "T0",
                null, original.administeredAt(), "rater-017", items,
                LedgerFixtures.SCORING.scoreOrThrow(LedgerFixtures.MADRS, items).scores(), null, false));
        RecordMetadata reusedAt = producer.send(reused);
        producer.send(c.enrol());

        hub.awaitCaughtUp("LEC");

        JsonNode row = hub.quarantined(reusedAt);
        assertRow(row, "CONFLICT", reusedAt, "LEC-002", 1L);
        assertThat(text(row, "reason")).contains(original.assessmentId().toString());
        assertThat(hub.raw(reusedAt)).isEqualTo(wire(reused));
        assertThat(hub.ledgerSequences("LEC-001")).containsExactly(0L, 1L);
        assertThat(hub.ledgerSequences("LEC-002")).containsExactly(0L);
        assertThat(hub.ledgerSequences("LEC-003")).containsExactly(0L);
        assertCenter("LEC", 4, 1);
    }

    @Test
    void nulCharactersInKeysAndEchoedValuesAreQuarantinedWithoutStoppingTheConsumer() {
        Chain a = new Chain("NUL-001");
        producer.send(a.enrol());
        ObjectNode nulType = tree(a.peek(madrsForm("W1", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        nulType.put(EnvelopeCodec.EVENT_TYPE, "Subject\u0000Teleported");
        byte[] nulTypeBytes = reseal(nulType);
        RecordMetadata typeAt = producer.send("NUL", "NUL-001", nulTypeBytes);
        byte[] junk = "\u0000".getBytes(UTF_8);
        RecordMetadata keyAt = producer.send("NUL", "NUL-\u0000", junk);
        producer.send(a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2));

        hub.awaitCaughtUp("NUL");

        assertRow(hub.quarantined(typeAt), "UNKNOWN_EVENT_TYPE", typeAt, "NUL-001", 1L);
        assertThat(hub.raw(typeAt)).isEqualTo(nulTypeBytes);
        assertRow(hub.quarantined(keyAt), "MALFORMED", keyAt, null, null);
        assertThat(hub.raw(keyAt)).isEqualTo(junk);
        assertThat(hub.ledgerSequences("NUL-001")).containsExactly(0L, 1L);
        assertCenter("NUL", 2, 2);
    }

    /**
     * Every kind of hostile message in one burst on one topic, between valid events of other subjects; afterwards
     * a new valid event still gets in.
     */
    @Test
    void aBurstOfEveryKindLeavesTheValidEventsAloneAndTheConsumerRunning() {
        Chain valid = new Chain("RAV-001");
        Chain victim = new Chain("RAV-002");
        producer.send(victim.enrol());
        producer.send(valid.enrol());
        hub.awaitCaughtUp("RAV");
        EventEnvelope victimEnrolment = victim.get(0);
        SortedMap<String, Integer> items = madrsItems(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        ScoreSet scores = LedgerFixtures.SCORING.scoreOrThrow(LedgerFixtures.MADRS, items).scores();
        ObjectNode otherStudy = tree(victim.peek(madrsForm("W1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)));
        otherStudy.put(EnvelopeCodec.STUDY_ID, "OTHER-STUDY");
        ObjectNode halfItem = tree(victim.peek(madrsForm("W1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)));
        ((ObjectNode) halfItem.path(EnvelopeCodec.PAYLOAD).path("items")).put("MADRS_05", new BigDecimal("4.5"));
        ObjectNode unknownType = tree(victim.peek(madrsForm("W1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)));
        unknownType.put(EnvelopeCodec.EVENT_TYPE, "SubjectTeleported");
        ObjectNode altered = tree(victim.peek(madrsForm("W1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)));
        altered.put(EnvelopeCodec.OCCURRED_AT, "2030-01-01T00:00:00.000Z");
        TreeMap<String, BigDecimal> wrongTotal = new TreeMap<>(scores.scores());
        wrongTotal.put("MADRS_TOTAL", BigDecimal.ZERO);
        SortedMap<String, Integer> tooHigh = madrsItems(2, 2, 9, 2, 2, 2, 2, 2, 2, 2);
        EventEnvelope victimNext = victim.peek(madrsForm("W1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
        ObjectNode signedThenAltered = tree(victimNext);
        ((ObjectNode) signedThenAltered.path(EnvelopeCodec.ACTOR)).put("id", "someone-else");
        record Hostile(String reason, String center, String key, byte[] bytes) {
        }
        List<Hostile> burst = List.of(
                new Hostile("MALFORMED", "RAV", "RAV-002", "not json at all".getBytes(UTF_8)),
                new Hostile("MALFORMED", "RAV", "RAV-002", null),
                new Hostile("UNKNOWN_EVENT_TYPE", "RAV", "RAV-002", reseal(unknownType)),
                new Hostile("WRONG_STUDY", "RAV", "RAV-002", reseal(otherStudy)),
                new Hostile("WRONG_TOPIC", "GEN", "RAV-002", wire(victim.peek(madrsForm("W1", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)))),
                new Hostile("SUBJECT_NOT_OF_CENTER", "RAV", "GEN-001", wire(sealAt(new CenterId("RAV"),
                        new SubjectId("GEN-001"), 0, victimEnrolment.previousHash(), LedgerFixtures.enrolment()))),
                new Hostile("HASH_MISMATCH", "RAV", "RAV-002", LedgerFixtures.resign(altered)),
                new Hostile("UNSIGNED", "RAV", "RAV-002", wire(victimNext.withSignature(null, null))),
                new Hostile("UNKNOWN_SIGNING_KEY", "RAV", "RAV-002", wire(EnvelopeSignatures.sign(victimNext,
                        SigningKey.generate(victim.center, CenterKeys.CREATED)))),
                new Hostile("SIGNING_KEY_OF_OTHER_CENTER", "RAV", "RAV-002", LedgerFixtures.encode(LedgerFixtures.signed(
                        tree(victimNext), CenterKeys.of("GEN"), CenterKeys.of("GEN").keyId().value()))),
                new Hostile("BAD_SIGNATURE", "RAV", "RAV-002", LedgerFixtures.encode(signedThenAltered)),
                new Hostile("SCHEMA_INVALID", "RAV", "RAV-002", reseal(halfItem)),
                new Hostile("ITEMS_INVALID", "RAV", "RAV-002", wire(victim.peek(madrsForm("W1", tooHigh, scores)))),
                new Hostile("SCORES_MISMATCH", "RAV", "RAV-002", wire(victim.peek(madrsForm("W1", items,
                        new ScoreSet(wrongTotal, scores.categories()))))),
                new Hostile("PROTOCOL_VIOLATION", "RAV", "RAV-002", wire(victim.peek(madrsForm("X9", items, scores)))),
                new Hostile("CONFLICT", "RAV", "RAV-002", wire(sealAt(victim.center, victim.subject, 0,
                        victimEnrolment.previousHash(), LedgerFixtures.enrolment()))),
                new Hostile("SEQUENCE_GAP", "RAV", "RAV-004", wire(sealAt(victim.center, new SubjectId("RAV-004"), 2,
                        victimEnrolment.hash(), madrsForm("M3", items, scores)))),
                new Hostile("HELD", "RAV", "RAV-004", wire(sealAt(victim.center, new SubjectId("RAV-004"), 3,
                        victimEnrolment.hash(), madrsForm("M6", items, scores)))),
                new Hostile("CHAIN_BROKEN", "RAV", "RAV-002", wire(sealAt(victim.center, victim.subject, 1,
                        UUID.randomUUID().toString().replace("-", "").repeat(2), madrsForm("W1", items, scores)))));
        List<RecordMetadata> at = new java.util.ArrayList<>();
        for (int i = 0; i < burst.size(); i++) {
            Hostile h = burst.get(i);
            at.add(producer.send(h.center(), h.key(), h.bytes()));
            producer.send(valid.madrs(i % 7, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        }

        hub.awaitCaughtUp("RAV", "GEN");

        for (int i = 0; i < burst.size(); i++) {
            Hostile h = burst.get(i);
            JsonNode row = hub.quarantined(at.get(i));
            assertThat(row).as("quarantine row of %s", h.reason()).isNotNull();
            assertThat(text(row, "reason_code")).as("reason of hostile message %d", i).isEqualTo(h.reason());
            assertThat(hub.raw(at.get(i))).as("raw of %s", h.reason()).isEqualTo(h.bytes() == null ? new byte[0] : h.bytes());
        }
        assertThat(hub.ledgerSequences("RAV-001")).hasSize(1 + burst.size());
        assertThat(hub.ledgerSequences("RAV-002")).containsExactly(0L);
        assertThat(hub.ledgerSequences("GEN-001")).isEmpty();

        // After everything: the victim's genuine next event and a new subject still get in.
        EventEnvelope genuine = victim.madrs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        producer.send(genuine);
        Chain newcomer = new Chain("RAV-003");
        producer.send(newcomer.enrol());
        hub.awaitCaughtUp("RAV", "GEN");
        assertThat(hub.ledgerSequences("RAV-002")).containsExactly(0L, 1L);
        assertThat(hub.ledgerSequences("RAV-003")).containsExactly(0L);
        assertThat(hub.center("RAV").path("events").asLong()).isEqualTo(1 + burst.size() + 2 + 1);
        assertThat(hub.status().path("lag_error").isMissingNode()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------

    private static void assertRow(JsonNode row, String reason, RecordMetadata at, String subject, Long sequence) {
        assertThat(row).as("quarantine row at %s[%d]@%d", at.topic(), at.partition(), at.offset()).isNotNull();
        assertThat(text(row, "reason_code")).as("reason code (%s)", text(row, "reason")).isEqualTo(reason);
        assertThat(text(row, "status")).isEqualTo("QUARANTINED");
        assertThat(text(row, "topic")).isEqualTo(at.topic());
        assertThat(row.path("partition").asInt()).isEqualTo(at.partition());
        assertThat(row.path("offset").asLong()).isEqualTo(at.offset());
        assertThat(text(row, "subject_id")).isEqualTo(subject);
        assertThat(row.path("sequence").isNumber() ? row.path("sequence").asLong() : null).isEqualTo(sequence);
        assertThat(text(row, "reason")).isNotBlank();
        assertThat(row.path("attempts").asInt()).isEqualTo(1);
        assertThat(text(row, "resolved_at")).isNull();
    }

    /** The center's ledger status line: events in the ledger, open quarantine, and nothing left to consume. */
    private void assertCenter(String center, long events, long quarantined) {
        JsonNode line = hub.center(center);
        assertThat(line).as("status of %s", center).isNotNull();
        assertThat(line.path("events").asLong()).as("events of %s", center).isEqualTo(events);
        assertThat(line.path("quarantined").asLong()).as("quarantined of %s", center).isEqualTo(quarantined);
        assertThat(line.path("consumer_lag").asLong(-1)).as("lag of %s", center).isZero();
        assertThat(text(line, "topic")).isEqualTo(props.topicOf(center));
        if (events > 0) {
            assertThat(line.path("last_position").asLong()).isPositive();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
