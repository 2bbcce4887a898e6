package org.studyledger.hub.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.quarantine.QuarantineStore;
import org.studyledger.hub.signing.KeyRegistry;
import org.studyledger.kernel.envelope.EnvelopeClaim;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.AssessmentRecorded;

/**
 * Takes one message into the ledger, in one transaction: append it (with the subject's head and the
 * assessment index), recognise it as already there, or quarantine it with its raw bytes and the reason.
 * The ledger is an Axon event store: aggregate id = subject id, sequence = the envelope's sequence,
 * event id = the envelope's event id, so its unique keys make a re-delivery harmless.
 */
@Service
public class LedgerIntake {
    /** Aggregate type of every ledger event. */
    public static final String SUBJECT = "Subject";
    private static final Logger log = LoggerFactory.getLogger(LedgerIntake.class);
    /** How often re-processing tries one message whose append hit a unique key another subject's append took. */
    private static final int CLASH_ATTEMPTS = 3;
    private static final String UNIQUE_VIOLATION = "23505";

    /** What happened to a message. */
    public enum Outcome { APPENDED, DUPLICATE, QUARANTINED }

    private final EnvelopeVerifier verifier;
    private final EventStore ledger;
    private final LedgerHeads heads;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final HubProperties hub;
    private final KeyRegistry keys;
    private final SubjectLocks subjects;

    LedgerIntake(EnvelopeVerifier verifier, EventStore ledger, LedgerHeads heads, QuarantineStore quarantine,
                 TransactionTemplate transactions, JdbcTemplate jdbc, Clock clock, HubProperties hub, KeyRegistry keys,
                 SubjectLocks subjects) {
        this.verifier = verifier;
        this.ledger = ledger;
        this.heads = heads;
        this.quarantine = quarantine;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.hub = hub;
        this.keys = keys;
        this.subjects = subjects;
    }

    /**
     * A message as it came off a center's topic.
     *
     * @param key    the record key as text; a key that is not valid UTF-8 decoded with replacement characters
     * @param keyHex the record key's bytes in lower-case hex when they are not valid UTF-8, otherwise null
     */
    public record Message(String topic, int partition, long offset, String key, byte[] value, String keyHex) {
        public Message(String topic, int partition, long offset, String key, byte[] value) {
            this(topic, partition, offset, key, value, null);
        }

        /** A message whose key arrived as bytes: kept as text when it is UTF-8, and as hex besides when it is not. */
        public static Message of(String topic, int partition, long offset, byte[] key, byte[] value) {
            if (key == null) {
                return new Message(topic, partition, offset, null, value, null);
            }
            try {
                String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(key)).toString();
                return new Message(topic, partition, offset, text, value, null);
            } catch (java.nio.charset.CharacterCodingException e) {
                return new Message(topic, partition, offset, new String(key, java.nio.charset.StandardCharsets.UTF_8), value,
                        java.util.HexFormat.of().formatHex(key));
            }
        }
    }

    /** Takes a message off a center's topic, under its subject's lock ({@link SubjectLocks}). */
    public Outcome accept(Message message) {
        return transactions.execute(tx -> {
            subjects.lock(message.key());
            Verdict verdict = verifier.verify(message.topic(), message.key(), message.value(), null);
            if (verdict instanceof Verdict.Accept accept) {
                append(accept);
                return Outcome.APPENDED;
            }
            if (verdict instanceof Verdict.Duplicate) {
                return Outcome.DUPLICATE;
            }
            Verdict.Reject reject = (Verdict.Reject) verdict;
            EnvelopeClaim claim = reject.claim();
            // A message whose center cannot be read counts for the center of the topic it came on.
            String center = claim.centerId() == null ? hub.centerOfTopic(message.topic()) : claim.centerId();
            quarantine.add(message.topic(), message.partition(), message.offset(), message.key(), message.keyHex(),
                    message.value() == null ? new byte[0] : message.value(), claim.eventId(), center, claim.subjectId(),
                    claim.sequence(), reject.code().name(), reject.reason());
            log.warn("quarantined {}[{}]@{}: {} {}", message.topic(), message.partition(), message.offset(),
                    reject.code(), reject.reason());
            return Outcome.QUARANTINED;
        });
    }

    /**
     * Quarantines a message whose handling failed with something that is not the infrastructure's fault (a defect),
     * as {@link Rejection#UNVERIFIABLE}, in a transaction of its own: it is kept with its raw bytes and never retried.
     * Only what the topic says is stored; nothing of the message is read again.
     */
    public void quarantineUnverifiable(Message message, Throwable failure) {
        transactions.executeWithoutResult(tx -> quarantine.add(message.topic(), message.partition(), message.offset(),
                message.key(), message.keyHex(), message.value() == null ? new byte[0] : message.value(), null,
                hub.centerOfTopic(message.topic()), null, null, Rejection.UNVERIFIABLE.name(),
                EnvelopeVerifier.unexpected(failure)));
        log.error("quarantined {}[{}]@{} as {}", message.topic(), message.partition(), message.offset(),
                Rejection.UNVERIFIABLE, failure);
    }

    /**
     * Re-processes every open quarantined message in arrival order, repeating while any is accepted. A message
     * that still fails counts one more attempt per run, however many passes the run makes. The registered keys are
     * re-read first: registering a center's key and then re-processing is how its quarantined events get in.
     *
     * <p>Safe beside the consumer and beside another run: each message is verified and applied under its subject's
     * lock ({@link SubjectLocks}) and its row's lock, so whichever comes second sees what the first appended or
     * resolved; a row that another run resolved, or a data manager dismissed, meanwhile is left alone.
     */
    public ReprocessResult reprocess() {
        keys.reload();
        int applied = 0;
        int duplicates = 0;
        Set<Long> attempted = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (QuarantineStore.Held held : quarantine.open()) {
                Outcome outcome = reprocess(held, attempted).orElse(null);
                if (outcome == Outcome.APPENDED) {
                    applied++;
                    progress = true;
                } else if (outcome == Outcome.DUPLICATE) {
                    duplicates++;
                    progress = true;
                }
            }
        }
        return new ReprocessResult(applied, duplicates, quarantine.open().size());
    }

    /** One quarantined message, in its own transaction; empty when the row is no longer open. */
    private Optional<Outcome> reprocess(QuarantineStore.Held held, Set<Long> attempted) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.ofNullable(transactions.execute(tx -> {
                    subjects.lock(held.key());
                    if (!quarantine.lockStatus(held.id()).filter(QuarantineStore.OPEN::equals).isPresent()) {
                        return null;
                    }
                    Verdict verdict = verifier.verify(held.topic(), held.key(), held.raw(), held.id());
                    if (verdict instanceof Verdict.Accept accept) {
                        append(accept);
                        quarantine.resolve(held.id(), QuarantineStore.APPLIED);
                        return Outcome.APPENDED;
                    }
                    if (verdict instanceof Verdict.Duplicate) {
                        quarantine.resolve(held.id(), QuarantineStore.DUPLICATE);
                        return Outcome.DUPLICATE;
                    }
                    Verdict.Reject reject = (Verdict.Reject) verdict;
                    quarantine.stillFailing(held.id(), reject.code().name(), reject.reason(), attempted.add(held.id()));
                    return Outcome.QUARANTINED;
                }));
            } catch (RuntimeException e) {
                // The subject lock rules out a clash within one subject; what is left is an id that must be unique
                // across subjects (an event id, an assessment id) appended for another subject at the same moment. Once
                // that transaction has committed, the next attempt sees it and refuses this message as a CONFLICT.
                if (attempt >= CLASH_ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
                log.info("re-processing quarantine row {} met a concurrent append ({}); trying it again", held.id(),
                        e.getMessage());
            }
        }
    }

    /** Whether a unique key refused a write somewhere down the chain (SQLSTATE 23505). */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** What a re-processing run did. */
    public record ReprocessResult(int applied, int duplicates, int stillQuarantined) {
    }

    private void append(Verdict.Accept accept) {
        EventEnvelope e = accept.envelope();
        // The ledger's own timestamp is when the hub accepted the event (the clinical and center times are
        // in the metadata): "as the ledger stood at T" means exactly this column. The metadata keeps the center's
        // key id and signature too, so the stored event can be exported, and verified, exactly as it was received.
        ledger.publish(new GenericDomainEventMessage<>(SUBJECT, e.subjectId().value(), e.sequence(), accept.event(),
                MetaData.from(EnvelopeHeader.metadataOf(e)), e.eventId().toString(), clock.instant()));
        List<Long> index = jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, e.eventId().toString());
        heads.advance(e, index.isEmpty() ? null : index.get(0));
        if (accept.event() instanceof AssessmentRecorded recorded) {
            heads.recordAssessment(recorded.assessmentId().toString(), e.subjectId().value(), recorded.instrument());
        }
    }
}
