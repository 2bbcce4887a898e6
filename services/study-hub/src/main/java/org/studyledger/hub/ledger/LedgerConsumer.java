package org.studyledger.hub.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
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
 * restart) and hands each message to the ledger. Offsets are committed only after the ledger's
 * transaction for every message of the poll has committed; a crash in between re-delivers messages
 * the ledger then recognises. A message whose handling fails for the infrastructure (the database or
 * Kafka is down, say) is not skipped: the consumer seeks back and tries it again. Anything else thrown
 * while handling a message is a defect, not a reason to try the same bytes forever: the message is
 * quarantined as {@code UNVERIFIABLE} and the partition moves on. The thread survives whatever is thrown
 * and ends only when the consumer is stopped; {@link #liveness} says whether it runs and when it last polled.
 */
@Component
public class LedgerConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LedgerConsumer.class);

    private final HubProperties hub;
    private final LedgerIntake intake;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Instant lastPollAt;
    /** What a back-off waits on, so that stopping ends the wait without interrupting the consumer's thread. */
    private final Object pause = new Object();

    LedgerConsumer(HubProperties hub, LedgerIntake intake) {
        this.hub = hub;
        this.intake = intake;
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
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
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
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (failed.contains(partition)) {
                continue; // an earlier record of this partition failed: the later ones wait behind it
            }
            LedgerIntake.Message message = LedgerIntake.Message.of(record.topic(), record.partition(), record.offset(),
                    record.key(), record.value());
            if (take(message)) {
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } else {
                consumer.seek(partition, record.offset());
                failed.add(partition);
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return !failed.isEmpty();
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
