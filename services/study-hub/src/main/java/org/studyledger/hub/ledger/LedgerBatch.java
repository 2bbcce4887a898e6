package org.studyledger.hub.ledger;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.studyledger.hub.quarantine.QuarantineStore;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.AssessmentEvent;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.verification.KnownAssessments;

/**
 * The ledger as one batch of messages sees it: everything the checks against the ledger will ask about the batch's
 * events, read in one query per table once the batch holds its subjects' locks, plus what the batch has accepted and
 * quarantined itself so far. An event accepted earlier in the batch is in the ledger for the next one (its id, its
 * place, its assessment, its subject's head), and a message quarantined earlier in the batch holds its subject's later
 * events up, exactly as if each message had been taken in a transaction of its own, in order.
 *
 * <p>It answers only what it read: a question about anything else is a defect (it would answer "not in the ledger"
 * for something that may be), so it throws, and the message asking is quarantined as {@code UNVERIFIABLE}.
 */
final class LedgerBatch implements LedgerView {
    private final Set<String> subjects;
    private final Map<String, String> eventHashes;
    private final Set<String> eventIdsRead;
    private final Map<LedgerHeads.Place, String> hashesAt;
    private final Set<LedgerHeads.Place> placesRead;
    private final Map<String, LedgerHeads.Assessment> assessments;
    private final Set<String> assessmentIdsRead;
    private final Map<String, LedgerHeads.Head> heads;
    private final Map<String, NavigableSet<Long>> openSequences = new HashMap<>();

    private LedgerBatch(Set<String> subjects, Set<String> eventIds, Set<LedgerHeads.Place> places,
                        Set<String> assessmentIds, LedgerHeads ledger, QuarantineStore quarantine) {
        this.subjects = subjects;
        this.eventIdsRead = eventIds;
        this.placesRead = places;
        this.assessmentIdsRead = assessmentIds;
        this.eventHashes = ledger.hashesOfEvents(eventIds);
        this.hashesAt = ledger.hashesAt(places);
        this.assessments = ledger.assessments(assessmentIds);
        this.heads = ledger.heads(subjects);
        quarantine.openSequences(subjects).forEach((subject, sequences) ->
                openSequences.computeIfAbsent(subject, s -> new TreeSet<>()).addAll(sequences));
    }

    /**
     * Reads what the checks will ask about these events (the batch's messages that passed the checks of the message on
     * its own). Call it holding the locks of their subjects.
     */
    static LedgerBatch read(Collection<EnvelopeVerifier.Checked> events, LedgerHeads ledger, QuarantineStore quarantine) {
        Set<String> subjects = new LinkedHashSet<>();
        Set<String> eventIds = new LinkedHashSet<>();
        Set<LedgerHeads.Place> places = new LinkedHashSet<>();
        Set<String> assessmentIds = new LinkedHashSet<>();
        for (EnvelopeVerifier.Checked checked : events) {
            EventEnvelope e = checked.envelope();
            subjects.add(e.subjectId().value());
            eventIds.add(e.eventId().toString());
            places.add(new LedgerHeads.Place(e.subjectId().value(), e.sequence()));
            if (checked.event() instanceof AssessmentEvent about) {
                assessmentIds.add(about.assessmentId().toString());
            }
        }
        return new LedgerBatch(subjects, eventIds, places, assessmentIds, ledger, quarantine);
    }

    /** The batch appended this event: from now on it is in the ledger. */
    void appended(EventEnvelope e, StudyEvent event) {
        String subject = e.subjectId().value();
        eventHashes.put(e.eventId().toString(), e.hash());
        hashesAt.put(new LedgerHeads.Place(subject, e.sequence()), e.hash());
        heads.put(subject, new LedgerHeads.Head(subject, e.centerId().value(), e.sequence(), e.hash()));
        KnownAssessments.recordedBy(event).ifPresent(recorded -> assessments.put(recorded.assessmentId().toString(),
                new LedgerHeads.Assessment(subject, recorded.instrument())));
    }

    /**
     * The batch quarantined a message claiming this subject and sequence, in a new row (a message that was already in
     * the quarantine keeps its row and status): it holds the subject's later events up.
     */
    void quarantined(String subjectId, Long sequence) {
        if (subjectId != null && sequence != null) {
            openSequences.computeIfAbsent(subjectId, s -> new TreeSet<>()).add(sequence);
        }
    }

    @Override
    public Optional<String> hashOfEvent(String eventId) {
        require(eventIdsRead.contains(eventId), "event id", eventId);
        return Optional.ofNullable(eventHashes.get(eventId));
    }

    @Override
    public Optional<String> hashAt(String subjectId, long sequence) {
        LedgerHeads.Place place = new LedgerHeads.Place(subjectId, sequence);
        require(placesRead.contains(place), "place", place);
        return Optional.ofNullable(hashesAt.get(place));
    }

    @Override
    public Optional<LedgerHeads.Assessment> assessment(String assessmentId) {
        require(assessmentIdsRead.contains(assessmentId), "assessment", assessmentId);
        return Optional.ofNullable(assessments.get(assessmentId));
    }

    @Override
    public Optional<LedgerHeads.Head> head(String subjectId) {
        require(subjects.contains(subjectId), "subject", subjectId);
        return Optional.ofNullable(heads.get(subjectId));
    }

    @Override
    public boolean holdsEarlier(String subjectId, long nextSequence, long sequence) {
        require(subjects.contains(subjectId), "subject", subjectId);
        NavigableSet<Long> open = openSequences.get(subjectId);
        return open != null && nextSequence < sequence && !open.subSet(nextSequence, true, sequence, false).isEmpty();
    }

    private static void require(boolean read, String what, Object which) {
        if (!read) {
            throw new IllegalStateException("the batch did not read the ledger's " + what + " " + which);
        }
    }
}
