package org.studyledger.hub.ledger;

import java.time.Duration;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.studyledger.hub.HubProperties;

/**
 * Consumes every center topic of the study (by pattern, so a new center is picked up without a
 * restart) and hands each message to the ledger. Offsets are committed only after the ledger's
 * transaction for every message of the poll has committed; a crash in between re-delivers messages
 * the ledger then recognises. A message that fails unexpectedly (the database is down, say) is not
 * skipped: the consumer seeks back and tries it again.
 */
@Component
public class LedgerConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LedgerConsumer.class);

    private final HubProperties hub;
    private final LedgerIntake intake;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
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
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "ledger-consumer");
        thread.start();
    }

    private void run() {
        Backoff backoff = new Backoff();
        try {
            consumer.subscribe(hub.topicPattern());
            while (running) {
                try {
                    boolean failed = pollOnce();
                    backoff.after(failed);
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // A failed commit (a rebalance when another hub instance joins, a broker restart) is not
                    // fatal: what was not committed is delivered again and recognised by the ledger.
                    log.warn("ledger consumer: {}; continuing", e.toString());
                    backoff.after(true);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("ledger consumer woken up while running", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Takes one poll's records into the ledger; returns whether any could not be taken (and will be retried). */
    private boolean pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(hub.pollTimeout());
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        Set<TopicPartition> failed = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (failed.contains(partition)) {
                continue; // an earlier record of this partition failed: the later ones wait behind it
            }
            try {
                intake.accept(new LedgerIntake.Message(record.topic(), record.partition(), record.offset(),
                        record.key(), record.value()));
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } catch (RuntimeException e) {
                log.error("could not take {}[{}]@{} into the ledger; will retry: {}", record.topic(),
                        record.partition(), record.offset(), e.toString());
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
        KafkaConsumer<String, byte[]> c = consumer;
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
