package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

class EnvelopeCodecTest {

    @Test
    void everyEventTypeSurvivesTheWireUnchanged() {
        var history = SampleEvents.events();
        var chain = SampleEvents.chain();
        for (int i = 0; i < chain.size(); i++) {
            EventEnvelope decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(chain.get(i)));
            assertThat(decoded).isEqualTo(chain.get(i));
            StudyEvent event = EnvelopeCodec.payloadOf(decoded);
            assertThat(event).isEqualTo(history.get(i));
            assertThat(decoded.eventType()).isEqualTo(event.getClass().getSimpleName());
            assertThat(decoded.schemaRevision()).isEqualTo("1");
        }
    }

    @Test
    void sealingCutsInstantsToMillisecondsSoTheWireFormRoundTrips() {
        EventEnvelope sealed = EnvelopeCodec.seal(new EnvelopeHeader(UUID.randomUUID(), SampleEvents.STUDY, SampleEvents.CENTER,
                SampleEvents.SUBJECT, 0, Instant.parse("2026-07-14T10:00:00.123456789Z"),
                Instant.parse("2026-07-14T10:00:01.987654Z"), new Actor("dm-1", "data-manager"), "api", EventHashes.GENESIS),
                new FollowUpCompleted(java.time.LocalDate.of(2026, 7, 14)));
        assertThat(sealed.occurredAt()).isEqualTo(Instant.parse("2026-07-14T10:00:00.123Z"));
        assertThat(new String(EnvelopeCodec.encode(sealed))).contains("\"recorded_at\":\"2026-07-14T10:00:01.987Z\"");
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(sealed))).isEqualTo(sealed);
        assertThat(sealed.hashIsValid()).isTrue();
    }

    @Test
    void anActorsDisplayNameTravelsWithTheEnvelopeAndIsHashedOnlyWhenPresent() {
        EnvelopeHeader header = new EnvelopeHeader(UUID.fromString("3f1c2a4e-6b7d-4e8f-9a0b-1c2d3e4f5a6b"), SampleEvents.STUDY,
                SampleEvents.CENTER, SampleEvents.SUBJECT, 0, Instant.parse("2026-07-14T10:00:00Z"),
                Instant.parse("2026-07-14T10:00:01Z"), new Actor("inv-07", "investigator"), "api", EventHashes.GENESIS);
        EventEnvelope without = EnvelopeCodec.seal(header, new FollowUpCompleted(java.time.LocalDate.of(2026, 7, 14)));
        EventEnvelope with = EnvelopeCodec.seal(new EnvelopeHeader(header.eventId(), header.studyId(), header.centerId(),
                header.subjectId(), 0, header.occurredAt(), header.recordedAt(),
                new Actor("inv-07", "investigator", "Ines Verdi"), "api", EventHashes.GENESIS),
                new FollowUpCompleted(java.time.LocalDate.of(2026, 7, 14)));

        assertThat(new String(EnvelopeCodec.encode(without))).contains("\"actor\":{\"id\":\"inv-07\",\"role\":\"investigator\"}");
        assertThat(new String(EnvelopeCodec.encode(with)))
                .contains("\"actor\":{\"id\":\"inv-07\",\"name\":\"Ines Verdi\",\"role\":\"investigator\"}");
        assertThat(with.hash()).as("the name is part of what the hash covers").isNotEqualTo(without.hash());
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(with))).isEqualTo(with);
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(without)).actor().name()).isNull();
        assertThat(EnvelopeHeader.fromMetadata(EnvelopeHeader.metadataOf(with)).actor()).isEqualTo(with.actor());
        assertThat(EnvelopeHeader.metadataOf(without)).doesNotContainKey(EnvelopeHeader.ACTOR_NAME);

        ObjectNode tooLong = EnvelopeCodec.toTree(with);
        ((ObjectNode) tooLong.get("actor")).put("name", "x".repeat(201));
        assertThatThrownBy(() -> EnvelopeCodec.decode(tooLong)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 200");
        assertThatThrownBy(() -> new Actor("inv-07", "investigator", " ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> new Actor("inv-07", "investigator", "a\u0000b")).hasMessageContaining("U+0000");
    }

    @Test
    void decodingReportsEveryHeaderProblemAtOnce() {
        ObjectNode tree = EnvelopeCodec.toTree(SampleEvents.chain().get(1));
        tree.put("event_id", "3F1C2A4E-6B7D-4E8F-9A0B-1C2D3E4F5A6B");
        tree.put("event_type", "AssessmentDeleted");
        tree.remove("study_id");
        tree.put("center_id", "pav");
        tree.put("sequence", -1);
        tree.put("occurred_at", "2026-01-12T08:15:00Z");
        tree.putObject("actor").put("id", "rater-017");
        tree.put("previous_hash", "abc");
        tree.put("colour", "blue");

        assertThatThrownBy(() -> EnvelopeCodec.decode(tree))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).problems().stream().map(Problem::path).toList())
                .asList()
                .containsExactlyInAnyOrder("event_id", "event_type", "study_id", "center_id", "sequence", "occurred_at",
                        "actor.role", "previous_hash", "colour");
    }

    @Test
    void malformedJsonIsOneProblemAtTheRoot() {
        assertThatThrownBy(() -> EnvelopeCodec.decode("{\"event_id\": ".getBytes()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).path()).isEmpty();
                    assertThat(e.problems().get(0).message()).startsWith("malformed JSON");
                });
    }

    @Test
    void aPayloadThatBreaksAnEventInvariantIsReportedUnderPayload() {
        ObjectNode tree = EnvelopeCodec.toTree(SampleEvents.chain().get(1));
        ((ObjectNode) tree.get("payload")).put("rater", " ");
        EventEnvelope e = EnvelopeCodec.decode(tree);
        assertThatThrownBy(() -> EnvelopeCodec.payloadOf(e))
                .isInstanceOfSatisfying(ValidationException.class,
                        ex -> assertThat(ex.problems().get(0).message()).contains("rater is required"));
    }

    @Test
    void aPayloadWithAnUnknownFieldIsRefusedWithItsPath() {
        ObjectNode tree = EnvelopeCodec.toTree(SampleEvents.chain().get(1));
        ((ObjectNode) tree.get("payload")).put("mood", "good");
        EventEnvelope e = EnvelopeCodec.decode(tree);
        assertThatThrownBy(() -> EnvelopeCodec.payloadOf(e))
                .isInstanceOfSatisfying(ValidationException.class,
                        ex -> assertThat(ex.problems().get(0).path()).isEqualTo("payload.mood"));
    }

    @Test
    void aRevisionThisCodeDoesNotKnowIsRefusedNotGuessed() {
        ObjectNode tree = EnvelopeCodec.toTree(SampleEvents.chain().get(1));
        tree.put("schema_revision", "7");
        EventEnvelope e = EnvelopeCodec.decode(tree);
        assertThatThrownBy(() -> EnvelopeCodec.payloadOf(e))
                .isInstanceOfSatisfying(ValidationException.class,
                        ex -> assertThat(ex.problems().get(0).path()).isEqualTo("schema_revision"));
    }

    @Test
    void theWireFormIsTheCanonicalEncodingWithTheHash() {
        EventEnvelope e = SampleEvents.chain().get(1);
        String wire = new String(EnvelopeCodec.encode(e));
        assertThat(wire).startsWith("{\"actor\":{\"id\":\"rater-017\",\"role\":\"rater\"},\"center_id\":\"PAV\"")
                .contains("\"hash\":\"" + e.hash() + "\"")
                .doesNotContain(" ", "\"dose_session\"", "\"study_day\"");
        assertThat(EnvelopeCodec.payloadOf(e)).isInstanceOf(AssessmentRecorded.class);
    }

    @Test
    void aPayloadValueTheMappingWouldCoerceIsRefusedNotSilentlyChanged() {
        ObjectNode tree = EnvelopeCodec.toTree(SampleEvents.chain().get(1));
        ((ObjectNode) tree.get("payload").get("items")).put("MADRS_03", new java.math.BigDecimal("3.5"));
        EventEnvelope e = EnvelopeCodec.decode(tree);
        assertThatThrownBy(() -> EnvelopeCodec.payloadOf(e))
                .isInstanceOfSatisfying(ValidationException.class,
                        ex -> assertThat(ex.problems().get(0).path()).isEqualTo("payload.items.MADRS_03"));
    }

    @Test
    void aPayloadInstantWithoutMillisecondsIsNotCanonical() {
        ObjectNode tree = EnvelopeCodec.toTree(SampleEvents.chain().get(1));
        ((ObjectNode) tree.get("payload")).put("administered_at", "2026-01-12T08:15:00Z");
        EventEnvelope e = EnvelopeCodec.decode(tree);
        assertThatThrownBy(() -> EnvelopeCodec.payloadOf(e))
                .isInstanceOfSatisfying(ValidationException.class,
                        ex -> assertThat(ex.problems().get(0).path()).isEqualTo("payload.administered_at"));
    }

    @Test
    void aNumberSentAsTextIsNotCanonical() {
        ObjectNode tree = EnvelopeCodec.toTree(SampleEvents.chain().get(0));
        ((ObjectNode) tree.get("payload")).put("birth_year", "1971");
        EventEnvelope e = EnvelopeCodec.decode(tree);
        assertThatThrownBy(() -> EnvelopeCodec.payloadOf(e))
                .isInstanceOfSatisfying(ValidationException.class,
                        ex -> assertThat(ex.problems().get(0).path()).isEqualTo("payload.birth_year"));
    }
}
