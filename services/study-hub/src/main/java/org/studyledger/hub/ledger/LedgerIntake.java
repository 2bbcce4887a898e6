package org.studyledger.hub.ledger;

import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.quarantine.QuarantineStore;
import org.studyledger.hub.signing.KeyRegistry;
import org.studyledger.kernel.envelope.EnvelopeClaim;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * Takes messages into the ledger: each one is appended (with its subject's head and the assessment index), recognised
 * as already there, or quarantined with its raw bytes and the reason. The consumer takes a batch in one transaction
 * ({@link #acceptBatch}); re-processing takes one quarantined message per transaction. Both decide with the same checks
 * ({@link EnvelopeVerifier}) and write with the same code. The ledger is an Axon event store: aggregate id = subject id,
 * sequence = the envelope's sequence, event id = the envelope's event id, so its unique keys make a re-delivery
 * harmless.
 */
@Service
public class LedgerIntake {
    /** Aggregate type of every ledger event. */
    public static final String SUBJECT = "Subject";
    private static final Logger log = LoggerFactory.getLogger(LedgerIntake.class);
    /** How often re-processing tries one message whose append hit a unique key another subject's append took. */
    private static final int CLASH_ATTEMPTS = 3;
    private static final String UNIQUE_VIOLATION = "23505";
    /** Fewer messages than this per thread are read on one thread: handing them over costs more than it saves. */
    private static final int MIN_SLICE = 16;

    /** What happened to a message. */
    public enum Outcome { APPENDED, DUPLICATE, QUARANTINED }

    private final EnvelopeVerifier verifier;
    private final EventStore ledger;
    private final LedgerHeads heads;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final HubProperties hub;
    private final KeyRegistry keys;
    private final SubjectLocks subjects;
    private final IntakeProperties intake;
    /** Reads a batch's messages beside the consumer's thread; null when one thread reads them all. */
    private final ExecutorService readers;

    LedgerIntake(EnvelopeVerifier verifier, EventStore ledger, LedgerHeads heads, QuarantineStore quarantine,
                 TransactionTemplate transactions, Clock clock, HubProperties hub, KeyRegistry keys, SubjectLocks subjects,
                 IntakeProperties intake) {
        this.verifier = verifier;
        this.ledger = ledger;
        this.heads = heads;
        this.quarantine = quarantine;
        this.transactions = transactions;
        this.clock = clock;
        this.hub = hub;
        this.keys = keys;
        this.subjects = subjects;
        this.intake = intake;
        this.readers = intake.verifyThreads() <= 1 ? null
                : Executors.newFixedThreadPool(intake.verifyThreads() - 1, new ThreadFactory() {
                    private final AtomicInteger count = new AtomicInteger();

                    @Override
                    public Thread newThread(Runnable task) {
                        Thread thread = new Thread(task, "ledger-verifier-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    }
                });
    }

    @PreDestroy
    void stopReaders() {
        if (readers != null) {
            readers.shutdownNow();
        }
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

    /**
     * Takes a message off a center's topic on its own, in a transaction of its own, under its subject's lock
     * ({@link SubjectLocks}), checked against the ledger as the database holds it.
     */
    public Outcome accept(Message message) {
        return transactions.execute(tx -> {
            subjects.lock(message.key());
            Writes writes = new Writes();
            Outcome outcome = take(message, verifier.verify(message.topic(), message.key(), message.value(), null), writes);
            write(writes);
            return outcome;
        });
    }

    /**
     * Takes a batch of messages off the centers' topics, in their order, in one transaction: each ends exactly as it
     * would have on its own ({@link #accept}) after the ones before it. First every message is checked on its own
     * (several at once, on {@code verify-threads}); then, in the transaction, the locks of the subjects of those that
     * passed are taken ({@link SubjectLocks#lockAll}), what the checks against the ledger will ask is read in one
     * query per table ({@link LedgerBatch}), each message is decided in order against that view, which moves on with
     * every event the batch accepts or message it quarantines, and finally everything is written: the accepted events
     * in one append to the event store, their hashes, heads and assessments, and the quarantined messages.
     *
     * <p>A check that fails unexpectedly quarantines its message as {@link VerificationFailure#UNVERIFIABLE} and the batch goes
     * on. A failure of the infrastructure rolls the whole batch back: nothing of it is in the ledger or the quarantine,
     * and it is thrown, for the consumer to take the same messages again.
     *
     * @return what happened to each message, in their order
     */
    public List<Outcome> acceptBatch(List<Message> messages) {
        List<EnvelopeVerifier.Reading> readings = readAll(messages);
        List<EnvelopeVerifier.Checked> checked = readings.stream()
                .filter(EnvelopeVerifier.Checked.class::isInstance).map(EnvelopeVerifier.Checked.class::cast).toList();
        return transactions.execute(tx -> {
            subjects.lockAll(checked.stream().map(c -> c.envelope().subjectId().value()).toList());
            LedgerBatch batch = LedgerBatch.read(checked, heads, quarantine);
            Set<QuarantineStore.Place> alreadyQuarantined = quarantine.existing(messages.stream()
                    .map(m -> new QuarantineStore.Place(m.topic(), m.partition(), m.offset())).toList());
            Writes writes = new Writes();
            List<Outcome> outcomes = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                Message message = messages.get(i);
                Verdict verdict = verifier.decide(readings.get(i), batch);
                outcomes.add(take(message, verdict, writes));
                if (verdict instanceof Verdict.Accept accept) {
                    batch.appended(accept.envelope(), accept.event());
                } else if (verdict instanceof Verdict.Reject reject && !alreadyQuarantined.contains(
                        new QuarantineStore.Place(message.topic(), message.partition(), message.offset()))) {
                    batch.quarantined(reject.claim().subjectId(), reject.claim().sequence());
                }
            }
            write(writes);
            return outcomes;
        });
    }

    /** Checks 1 to 7 of every message, on the calling thread and the verifying pool, in slices; in the messages' order. */
    private List<EnvelopeVerifier.Reading> readAll(List<Message> messages) {
        EnvelopeVerifier.Reading[] readings = new EnvelopeVerifier.Reading[messages.size()];
        int slices = readers == null ? 1 : Math.min(intake.verifyThreads(), messages.size() / MIN_SLICE);
        if (slices <= 1) {
            readSlice(messages, readings, 0, messages.size());
            return List.of(readings);
        }
        int size = (messages.size() + slices - 1) / slices;
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int from = size; from < messages.size(); from += size) {
            int start = from;
            int end = Math.min(from + size, messages.size());
            others.add(CompletableFuture.runAsync(() -> readSlice(messages, readings, start, end), readers));
        }
        readSlice(messages, readings, 0, size);
        try {
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        return List.of(readings);
    }

    private void readSlice(List<Message> messages, EnvelopeVerifier.Reading[] readings, int from, int to) {
        for (int i = from; i < to; i++) {
            Message m = messages.get(i);
            readings[i] = verifier.read(m.topic(), m.key(), m.value());
        }
    }

    /** What a batch (or a single message) writes once every message of it is decided. */
    private static final class Writes {
        final List<Verdict.Accept> appends = new ArrayList<>();
        final List<QuarantineStore.NewRow> quarantined = new ArrayList<>();
    }

    /** Turns a verdict on a message into what it writes; the one place that says what each verdict does. */
    private Outcome take(Message message, Verdict verdict, Writes writes) {
        if (verdict instanceof Verdict.Accept accept) {
            writes.appends.add(accept);
            return Outcome.APPENDED;
        }
        if (verdict instanceof Verdict.Duplicate) {
            return Outcome.DUPLICATE;
        }
        Verdict.Reject reject = (Verdict.Reject) verdict;
        EnvelopeClaim claim = reject.claim();
        // A message whose center cannot be read counts for the center of the topic it came on.
        String center = claim.centerId() == null ? hub.centerOfTopic(message.topic()) : claim.centerId();
        writes.quarantined.add(new QuarantineStore.NewRow(message.topic(), message.partition(), message.offset(),
                message.key(), message.keyHex(), message.value() == null ? new byte[0] : message.value(), claim.eventId(),
                center, claim.subjectId(), claim.sequence(), reject.code().name(), reject.reason()));
        log.warn("quarantined {}[{}]@{}: {} {}", message.topic(), message.partition(), message.offset(),
                reject.code(), reject.reason());
        return Outcome.QUARANTINED;
    }

    /**
     * Quarantines a message whose handling failed with something that is not the infrastructure's fault (a defect),
     * as {@link VerificationFailure#UNVERIFIABLE}, in a transaction of its own: it is kept with its raw bytes and never retried.
     * Only what the topic says is stored; nothing of the message is read again.
     */
    public void quarantineUnverifiable(Message message, Throwable failure) {
        transactions.executeWithoutResult(tx -> quarantine.addAll(List.of(new QuarantineStore.NewRow(message.topic(),
                message.partition(), message.offset(), message.key(), message.keyHex(),
                message.value() == null ? new byte[0] : message.value(), null, hub.centerOfTopic(message.topic()), null, null,
                VerificationFailure.UNVERIFIABLE.name(), EnvelopeVerifier.unexpected(failure)))));
        log.error("quarantined {}[{}]@{} as {}", message.topic(), message.partition(), message.offset(),
                VerificationFailure.UNVERIFIABLE, failure);
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
        Writes writes = new Writes();
        writes.appends.add(accept);
        write(writes);
    }

    /**
     * Writes what was decided: the accepted events in one append to the event store, in order, with their hashes,
     * their subjects' heads and their assessments; then the quarantined messages. The ledger's own timestamp of an
     * event is when the hub accepted it (the clinical and center times are in the metadata), so "as the ledger stood at
     * T" means exactly this column; the events of one transaction share it. The metadata keeps the center's key id and
     * signature too, so the stored event can be exported, and verified, exactly as it was received.
     */
    private void write(Writes writes) {
        if (!writes.appends.isEmpty()) {
            Instant acceptedAt = clock.instant();
            ledger.publish(writes.appends.stream().map(accept -> {
                EventEnvelope e = accept.envelope();
                return (EventMessage<?>) new GenericDomainEventMessage<>(SUBJECT, e.subjectId().value(), e.sequence(),
                        accept.event(), MetaData.from(EnvelopeHeader.metadataOf(e)), e.eventId().toString(), acceptedAt);
            }).toList());
            Map<String, Long> indexes = heads.globalIndexes(writes.appends.stream()
                    .map(a -> a.envelope().eventId().toString()).toList());
            heads.record(writes.appends.stream().map(a -> new LedgerHeads.Appended(a.envelope(), a.event(),
                    indexes.get(a.envelope().eventId().toString()))).toList());
        }
        quarantine.addAll(writes.quarantined);
    }
}
