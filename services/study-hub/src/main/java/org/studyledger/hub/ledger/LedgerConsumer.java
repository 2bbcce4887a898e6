package org.studyledger.hub.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.studyledger.hub.HubProperties;

/**
 * Consumes every center topic of the study (by pattern, so a new center is picked up without a
 * restart) and hands each poll's messages to the ledger as a batch, in one transaction
 * ({@link LedgerIntake#acceptBatch}). Offsets are committed only after the ledger's transaction has
 * committed; a crash in between re-delivers messages the ledger then recognises. A batch whose
 * transaction fails for the infrastructure (the database or Kafka is down, say) is not skipped: the
 * consumer seeks back to its first records and tries them again. Anything else thrown while handling a
 * message is a defect, not a reason to try the same bytes forever: the message is quarantined as
 * {@code UNVERIFIABLE} and the partition moves on. The thread survives whatever is thrown
 * and ends only when the consumer is stopped; {@link #liveness} says whether it runs and when it last polled.
 */
@Component
public class LedgerConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LedgerConsumer.class);

    private final HubProperties hub;
    private final LedgerIntake intake;
    private final IntakeProperties settings;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Instant lastPollAt;
    /** What a back-off waits on, so that stopping ends the wait without interrupting the consumer's thread. */
    private final Object pause = new Object();

    LedgerConsumer(HubProperties hub, LedgerIntake intake, IntakeProperties settings) {
        this.hub = hub;
        this.intake = intake;
        this.settings = settings;
    }

    @Override
    public void start() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, hub.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        // One poll is at most one batch: a batch is never split over two polls, nor a poll over two batches.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        config.putAll(hub.consumer());
        // Keys as bytes: a key that is not UTF-8 is kept exactly (as hex) instead of being replaced in decoding.
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "ledger-consumer");
        thread.start();
    }

    /**
     * The loop leaves only when {@link #stop} has been called: every failure inside it, whatever it is, is logged
     * and waited out. What was not committed is delivered again and recognised by the ledger.
     */
    private void run() {
        Backoff backoff = new Backoff();
        boolean subscribed = false;
        try {
            while (running) {
                try {
                    if (!subscribed) {
                        consumer.subscribe(hub.topicPattern());
                        subscribed = true;
                    }
                    boolean failed = pollOnce();
                    backoff.after(failed);
                } catch (WakeupException e) {
                    if (running) {
                        log.warn("ledger consumer woken up while running; continuing");
                    }
                } catch (InterruptedException e) {
                    // Only stop() ends the loop; an interrupt from elsewhere is cleared and the loop goes on.
                    Thread.interrupted();
                } catch (Throwable e) {
                    // A failed commit (a rebalance when another hub instance joins, a broker restart), a poll that
                    // failed, or anything else: never the end of the consumer.
                    log.warn("ledger consumer: {}; continuing after a pause", e.toString(), e);
                    pauseAfterFailure(backoff);
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("ledger consumer did not close cleanly: {}", e.toString());
            }
        }
    }

    private void pauseAfterFailure(Backoff backoff) {
        try {
            backoff.after(true);
        } catch (InterruptedException e) {
            Thread.interrupted();
        }
    }

    /** Takes one poll's records into the ledger; returns whether any could not be taken (and will be retried). */
    private boolean pollOnce() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(hub.pollTimeout());
        lastPollAt = Instant.now();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        Set<TopicPartition> failed = new HashSet<>();
        List<ConsumerRecord<byte[], byte[]>> chunk = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            chunk.add(record);
            if (chunk.size() == settings.batchSize()) {
                takeBatch(chunk, done, failed);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            takeBatch(chunk, done, failed);
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return !failed.isEmpty();
    }

    /**
     * Takes a batch of records into the ledger in one transaction. When the infrastructure fails, the transaction is
     * rolled back whole, so each partition of the batch is sought back to its first record in it, and its later
     * records in this poll wait too; the next poll delivers them again. When anything else fails outside the checks of
     * single messages (which quarantine their message as {@code UNVERIFIABLE} themselves), the batch's records are taken
     * one at a time instead, so only the record it fails on ends in the quarantine.
     */
    private void takeBatch(List<ConsumerRecord<byte[], byte[]>> chunk, Map<TopicPartition, OffsetAndMetadata> done,
                           Set<TopicPartition> failed) {
        List<ConsumerRecord<byte[], byte[]>> pending = chunk.stream().filter(r -> !failed.contains(partitionOf(r))).toList();
        if (pending.isEmpty()) {
            return;
        }
        try {
            intake.acceptBatch(pending.stream().map(LedgerConsumer::messageOf).toList());
            pending.forEach(r -> done.put(partitionOf(r), new OffsetAndMetadata(r.offset() + 1)));
            return;
        } catch (Throwable e) {
            if (InfrastructureFailures.isInfrastructure(e)) {
                Map<TopicPartition, Long> first = new LinkedHashMap<>();
                pending.forEach(r -> first.putIfAbsent(partitionOf(r), r.offset()));
                log.error("could not take {} records into the ledger, from {}; will retry: {}", pending.size(), first,
                        e.toString());
                first.forEach((partition, offset) -> {
                    consumer.seek(partition, offset);
                    failed.add(partition);
                });
                return;
            }
            log.error("taking {} records into the ledger in one transaction failed unexpectedly; taking them one at a"
                    + " time", pending.size(), e);
        }
        for (ConsumerRecord<byte[], byte[]> record : pending) {
            TopicPartition partition = partitionOf(record);
            if (failed.contains(partition)) {
                continue; // an earlier record of this partition failed: the later ones wait behind it
            }
            if (take(messageOf(record))) {
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } else {
                consumer.seek(partition, record.offset());
                failed.add(partition);
            }
        }
    }

    private static TopicPartition partitionOf(ConsumerRecord<byte[], byte[]> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static LedgerIntake.Message messageOf(ConsumerRecord<byte[], byte[]> record) {
        return LedgerIntake.Message.of(record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    /**
     * Takes one message into the ledger; false when it must be tried again. Only an infrastructure failure is
     * retried. Anything else (a defect, even an Error) quarantines the message as UNVERIFIABLE; if even that cannot
     * be written, the database is in trouble and the message is retried, never skipped.
     */
    private boolean take(LedgerIntake.Message message) {
        try {
            intake.accept(message);
            return true;
        } catch (Throwable e) {
            if (InfrastructureFailures.isInfrastructure(e)) {
                log.error("could not take {}[{}]@{} into the ledger; will retry: {}", message.topic(),
                        message.partition(), message.offset(), e.toString());
                return false;
            }
            try {
                intake.quarantineUnverifiable(message, e);
                return true;
            } catch (Throwable again) {
                log.error("could not quarantine {}[{}]@{} after an unexpected failure; will retry: {}", message.topic(),
                        message.partition(), message.offset(), again.toString());
                return false;
            }
        }
    }

    /**
     * Whether the consumer's thread is running, and when its last poll returned (null before the first).
     *
     * @param alive      the thread exists and has not ended
     * @param lastPollAt when the last poll returned
     */
    public record Liveness(boolean alive, Instant lastPollAt) {
    }

    public Liveness liveness() {
        Thread t = thread;
        return new Liveness(t != null && t.isAlive(), lastPollAt);
    }

    /**
     * Waits between attempts while something keeps failing (the database is down, say), doubling up to
     * ten seconds, so a persistent failure is retried without flooding the log or the database.
     */
    private final class Backoff {
        private long millis;

        void after(boolean failed) throws InterruptedException {
            if (!failed) {
                millis = 0;
                return;
            }
            millis = millis == 0 ? 100 : Math.min(millis * 2, 10_000);
            synchronized (pause) {
                if (running) {
                    pause.wait(millis);
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        synchronized (pause) {
            pause.notifyAll(); // ends a back-off wait
        }
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after everything else (the event store, processors); stop first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
