package org.studyledger.hub.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.studyledger.hub.api.Conflict;
import org.studyledger.hub.audit.AuditTrailProjection;
import org.studyledger.hub.dataset.AnalysisDatasetProjection;
import org.studyledger.hub.summary.SubjectSummaryProjection;
import org.studyledger.hub.timeline.TimelineProjection;

/**
 * Rebuilds the projections from the ledger: shuts every projection processor down, resets its tokens
 * (Axon calls its reset handler, which truncates its tables, in the same transaction), starts it again
 * and waits until each has replayed up to the ledger's head. Meant for a single hub instance (or with
 * the other instances' processors stopped): the reset claims every segment's token.
 */
@Service
public class ProjectionRebuild {
    /** The projection processors, by processing group name (each is its processor's name). */
    public static final List<String> PROJECTIONS = List.of(TimelineProjection.PROCESSING_GROUP,
            SubjectSummaryProjection.PROCESSING_GROUP, AnalysisDatasetProjection.PROCESSING_GROUP,
            AuditTrailProjection.PROCESSING_GROUP);
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final AtomicBoolean rebuilding = new AtomicBoolean();

    ProjectionRebuild(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    /** One projection processor as this instance sees it. */
    public record ProcessorStatus(String name, boolean running, boolean error, boolean replaying, boolean caughtUp,
                                  Long position, int segments, int claimedSegments) {
    }

    /**
     * The projections against the ledger's head (its highest position, -1 when empty); caught up when every
     * processor runs, holds every segment here, and every segment has processed the head. {@code replaying}
     * stays true after a rebuild until the first event beyond the head arrives (Axon's replay token).
     */
    public record Status(long head, boolean caughtUp, boolean rebuilding, List<ProcessorStatus> processors) {
    }

    /**
     * What a rebuild did: whether it caught up within the time it was given, how long it took, the end state, and its
     * throughput: the ledger events every projection replayed ({@code events}), per second of the whole rebuild
     * (stopping, resetting and replaying; 0 when it did not catch up). What a benchmark reads (docs/benchmarks.md).
     */
    public record Result(boolean caughtUp, long head, long millis, Status status, long events, double eventsPerSecond) {
    }

    public Status status() {
        return status(head());
    }

    /** The ledger's head: the highest global index of the hub's event store, -1 when it is empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** Rebuilds every projection and waits up to {@code timeout} for them to catch up with the ledger. */
    public Result rebuild(Duration timeout) {
        if (!rebuilding.compareAndSet(false, true)) {
            throw new Conflict("a rebuild of the projections is already running");
        }
        Instant started = Instant.now();
        try {
            List<StreamingEventProcessor> processors = PROJECTIONS.stream().map(this::processor).toList();
            try {
                List<CompletableFuture<Void>> stopping = processors.stream().map(StreamingEventProcessor::shutdownAsync).toList();
                for (int i = 0; i < processors.size(); i++) {
                    await(stopping.get(i), timeout, processors.get(i).getName());
                }
                for (StreamingEventProcessor p : processors) {
                    p.resetTokens();
                    log.info("projection {} reset; replaying the ledger", p.getName());
                }
            } finally {
                // Whatever happened, the projections run again (after a failed reset, from where they were).
                processors.stream().filter(p -> !p.isRunning()).forEach(StreamingEventProcessor::start);
            }
            long head = head();
            Instant deadline = started.plus(timeout);
            Status status = status(head);
            while (!status.caughtUp() && Instant.now().isBefore(deadline)) {
                sleep();
                status = status(head);
            }
            long millis = Duration.between(started, Instant.now()).toMillis();
            Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?", Long.class,
                    head);
            long replayed = events == null ? 0 : events;
            double perSecond = status.caughtUp() ? replayed * 1000.0 / Math.max(1, millis) : 0;
            log.info("projections rebuilt up to ledger position {}: caught up {} after {} ms ({} events, {} events/s)",
                    head, status.caughtUp(), millis, replayed, Math.round(perSecond));
            return new Result(status.caughtUp(), head, millis, new Status(status.head(), status.caughtUp(), false,
                    status.processors()), replayed, perSecond);
        } finally {
            rebuilding.set(false);
        }
    }

    private Status status(long head) {
        List<ProcessorStatus> list = new ArrayList<>();
        boolean all = true;
        for (String name : PROJECTIONS) {
            ProcessorStatus s = status(processor(name), head);
            all &= s.caughtUp();
            list.add(s);
        }
        return new Status(head, all, rebuilding.get(), list);
    }

    private ProcessorStatus status(StreamingEventProcessor p, long head) {
        Map<Integer, EventTrackerStatus> trackers = p.processingStatus();
        Integer segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class,
                p.getName());
        int total = segments == null ? 0 : segments;
        boolean replaying = false;
        boolean caughtUp = p.isRunning() && !p.isError() && total > 0 && trackers.size() == total;
        Long lowest = null;
        for (EventTrackerStatus t : trackers.values()) {
            replaying |= t.isReplaying();
            OptionalLong position = t.getCurrentPosition();
            long at = position.orElse(-1);
            lowest = lowest == null ? at : Math.min(lowest, at);
            // Not !isReplaying(): Axon ends a replay only when an event beyond the reset position arrives,
            // so a replay that has processed everything up to the head still reports replaying.
            caughtUp &= t.isCaughtUp() && !t.isErrorState() && at >= head;
        }
        return new ProcessorStatus(p.getName(), p.isRunning(), p.isError(), replaying, caughtUp, lowest, total,
                trackers.size());
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming event processor " + name
                        + " (axon.eventhandling.processors." + name + ".mode must be pooled)"));
    }

    private static void await(CompletableFuture<Void> shutdown, Duration timeout, String name) {
        try {
            shutdown.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shutting down " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("projection " + name + " did not shut down: " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the projections to catch up", e);
        }
    }
}
