package org.studyledger.benchmark.load;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.cohort.plan.CohortPlan;
import org.studyledger.cohort.plan.PlanContents;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.dataset.AnalysisDerivation;
import org.studyledger.hub.rebuild.ProjectionRebuild;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;

/**
 * Loads a {@link SyntheticCohort} into a running hub's (empty) database through the hub's own beans:
 * <ol>
 *   <li>stops the hub's projection processors, so that nothing projects the events one by one;</li>
 *   <li>center by center, on worker threads: generates the center's plan, records and signs it as the center would
 *   ({@link CenterRecorder}), and derives every subject's ADSL, ADQS and ADEX rows with the hub's
 *   {@link AnalysisDerivation} from the dataset state the projection would hold ({@link DatasetState});</li>
 *   <li>on this thread, in center order: writes each center in one transaction ({@link LedgerWriter});</li>
 *   <li>sets ADSL.MENTGRP cohort-wide, and moves every projection processor's token to the ledger's head, so a hub
 *   started on this database finds its projections up to date and replays nothing;</li>
 *   <li>vacuums and analyses the database, as autovacuum would have done to a database in use.</li>
 * </ol>
 * The timeline, subject-summary and audit-trail projections are left empty: the exports do not read them.
 */
public final class LedgerLoader {
    private final ApplicationContext hub;
    private final LedgerWriter writer;
    private final AnalysisDerivation derivation;
    private final CenterRecorder recorder;
    private final Path keys;
    private final EventStorageEngine ledger;
    private final TokenStore tokens;
    private final JdbcTemplate jdbc;

    public LedgerLoader(ApplicationContext hub) {
        this.hub = hub;
        this.ledger = hub.getBean(EventStorageEngine.class);
        this.tokens = hub.getBean(TokenStore.class);
        this.jdbc = hub.getBean(JdbcTemplate.class);
        this.keys = Path.of(hub.getEnvironment().getRequiredProperty("studyledger.hub.signing.keys-directory"));
        TransactionTemplate transactions = new TransactionTemplate(hub.getBean(PlatformTransactionManager.class));
        this.writer = new LedgerWriter(ledger, jdbc, transactions);
        this.derivation = hub.getBean(AnalysisDerivation.class);
        ZoneId zone = hub.getBean(HubProperties.class).zone();
        this.recorder = new CenterRecorder(hub.getBean(Protocol.class), hub.getBean(ScoringEngine.class), zone);
    }

    /**
     * Loads the cohort with {@code threads} worker threads, reporting each written center to {@code progress}. With
     * {@code sign}, each center gets a new key, registered with the hub (its public record in the hub's key
     * directory), and signs its events with it.
     *
     * <p>A load that was interrupted resumes: each center is written in one transaction and centers are written in
     * order, so the centers the ledger holds are exactly the first ones, complete, and the load goes on after them. The
     * same transaction moves the projections' tokens to the new head: the hub starts its processors before the loader
     * can stop them, and tokens left behind would let the analysis-dataset projection apply events the loader has
     * already written into the dataset. With {@code maxCenters} above 0, the load stops after that many more centers
     * (and leaves the cohort-wide steps to the load that completes it).
     */
    public LoadSummary load(SyntheticCohort cohort, int threads, int maxCenters, boolean sign, Consumer<String> progress) {
        long started = System.nanoTime();
        Map<String, Integer> segments = segments(stopProjections());
        int resumed = writtenCenters(cohort);
        if (resumed > 0) {
            progress.accept("resuming: the ledger holds the first %d centers; loading from center %d".formatted(resumed,
                    resumed + 1));
        }
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "benchmark-generator");
            t.setDaemon(true);
            return t;
        });
        long events = 0;
        long generateNanos = 0;
        long writeNanos = 0;
        long head = writer.head();
        int end = maxCenters == 0 ? cohort.centers() : Math.min(cohort.centers(), resumed + maxCenters);
        try {
            // A window of centers in flight: at most one per worker plus the one being written, so memory stays bounded.
            Deque<Future<CenterChunk>> window = new ArrayDeque<>();
            int next = resumed;
            for (int written = resumed; written < end; written++) {
                while (next < end && window.size() <= threads) {
                    int index = next++;
                    window.add(workers.submit(() -> prepare(cohort, index, sign)));
                }
                CenterChunk chunk = take(window.poll());
                long t0 = System.nanoTime();
                head = writer.write(chunk, () -> tokensAtHead(segments));
                writeNanos += System.nanoTime() - t0;
                generateNanos += chunk.nanos();
                events += chunk.events().size();
                progress.accept("center %d/%d (%s) written: ledger head %d, %.0f events/s"
                        .formatted(written + 1, cohort.centers(), chunk.center(), head,
                                events * 1e9 / (System.nanoTime() - started)));
            }
        } finally {
            workers.shutdownNow();
        }
        if (end < cohort.centers()) {
            progress.accept("stopping after center %d of %d, as asked; the next load goes on from there".formatted(end,
                    cohort.centers()));
            return summary(cohort, sign, resumed, events, cohort.centers() - end, started, generateNanos, writeNanos, 0, 0,
                    threads, head);
        }
        long t0 = System.nanoTime();
        int grouped = writer.mentalizationGroups();
        long groupNanos = System.nanoTime() - t0;
        progress.accept("ADSL.MENTGRP set for " + grouped + " subjects with a baseline RFQ_U");
        emptyUnloadedProjections();
        // A database that has been in use for a while has been vacuumed and analysed by autovacuum; a freshly loaded one
        // would make the first export set hint bits on every page it reads and plan with no statistics.
        long t1 = System.nanoTime();
        jdbc.execute("VACUUM (ANALYZE)");
        long vacuumNanos = System.nanoTime() - t1;
        progress.accept("VACUUM (ANALYZE) in %.1f s".formatted(vacuumNanos / 1e9));
        return summary(cohort, sign, resumed, events, 0, started, generateNanos, writeNanos, groupNanos, vacuumNanos,
                threads, head);
    }

    /** What the database holds after this load (counted there, so a resumed load counts what came before), and its times. */
    private LoadSummary summary(SyntheticCohort cohort, boolean sign, int resumed, long events, int remaining, long started,
                                long generateNanos, long writeNanos, long groupNanos, long vacuumNanos, int threads,
                                long head) {
        LedgerWriter.Totals totals = writer.totals();
        return new LoadSummary(cohort.subjects(), cohort.centers(), totals.events(), sign, totals.adsl(), totals.adqs(),
                totals.adex(), resumed, events, remaining, (System.nanoTime() - started) / 1_000_000,
                generateNanos / 1_000_000, writeNanos / 1_000_000, writer.appendMillis(), writer.bookkeepingMillis(),
                writer.datasetMillis(), groupNanos / 1_000_000, vacuumNanos / 1_000_000, threads, head);
    }

    /** How many of the cohort's centers the ledger holds; they must be its first ones, as the loader writes them. */
    private int writtenCenters(SyntheticCohort cohort) {
        Set<String> written = new HashSet<>(jdbc.queryForList("SELECT DISTINCT center_id FROM ledger_head", String.class));
        List<String> first = cohort.centerCodes().subList(0, Math.min(written.size(), cohort.centers()));
        if (written.size() > cohort.centers() || !written.equals(new HashSet<>(first))) {
            throw new IllegalStateException("the ledger holds centers " + written + ", which are not the first "
                    + written.size() + " of this cohort; load into an empty database");
        }
        return written.size();
    }

    private CenterChunk prepare(SyntheticCohort cohort, int index, boolean sign) {
        long t0 = System.nanoTime();
        CohortPlan plan = cohort.plan(index);
        PlanContents contents = PlanContents.of(plan);
        SigningKey key = null;
        if (sign) {
            // the center's key, in use since the center's first record
            key = SigningKey.generate(CenterId.of(cohort.centerCodes().get(index)), plan.requests().get(0).at());
            KeyFiles.writePublic(keys, key.registered());
        }
        Map<String, List<SealedEvent>> bySubject = recorder.record(plan, contents, cohort.seedOf(index), key);
        List<SealedEvent> events = new ArrayList<>();
        List<CenterChunk.Subject> subjects = new ArrayList<>();
        bySubject.forEach((subject, history) -> {
            DatasetState state = new DatasetState(subject);
            history.forEach(state::apply);
            subjects.add(new CenterChunk.Subject(state, derivation.derive(state.record())));
            events.addAll(history);
        });
        events.sort(Comparator.comparingLong(SealedEvent::planOrder));
        return new CenterChunk(index, cohort.centerCodes().get(index), events, subjects, System.nanoTime() - t0);
    }

    private List<StreamingEventProcessor> stopProjections() {
        EventProcessingConfiguration processing = hub.getBean(EventProcessingConfiguration.class);
        List<StreamingEventProcessor> processors = ProjectionRebuild.PROJECTIONS.stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow(
                        () -> new IllegalStateException("the hub has no streaming processor " + name)))
                .toList();
        processors.forEach(p -> take(p.shutdownAsync()));
        return processors;
    }

    /**
     * What those projections' reset handlers do: the loader leaves them empty, but a processor may have handled a batch
     * of events before {@link #stopProjections()} stopped it, at the start of this load or of an earlier one that the
     * tokens of the time let it.
     */
    private void emptyUnloadedProjections() {
        jdbc.execute("TRUNCATE timeline_event, timeline_form, timeline_subject, subject_summary, summary_form,"
                + " audit_trail");
    }

    /**
     * Gives each processor fresh tokens at the ledger's head (the head token of the hub's own event storage engine), in
     * as many segments as the hub configures (Axon's pooled default, 16, when it does not), so the processors resume
     * after the last loaded event. Runs in the caller's transaction. The hub may have stopped before its processors
     * first stored tokens, so they are written anew rather than moved.
     */
    private void tokensAtHead(Map<String, Integer> segmentsByProcessor) {
        TrackingToken head = ledger.createHeadToken();
        segmentsByProcessor.forEach((processor, segments) -> {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processor);
            tokens.initializeTokenSegments(processor, segments, head);
        });
    }

    /** Each processor's segment count: as the hub configures it, Axon's pooled default (16) when it does not. */
    private Map<String, Integer> segments(List<StreamingEventProcessor> processors) {
        Map<String, Integer> segments = new LinkedHashMap<>();
        for (StreamingEventProcessor p : processors) {
            segments.put(p.getName(), hub.getEnvironment().getProperty(
                    "axon.eventhandling.processors." + p.getName() + ".initial-segment-count", Integer.class, 16));
        }
        return segments;
    }

    private static <T> T take(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
