package org.studyledger.center.subject;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.studyledger.center.subject.SubjectFixtures.AE_1;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_AT;
import static org.studyledger.center.subject.SubjectFixtures.BASELINE_MADRS;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_1;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_2;
import static org.studyledger.center.subject.SubjectFixtures.DOSE_3;
import static org.studyledger.center.subject.SubjectFixtures.FIRST_DOSE_AT;
import static org.studyledger.center.subject.SubjectFixtures.NOW;
import static org.studyledger.center.subject.SubjectFixtures.NURSE;
import static org.studyledger.center.subject.SubjectFixtures.PAV;
import static org.studyledger.center.subject.SubjectFixtures.RATER;
import static org.studyledger.center.subject.SubjectFixtures.SECOND_ASSESSMENT;
import static org.studyledger.center.subject.SubjectFixtures.STUDY;
import static org.studyledger.center.subject.SubjectFixtures.SUBJECT;
import static org.studyledger.center.subject.SubjectFixtures.adverseEvent;
import static org.studyledger.center.subject.SubjectFixtures.at;
import static org.studyledger.center.subject.SubjectFixtures.cadssItems;
import static org.studyledger.center.subject.SubjectFixtures.correct;
import static org.studyledger.center.subject.SubjectFixtures.dose;
import static org.studyledger.center.subject.SubjectFixtures.enrol;
import static org.studyledger.center.subject.SubjectFixtures.eventsMatching;
import static org.studyledger.center.subject.SubjectFixtures.madrsItems;
import static org.studyledger.center.subject.SubjectFixtures.matching;
import static org.studyledger.center.subject.SubjectFixtures.newFixture;
import static org.studyledger.center.subject.SubjectFixtures.recordAtSession;
import static org.studyledger.center.subject.SubjectFixtures.recordMadrs;
import static org.studyledger.center.subject.SubjectFixtures.withhold;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studyledger.support.eventstore.StoredEnvelopes;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.RecordAssessment;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * Every applied event carries its envelope header as metadata, so the envelope, and the subject's hash chain,
 * can be rebuilt and verified from the event store alone.
 */
class SubjectEnvelopeTest {
    private static final String CSV_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private AggregateTestFixture<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    /** The only event a command applied, as its envelope rebuilt from payload and metadata (hash checked). */
    private static Matcher<List<EventMessage<?>>> oneEnvelope(String text, Predicate<EventEnvelope> test) {
        return eventsMatching("one event whose rebuilt envelope " + text,
                events -> events.size() == 1 && test.test(StoredEnvelopes.envelopeOf(events.get(0))));
    }

    private List<DomainEventMessage<?>> storedHistory() {
        return fixture.getEventStore().readEvents(SUBJECT.value()).asStream().<DomainEventMessage<?>>map(m -> m).toList();
    }

    @Test
    void sealsTheFirstEventAtSequenceZeroAfterTheGenesisHash() {
        fixture.givenNoPriorActivity()
                .when(enrol())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("is #0 after the genesis hash and hashes to its recorded hash",
                        e -> e.sequence() == 0 && e.previousHash().equals(EventHashes.GENESIS) && e.hashIsValid()
                                && e.eventType().equals("SubjectEnrolled") && e.schemaRevision().equals("1")));
    }

    @Test
    void namesTheStudyCenterAndSubject() {
        fixture.givenNoPriorActivity()
                .when(enrol())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("names ESK-TRD, PAV and PAV-001",
                        e -> e.studyId().equals(STUDY) && e.centerId().equals(PAV) && e.subjectId().equals(SUBJECT)));
    }

    @Test
    void chainsEveryEventToThePreviousOneVerifiablyFromTheStoreAlone() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT), dose(DOSE_1, FIRST_DOSE_AT),
                        recordAtSession(SECOND_ASSESSMENT, "CADSS", 1, FIRST_DOSE_AT.plusSeconds(2400), cadssItems()),
                        adverseEvent(AE_1, LocalDate.of(2026, 1, 12)),
                        correct(BASELINE_MADRS, madrsItems(5, 4, 3, 3, 3, 3, 3, 2, 1, 1), "transcription error"),
                        withhold(DOSE_2, at("2026-01-15T09:00:00Z"), "pre-dose BP 165/100"))
                .when(dose(DOSE_3, at("2026-01-19T09:00:00Z")))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("is #7", e -> e.sequence() == 7 && e.hashIsValid()));

        List<DomainEventMessage<?>> history = storedHistory();
        assertEquals(8, history.size());
        Set<Object> eventIds = new HashSet<>();
        EventEnvelope previous = null;
        for (int i = 0; i < history.size(); i++) {
            DomainEventMessage<?> stored = history.get(i);
            // Rebuilt from payload + metadata only; throws if the hash or the aggregate sequence disagree.
            EventEnvelope envelope = StoredEnvelopes.envelopeOf(stored);
            long sequence = i;
            String expectedPrevious = previous == null ? EventHashes.GENESIS : previous.hash();
            EventEnvelope before = previous;
            assertAll("event #" + i,
                    () -> assertEquals(sequence, envelope.sequence()),
                    () -> assertEquals(sequence, stored.getSequenceNumber()),
                    () -> assertEquals(expectedPrevious, envelope.previousHash()),
                    () -> assertEquals(stored.getMetaData().get(EnvelopeCodec.HASH), envelope.hash()),
                    () -> assertEquals(EventHashes.hashOf(envelope), envelope.hash()),
                    () -> assertTrue(before == null || envelope.follows(before)),
                    () -> assertEquals(stored.getPayloadType().getSimpleName(), envelope.eventType()));
            assertTrue(eventIds.add(envelope.eventId()), "event ids are unique");
            previous = envelope;
        }
    }

    @Test
    void detectsAStoredEventWhosePayloadWasAltered() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .when(dose(DOSE_1, FIRST_DOSE_AT))
                .expectSuccessfulHandlerExecution();

        DomainEventMessage<?> stored = storedHistory().get(1);
        AssessmentRecorded original = (AssessmentRecorded) stored.getPayload();
        AssessmentRecorded altered = new AssessmentRecorded(original.assessmentId(), original.instrument(), original.visit(),
                original.doseSession(), original.administeredAt(), original.rater(),
                new TreeMap<>(Map.of("MADRS_01", 0, "MADRS_02", 0, "MADRS_03", 0, "MADRS_04", 0,
                        "MADRS_05", 0, "MADRS_06", 0, "MADRS_07", 0, "MADRS_08", 0, "MADRS_09", 0, "MADRS_10", 0)),
                original.scores(), original.studyDay(), original.outOfWindow());
        DomainEventMessage<StudyEvent> tampered = new GenericDomainEventMessage<>(stored.getType(),
                stored.getAggregateIdentifier(), stored.getSequenceNumber(), altered, stored.getMetaData());

        StoredEnvelopes.envelopeOf(stored);
        assertThrows(StoredEnvelopes.StoredEventAltered.class, () -> StoredEnvelopes.envelopeOf(tampered));
    }

    @Test
    void takesActorAndSourceFromTheCommandsProvenance() {
        Provenance csvRow = Provenance.csv(RATER, CSV_SHA256, 12);
        fixture.givenCommands(enrol())
                .when(new RecordAssessment(SUBJECT, BASELINE_MADRS, "MADRS", null, "T0", null, BASELINE_AT, RATER.id(),
                        madrsItems(4, 4, 3, 3, 3, 3, 3, 2, 1, 1), csvRow))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("was recorded by rater-017 from CSV line 12",
                        e -> e.actor().equals(RATER) && e.source().equals("csv:" + CSV_SHA256 + "#12")));
    }

    @Test
    void takesTheApiSourceAndTheNurseAsActorForAnApiCommand() {
        fixture.givenCommands(enrol())
                .when(dose(DOSE_1, FIRST_DOSE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("was recorded by nurse-003 through the API",
                        e -> e.actor().equals(NURSE) && e.source().equals("api")));
    }

    @Test
    void placesADateOnlyFactAtTheStartOfItsDayInTheCenterZoneAndRecordsItNow() {
        // Midnight of 8 January in Pavia (UTC+1) is 23:00 UTC on the 7th.
        fixture.givenNoPriorActivity()
                .when(enrol())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("occurred at 2026-01-07T23:00Z and was recorded now",
                        e -> e.occurredAt().equals(at("2026-01-07T23:00:00Z")) && e.recordedAt().equals(NOW)));
    }

    @Test
    void placesAnAssessmentAtItsAdministrationTime() {
        fixture.givenCommands(enrol())
                .when(recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("occurred when administered",
                        e -> e.occurredAt().equals(BASELINE_AT) && e.recordedAt().equals(NOW)));
    }

    @Test
    void placesACorrectionAtTheTimeItWasMade() {
        fixture.givenCommands(enrol(), recordMadrs(BASELINE_MADRS, "T0", BASELINE_AT))
                .when(correct(BASELINE_MADRS, madrsItems(5, 4, 3, 3, 3, 3, 3, 2, 1, 1), "transcription error"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(oneEnvelope("occurred now", e -> e.occurredAt().equals(NOW)));
    }

    @Test
    void returnsTheIdentityAndPlaceOfTheSealedEvent() {
        AtomicReference<EventMessage<?>> applied = new AtomicReference<>();
        fixture.givenCommands(enrol(), dose(DOSE_1, FIRST_DOSE_AT))
                .when(dose(DOSE_2, at("2026-01-15T09:00:00Z")))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(eventsMatching("one event", events -> {
                    applied.set(events.get(0));
                    return events.size() == 1;
                }))
                .expectResultMessagePayloadMatching(matching("the applied event's id, sequence and hashes",
                        RecordedEvent.class, r -> {
                            EnvelopeHeader header = EnvelopeHeader.fromMetadata(applied.get().getMetaData());
                            return r.eventId().equals(header.eventId())
                                    && r.eventType().equals("DoseAdministered")
                                    && r.subjectId().equals("PAV-001")
                                    && r.sequence() == 2 && header.sequence() == 2
                                    && r.previousHash().equals(header.previousHash())
                                    && r.hash().equals(applied.get().getMetaData().get(EnvelopeCodec.HASH));
                        }));
    }
}
