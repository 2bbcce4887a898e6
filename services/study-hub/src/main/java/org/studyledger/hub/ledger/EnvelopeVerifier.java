package org.studyledger.hub.ledger;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.quarantine.QuarantineStore;
import org.studyledger.hub.signing.KeyRegistry;
import org.studyledger.kernel.envelope.CanonicalJson;
import org.studyledger.kernel.envelope.CanonicalReader;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeClaim;
import org.studyledger.kernel.envelope.EnvelopeReader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.envelope.WireLimits;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SignatureCheck;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.StudyEventVisitor;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;
import org.studyledger.kernel.verification.EventChecks;
import org.studyledger.kernel.verification.Finding;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * Decides whether a message from a center's topic is the next event of its subject. The checks run from
 * the message itself outwards: can it be read (within the intake limits, canonical, valid against the published
 * schema: the kernel's {@link EnvelopeReader}), is it on the right topic for its center and subject, did its
 * center sign it (a registered key of that center, in use when the event was recorded), does its hash
 * recompute, does its payload fit its schema, do its scores recompute from its items and does it keep the
 * protocol, and finally does it continue the subject's chain in the ledger.
 *
 * <p>The checks come in two parts, so a batch of messages can be verified together: {@link #read} runs the checks of the
 * message on its own (1 to 7 in docs/ledger.md), which read nothing of the ledger, and {@link #decide} the checks
 * against the ledger (8 to 14), asked of a {@link LedgerView}: the database itself ({@link #verify}), or the batch's view
 * of it, in which an event accepted earlier in the batch is already there. Either way the same checks run in the same
 * order and say the same thing.
 *
 * <p>{@link #verify}, {@link #read} and {@link #decide} are total: for any bytes, key and topic they end in a verdict. A
 * check that throws (a defect) is a rejection as {@link VerificationFailure#UNVERIFIABLE}; only a failure of the database or Kafka
 * propagates, to be retried.
 */
@Component
public class EnvelopeVerifier {
    private static final Logger log = LoggerFactory.getLogger(EnvelopeVerifier.class);

    private final HubProperties hub;
    private final Protocol protocol;
    private final ScoringEngine scoring;
    private final LedgerHeads heads;
    private final QuarantineStore quarantine;
    private final KeyRegistry keys;
    private final WireLimits limits;

    EnvelopeVerifier(HubProperties hub, Protocol protocol, ScoringEngine scoring, LedgerHeads heads,
                     QuarantineStore quarantine, KeyRegistry keys, WireLimits limits) {
        this.limits = limits;
        this.hub = hub;
        this.protocol = protocol;
        this.scoring = scoring;
        this.heads = heads;
        this.quarantine = quarantine;
        this.keys = keys;
    }

    /**
     * Every check against the ledger as it stands in the database (the single-message path: re-processing, and a
     * message taken on its own).
     *
     * @param topic        the topic the message came from
     * @param key          the record's key (must be the subject id: it keeps a subject's events in one partition)
     * @param value        the message's bytes
     * @param quarantineId when re-processing a quarantined message, its own id (it does not hold itself up)
     */
    public Verdict verify(String topic, String key, byte[] value, Long quarantineId) {
        return decide(read(topic, key, value), stored(quarantineId));
    }

    /**
     * What the checks of the message on its own made of it (checks 1 to 7: readable, on its center's topic, signed by
     * its center, its hash, its payload): a rejection, or an event to {@link #decide} against the ledger. Reads nothing
     * of the ledger, so the messages of a batch can be read before its transaction, and on several threads at once.
     */
    sealed interface Reading {
    }

    /** Refused by a check of the message on its own. */
    record Refused(Verdict.Reject reject) implements Reading {
    }

    /** Passed every check of the message on its own; what remains depends on the ledger. */
    record Checked(String topic, byte[] value, EventEnvelope envelope, StudyEvent event) implements Reading {
    }

    /** Checks 1 to 7; total: a check that throws is {@link VerificationFailure#UNVERIFIABLE}. */
    Reading read(String topic, String key, byte[] value) {
        try {
            return readAlone(topic, key, value);
        } catch (RuntimeException | StackOverflowError e) {
            return new Refused(unverifiable(topic, value, e));
        }
    }

    /**
     * Checks 8 to 14 of a message that passed the others, against {@code ledger}: the ledger as the database holds it,
     * or as a batch sees it, the events it accepted before this one included. Total as {@link #read} is.
     */
    Verdict decide(Reading reading, LedgerView ledger) {
        if (reading instanceof Refused refused) {
            return refused.reject();
        }
        Checked checked = (Checked) reading;
        try {
            return againstLedger(checked.envelope(), checked.event(), ledger);
        } catch (RuntimeException | StackOverflowError e) {
            return unverifiable(checked.topic(), checked.value(), e);
        }
    }

    private Verdict.Reject unverifiable(String topic, byte[] value, Throwable e) {
        if (e instanceof RuntimeException runtime && InfrastructureFailures.isInfrastructure(e)) {
            throw runtime;
        }
        log.error("a check failed on a message from {}; it is quarantined as {}", topic, VerificationFailure.UNVERIFIABLE, e);
        return new Verdict.Reject(VerificationFailure.UNVERIFIABLE, unexpected(e), null, claimOf(value));
    }

    /** The ledger as the database holds it now, read one question at a time. */
    private LedgerView stored(Long quarantineId) {
        return new LedgerView() {
            @Override
            public Optional<String> hashOfEvent(String eventId) {
                return heads.hashOfEvent(eventId);
            }

            @Override
            public Optional<String> hashAt(String subjectId, long sequence) {
                return heads.hashAt(subjectId, sequence);
            }

            @Override
            public Optional<LedgerHeads.Assessment> assessment(String assessmentId) {
                return heads.assessment(assessmentId);
            }

            @Override
            public Optional<LedgerHeads.Head> head(String subjectId) {
                return heads.head(subjectId);
            }

            @Override
            public boolean holdsEarlier(String subjectId, long nextSequence, long sequence) {
                return quarantine.holdsEarlier(subjectId, nextSequence, sequence, quarantineId);
            }
        };
    }

    /** {@code java.lang.IllegalStateException: …}: what a person needs to find the defect. */
    static String unexpected(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "a check failed unexpectedly, not for anything wrong with the message: " + e.getClass().getName()
                + (message.length() > 500 ? message.substring(0, 500) + "…" : message);
    }

    /** What the message claims, member by member, read without trusting anything else about it. */
    private EnvelopeClaim claimOf(byte[] value) {
        try {
            return value == null ? EnvelopeClaim.NONE
                    : EnvelopeClaim.of(CanonicalReader.read(value, limits, EnvelopeClaim.MEMBERS).topLevel());
        } catch (RuntimeException e) {
            return EnvelopeClaim.NONE;
        }
    }

    private Reading readAlone(String topic, String key, byte[] value) {
        if (value == null || value.length == 0) {
            return new Refused(new Verdict.Reject(VerificationFailure.MALFORMED,
                    "the record has no value (null or empty, e.g. a tombstone)", null));
        }
        EnvelopeReader.Reading reading = EnvelopeReader.read(value, limits);
        if (reading instanceof EnvelopeReader.Unreadable unreadable) {
            return new Refused(new Verdict.Reject(VerificationFailure.of(unreadable.failure()), unreadable.reason(), null,
                    unreadable.claim()));
        }
        EnvelopeReader.Readable readable = (EnvelopeReader.Readable) reading;
        EventEnvelope envelope = readable.envelope();
        if (!envelope.studyId().value().equals(hub.studyId())) {
            return refused(VerificationFailure.WRONG_STUDY, "study " + envelope.studyId() + " is not this hub's study " + hub.studyId(), envelope);
        }
        String topicCenter = hub.centerOfTopic(topic);
        if (!envelope.centerId().value().equals(topicCenter)) {
            return refused(VerificationFailure.WRONG_TOPIC, "an event of center " + envelope.centerId() + " arrived on topic " + topic
                    + (topicCenter == null ? "" : " of center " + topicCenter), envelope);
        }
        if (!envelope.subjectId().belongsTo(envelope.centerId())) {
            return refused(VerificationFailure.SUBJECT_NOT_OF_CENTER, "subject " + envelope.subjectId() + " is not a subject of center "
                    + envelope.centerId(), envelope);
        }
        if (!envelope.subjectId().value().equals(key)) {
            return refused(VerificationFailure.WRONG_KEY, "the record key " + (key == null ? "is missing" : "'" + key + "'")
                    + " but must be the subject id " + envelope.subjectId()
                    + ", or the subject's events are not kept in order in one partition", envelope);
        }
        // Before the hash: the signature covers the whole envelope, hash included, so a message changed after its
        // center signed it is refused for what it is, not signed by its center, whether or not it was re-hashed.
        // Encoded once: the signature and the hash are both computed over the envelope's canonical members.
        CanonicalJson.Members members = EnvelopeCodec.canonicalMembers(envelope);
        SignatureCheck signature = EnvelopeSignatures.check(envelope, keys.ringFor(envelope.keyId()), members);
        if (!signature.isValid()) {
            return refused(VerificationFailure.of(signature.outcome()), signature.reason(), envelope);
        }
        String recomputed = EventHashes.hashOf(members);
        if (!recomputed.equals(envelope.hash())) {
            return refused(VerificationFailure.HASH_MISMATCH, "hash " + envelope.hash() + " does not recompute (the envelope hashes to "
                    + recomputed + "): altered after it was sealed", envelope);
        }
        EnvelopeReader.Payload payload = EnvelopeReader.payloadOf(readable);
        if (payload instanceof EnvelopeReader.Refused refused) {
            return refused(VerificationFailure.of(refused.failure()), refused.reason(), envelope);
        }
        return new Checked(topic, value, envelope, ((EnvelopeReader.Typed) payload).event());
    }

    /** Checks 8 to 14, in order. */
    private Verdict againstLedger(EventEnvelope envelope, StudyEvent event, LedgerView ledger) {
        String subject = envelope.subjectId().value();
        Optional<String> sameId = ledger.hashOfEvent(envelope.eventId().toString());
        if (sameId.isPresent()) {
            return sameId.get().equals(envelope.hash()) ? new Verdict.Duplicate(envelope)
                    : reject(VerificationFailure.CONFLICT, "event id " + envelope.eventId() + " is already in the ledger with other content"
                    + " (hash " + sameId.get() + ")", envelope);
        }
        Optional<String> atSequence = ledger.hashAt(subject, envelope.sequence());
        if (atSequence.isPresent()) {
            return reject(VerificationFailure.CONFLICT, subject + " #" + envelope.sequence() + " is already in the ledger as another event"
                    + " (hash " + atSequence.get() + "); this one differs", envelope);
        }
        Verdict content = checkContent(envelope, event, ledger);
        if (content != null) {
            return content;
        }
        Optional<LedgerHeads.Head> head = ledger.head(subject);
        long expected = head.map(h -> h.lastSequence() + 1).orElse(0L);
        if (ledger.holdsEarlier(subject, expected, envelope.sequence())) {
            return reject(VerificationFailure.HELD, "an earlier event of " + subject + " is quarantined; this one waits until it is"
                    + " resolved, so nothing is applied out of order", envelope);
        }
        if (envelope.sequence() != expected) {
            return reject(VerificationFailure.SEQUENCE_GAP, subject + " #" + envelope.sequence() + " arrived but the ledger's next is #"
                    + expected + "; events " + expected + ".." + (envelope.sequence() - 1) + " are missing", envelope);
        }
        String previous = head.map(LedgerHeads.Head::lastHash).orElse(EventHashes.GENESIS);
        if (!envelope.previousHash().equals(previous)) {
            return reject(VerificationFailure.CHAIN_BROKEN, subject + " #" + envelope.sequence() + " names previous hash "
                    + envelope.previousHash() + " but the ledger's last event of the subject has hash " + previous, envelope);
        }
        Optional<Finding> place = EventChecks.enrolmentPlace(envelope.sequence(), envelope.eventType());
        if (place.isPresent()) {
            return reject(place.get(), envelope);
        }
        return new Verdict.Accept(envelope, event);
    }

    /** Recomputes what the kernel can recompute: scores from items, and the protocol's fixed rules. */
    private Verdict checkContent(EventEnvelope envelope, StudyEvent event, LedgerView ledger) {
        return event.accept(new StudyEventVisitor<Verdict>() {
            @Override
            public Verdict visit(SubjectEnrolled e) {
                return null;
            }

            @Override
            public Verdict visit(AssessmentRecorded recorded) {
                if (ledger.assessment(recorded.assessmentId().toString()).isPresent()) {
                    return reject(VerificationFailure.CONFLICT, "assessment " + recorded.assessmentId() + " is already in the ledger,"
                            + " recorded by another event", envelope);
                }
                Verdict scores = checkScores(envelope, recorded.instrument(), recorded.items(), recorded.scores());
                if (scores != null) {
                    return scores;
                }
                if (recorded.visit() != null && protocol.visit(recorded.visit()).isEmpty()) {
                    return reject(VerificationFailure.PROTOCOL_VIOLATION, "visit " + recorded.visit() + " is not a visit of protocol "
                            + protocol, envelope);
                }
                if (recorded.visit() != null && !protocol.isInstrumentScheduled(recorded.visit(), recorded.instrument().code())) {
                    return reject(VerificationFailure.PROTOCOL_VIOLATION, recorded.instrument().code() + " is not scheduled at "
                            + recorded.visit(), envelope);
                }
                return null;
            }

            @Override
            public Verdict visit(AssessmentCorrected corrected) {
                Verdict owner = checkOwnAssessment(envelope, corrected.assessmentId().toString(), "corrects", ledger);
                if (owner != null) {
                    return owner;
                }
                InstrumentRef instrument = ledger.assessment(corrected.assessmentId().toString()).orElseThrow().instrument();
                return checkScores(envelope, instrument, corrected.items(), corrected.scores());
            }

            @Override
            public Verdict visit(AssessmentRetracted retracted) {
                return checkOwnAssessment(envelope, retracted.assessmentId().toString(), "retracts", ledger);
            }

            @Override
            public Verdict visit(DoseAdministered dose) {
                return protocol.dosing().doseProblem(dose.doseMg(), dose.devices())
                        .map(problem -> reject(VerificationFailure.PROTOCOL_VIOLATION, problem.message(), envelope))
                        .orElse(null);
            }

            @Override
            public Verdict visit(DoseWithheld e) {
                return null;
            }

            @Override
            public Verdict visit(AdverseEventReported e) {
                return null;
            }

            @Override
            public Verdict visit(SubjectDiscontinued e) {
                return null;
            }

            @Override
            public Verdict visit(FollowUpCompleted e) {
                return null;
            }
        });
    }

    /** A correction or retraction must name an assessment the ledger holds for the same subject. */
    private Verdict checkOwnAssessment(EventEnvelope envelope, String assessmentId, String verb, LedgerView ledger) {
        Optional<String> owner = ledger.assessment(assessmentId).map(LedgerHeads.Assessment::subjectId);
        if (owner.isEmpty()) {
            return reject(VerificationFailure.PROTOCOL_VIOLATION, verb + " assessment " + assessmentId + ", which is not in the ledger",
                    envelope);
        }
        if (!owner.get().equals(envelope.subjectId().value())) {
            return reject(VerificationFailure.PROTOCOL_VIOLATION, verb + " assessment " + assessmentId + ", which belongs to "
                    + owner.get() + ", not to " + envelope.subjectId(), envelope);
        }
        return null;
    }

    private Verdict checkScores(EventEnvelope envelope, InstrumentRef instrument, java.util.Map<String, Integer> items,
                                ScoreSet stated) {
        return EventChecks.scores(scoring, instrument, items, stated).map(finding -> reject(finding, envelope)).orElse(null);
    }

    private static Verdict.Reject reject(Finding finding, EventEnvelope envelope) {
        return reject(finding.failure(), finding.reason(), envelope);
    }

    private static Verdict.Reject reject(VerificationFailure code, String reason, EventEnvelope envelope) {
        return new Verdict.Reject(code, reason, envelope);
    }

    private static Refused refused(VerificationFailure code, String reason, EventEnvelope envelope) {
        return new Refused(reject(code, reason, envelope));
    }
}
