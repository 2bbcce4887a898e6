package org.studyledger.hub.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.hub.ledger.LedgerFixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.studyledger.hub.CenterKeys;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerFixtures.Chain;
import org.studyledger.hub.signing.KeyRegistry;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

/**
 * The ledger accepts only events signed by a registered key of their own center that was in use when they were
 * recorded; anything else is quarantined with the reason, and a key registered later (copied into the hub's key
 * directory, no restart) lets its quarantined events in on re-processing.
 *
 * <p>Every test uses centers (so topics and keys) of its own. The fixtures sign every event with its center's key,
 * which is registered in this hub's key directory ({@link CenterKeys}); the tests below make the other kinds.
 */
@HubTest
class SignatureIntakeTest extends LedgerInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every center topic the tests below use. */
    private static final String[] CENTERS = {"SGA", "SGS", "UNS", "WRK", "ALT", "UNK", "OCA", "ROT", "RET", "BDF"};

    @Autowired
    KeyRegistry keys;

    @BeforeAll
    static void topics(@Autowired HubProperties props) throws Exception {
        LedgerFixtures.createTopics(props, CENTERS);
    }

    @Test
    void eventsSignedWithTheirCentersRegisteredKeyAreAccepted() {
        Chain a = new Chain("SGA-001");
        producer.send(a.enrol());
        producer.send(a.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3));

        hub.awaitCaughtUp("SGA");

        assertThat(a.get(0).keyId()).isEqualTo(CenterKeys.of("SGA").keyId().value());
        assertThat(hub.ledgerSequences("SGA-001")).containsExactly(0L, 1L);
        assertThat(hub.quarantineOnTopics("SGA")).isEmpty();
    }

    @Test
    void theLedgerStoresEachEventWithItsKeyIdAndSignature() throws Exception {
        Chain a = new Chain("SGS-001");
        EventEnvelope enrolled = a.enrol();
        producer.send(enrolled);

        hub.awaitCaughtUp("SGS");

        byte[] stored = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, enrolled.eventId().toString());
        JsonNode metadata = JSON.readTree(stored);
        assertThat(metadata.path(EnvelopeCodec.KEY_ID).asText()).isEqualTo(enrolled.keyId());
        assertThat(metadata.path(EnvelopeCodec.SIGNATURE).asText()).isEqualTo(enrolled.signature());
        assertThat(metadata.path(EnvelopeCodec.HASH).asText()).isEqualTo(enrolled.hash());
    }

    @Test
    void anUnsignedEventIsQuarantinedAsUnsigned() {
        Chain a = new Chain("UNS-001");
        EventEnvelope unsigned = a.enrol().withSignature(null, null);
        RecordMetadata at = producer.send(unsigned);

        hub.awaitCaughtUp("UNS");

        JsonNode row = assertQuarantined(at, "UNSIGNED", "UNS-001", 0);
        assertThat(text(row, "reason")).contains("UNS-001 #0 is not signed");
        assertThat(hub.raw(at)).isEqualTo(LedgerFixtures.wire(unsigned));
        assertThat(hub.ledgerSequences("UNS-001")).isEmpty();
    }

    @Test
    void aSignatureByAnotherKeyOfTheCenterUnderTheRegisteredKeysIdIsABadSignature() {
        Chain a = new Chain("WRK-001");
        String registered = CenterKeys.of("WRK").keyId().value();
        SigningKey other = SigningKey.generate(a.center, CenterKeys.CREATED);
        byte[] forged = LedgerFixtures.encode(LedgerFixtures.signed(tree(a.enrol()), other, registered));
        RecordMetadata at = producer.send("WRK", "WRK-001", forged);

        hub.awaitCaughtUp("WRK");

        JsonNode row = assertQuarantined(at, "BAD_SIGNATURE", "WRK-001", 0);
        assertThat(text(row, "reason")).contains("does not verify with key " + registered);
        assertThat(hub.ledgerSequences("WRK-001")).isEmpty();
    }

    @Test
    void anEventChangedAfterItsCenterSignedItIsABadSignatureWhetherOrNotItWasRehashed() {
        Chain a = new Chain("ALT-001");
        producer.send(a.enrol());
        EventEnvelope genuine = a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        ObjectNode changed = tree(genuine);
        ((ObjectNode) changed.path(EnvelopeCodec.PAYLOAD).path("items")).put("MADRS_01", 6);
        ObjectNode rehashed = changed.deepCopy();
        rehashed.put(EnvelopeCodec.HASH, EventHashes.hashOf(rehashed));
        RecordMetadata changedAt = producer.send("ALT", "ALT-001", LedgerFixtures.encode(changed));
        RecordMetadata rehashedAt = producer.send("ALT", "ALT-001", LedgerFixtures.encode(rehashed));
        producer.send(genuine);

        hub.awaitCaughtUp("ALT");

        assertQuarantined(changedAt, "BAD_SIGNATURE", "ALT-001", 1);
        assertQuarantined(rehashedAt, "BAD_SIGNATURE", "ALT-001", 1);
        assertThat(hub.ledgerEventIds("ALT-001")).as("the genuine event gets in")
                .containsExactly(a.get(0).eventId().toString(), genuine.eventId().toString());
        assertThat(hub.headHash("ALT-001")).isEqualTo(genuine.hash());
    }

    @Test
    void anEventSignedWithAnUnknownKeyIsQuarantinedAndAcceptedOnceTheKeyIsRegisteredAndReprocessed() {
        Chain a = new Chain("UNK-001");
        producer.send(a.enrol());
        SigningKey unregistered = SigningKey.generate(a.center, CenterKeys.CREATED);
        EventEnvelope next = EnvelopeSignatures.sign(a.madrs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), unregistered);
        RecordMetadata at = producer.send(next);
        hub.awaitCaughtUp("UNK");
        JsonNode row = assertQuarantined(at, "UNKNOWN_SIGNING_KEY", "UNK-001", 1);
        assertThat(text(row, "reason")).contains(unregistered.keyId().value()).contains("not registered");
        assertThat(hub.ledgerSequences("UNK-001")).containsExactly(0L);

        // Registering is copying the key's public record into the hub's key directory; then re-process.
        KeyFiles.writePublic(keys.directory(), unregistered.registered());
        JsonNode result = http.postForObject("/api/v1/quarantine/reprocess", null, JsonNode.class);

        assertThat(result.path("applied").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode resolved = hub.quarantined(at);
        assertThat(text(resolved, "status")).isEqualTo("APPLIED");
        assertThat(hub.ledgerEventIds("UNK-001")).containsExactly(a.get(0).eventId().toString(),
                next.eventId().toString());
        assertThat(storedKeyId(next)).isEqualTo(unregistered.keyId().value());
    }

    @Test
    void anEventSignedWithAKeyOfAnotherCenterIsQuarantined() {
        Chain a = new Chain("OCA-001");
        SigningKey otherCenters = CenterKeys.of("OCB");
        byte[] signed = LedgerFixtures.encode(LedgerFixtures.signed(tree(a.enrol()), otherCenters,
                otherCenters.keyId().value()));
        RecordMetadata at = producer.send("OCA", "OCA-001", signed);

        hub.awaitCaughtUp("OCA");

        JsonNode row = assertQuarantined(at, "SIGNING_KEY_OF_OTHER_CENTER", "OCA-001", 0);
        assertThat(text(row, "reason")).contains(otherCenters.keyId().value()).contains("of center OCB");
        assertThat(hub.ledgerSequences("OCA-001")).isEmpty();
    }

    /**
     * Rotation: the center signs its events with a new key from some moment on and retires the old key at that
     * moment. Both keys stay registered, and the old one stays valid for the events recorded while it was in use.
     */
    @Test
    void aRetiredKeyStillVerifiesTheEventsRecordedBeforeItsRetirement() {
        Chain a = new Chain("ROT-001");
        SigningKey old = SigningKey.generate(a.center, CenterKeys.CREATED);
        // #0 and #1 are recorded on 5 and 6 January at 08:10, #2 on 7 January.
        KeyFiles.writePublic(keys.directory(), old.registered().retiredAt(Instant.parse("2026-01-06T12:00:00Z")));
        EventEnvelope enrolled = EnvelopeSignatures.sign(a.enrol(), old);
        EventEnvelope first = EnvelopeSignatures.sign(a.madrs(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), old);
        EventEnvelope second = a.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        producer.send(enrolled);
        producer.send(first);
        producer.send(second);

        hub.awaitCaughtUp("ROT");

        assertThat(hub.quarantineOnTopics("ROT")).isEmpty();
        assertThat(hub.ledgerSequences("ROT-001")).containsExactly(0L, 1L, 2L);
        assertThat(List.of(storedKeyId(enrolled), storedKeyId(first), storedKeyId(second))).containsExactly(
                old.keyId().value(), old.keyId().value(), CenterKeys.of("ROT").keyId().value());
    }

    @Test
    void anEventRecordedAfterItsKeyWasRetiredIsQuarantined() {
        Chain a = new Chain("RET-001");
        SigningKey old = SigningKey.generate(a.center, CenterKeys.CREATED);
        Instant retired = Instant.parse("2026-01-05T12:00:00Z");
        KeyFiles.writePublic(keys.directory(), old.registered().retiredAt(retired));
        producer.send(EnvelopeSignatures.sign(a.enrol(), old));
        EventEnvelope late = EnvelopeSignatures.sign(a.madrs(2, 2, 2, 2, 2, 2, 2, 2, 2, 2), old);
        RecordMetadata at = producer.send(late);

        hub.awaitCaughtUp("RET");

        JsonNode row = assertQuarantined(at, "SIGNING_KEY_RETIRED", "RET-001", 1);
        assertThat(text(row, "reason")).contains(old.keyId().value()).contains(retired.toString());
        assertThat(hub.ledgerSequences("RET-001")).containsExactly(0L);
    }

    @Test
    void theRegisteredKeysAreListedWithAKeyJustCopiedInWithoutARestart() {
        SigningKey registered = CenterKeys.of("LSK");
        SigningKey copiedIn = SigningKey.generate(new CenterId("LSK"), Instant.parse("2026-02-01T00:00:00Z"));
        KeyFiles.writePublic(keys.directory(), copiedIn.registered().retiredAt(Instant.parse("2026-03-01T00:00:00Z")));

        List<JsonNode> listed = listedKeys().stream().filter(k -> "LSK".equals(text(k, "center_id"))).toList();

        assertThat(listed).extracting(k -> text(k, "key_id"))
                .containsExactly(registered.keyId().value(), copiedIn.keyId().value());
        JsonNode first = listed.get(0);
        assertThat(text(first, "created_at")).isEqualTo("2025-12-01T00:00:00.000Z");
        assertThat(first.has("retired_at")).isTrue();
        assertThat(text(first, "retired_at")).isNull();
        assertThat(text(first, "public_key")).isEqualTo(Base64.getEncoder().encodeToString(
                registered.publicKey().getEncoded()));
        assertThat(text(listed.get(1), "retired_at")).isEqualTo("2026-03-01T00:00:00.000Z");
    }

    @Test
    void aBadFileInTheKeyDirectoryLeavesTheKeysReadBeforeInUse() throws Exception {
        Chain a = new Chain("BDF-001");
        producer.send(a.enrol());
        hub.awaitCaughtUp("BDF");
        Path bad = keys.directory().resolve("BDF-0123456789abcdef" + KeyFiles.PUBLIC_SUFFIX);
        SigningKey copiedIn = SigningKey.generate(a.center, CenterKeys.CREATED);
        try {
            Files.writeString(bad, "{\"key_id\": ", UTF_8);
            KeyFiles.writePublic(keys.directory(), copiedIn.registered());
            producer.send(a.madrs(5, 5, 5, 5, 5, 5, 5, 5, 5, 5));
            RecordMetadata newKeyAt = producer.send(EnvelopeSignatures.sign(a.madrs(4, 4, 4, 4, 4, 4, 4, 4, 4, 4),
                    copiedIn));

            hub.awaitCaughtUp("BDF");

            assertThat(hub.ledgerSequences("BDF-001")).as("the key read before still verifies").containsExactly(0L, 1L);
            assertQuarantined(newKeyAt, "UNKNOWN_SIGNING_KEY", "BDF-001", 2);
            assertThat(listedKeys()).extracting(k -> text(k, "key_id"))
                    .contains(CenterKeys.of("BDF").keyId().value()).doesNotContain(copiedIn.keyId().value());
        } finally {
            Files.deleteIfExists(bad);
            keys.reload();
        }
    }

    // ------------------------------------------------------------------------------------------------

    private List<JsonNode> listedKeys() {
        JsonNode listed = http.getForObject("/api/v1/ledger/keys", JsonNode.class);
        assertThat(listed.isArray()).as("%s", listed).isTrue();
        return StreamSupport.stream(listed.spliterator(), false).toList();
    }

    /** The key id the ledger stored with the event. */
    private String storedKeyId(EventEnvelope e) {
        try {
            byte[] stored = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE event_identifier = ?",
                    byte[].class, e.eventId().toString());
            return JSON.readTree(stored).path(EnvelopeCodec.KEY_ID).asText();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private JsonNode assertQuarantined(RecordMetadata at, String reason, String subject, long sequence) {
        JsonNode row = hub.quarantined(at);
        assertThat(row).as("quarantine row at %s@%d", at.topic(), at.offset()).isNotNull();
        assertThat(text(row, "reason_code")).as("reason code (%s)", text(row, "reason")).isEqualTo(reason);
        assertThat(text(row, "status")).isEqualTo("QUARANTINED");
        assertThat(text(row, "subject_id")).isEqualTo(subject);
        assertThat(row.path("sequence").asLong()).isEqualTo(sequence);
        return row;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
