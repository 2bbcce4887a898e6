package org.studyledger.hub.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.audit.AuditTrailProjection;
import org.studyledger.hub.dataset.AnalysisDatasetProjection;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.rebuild.ReplayProof;
import org.studyledger.hub.summary.SubjectSummaryProjection;
import org.studyledger.hub.timeline.TimelineProjection;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * A batch that fails halfway: with the projection processors stopped, the {@link Cohort} is appended to the ledger;
 * a handler in each projection's processing group throws once at PAV-001's tenth event, so each processor's first
 * batch for that subject's segment (nine of its events already handled) fails, is rolled back with its token, and is
 * handled again. Afterwards every projection equals a replay of the ledger (the replay proof), no event is lost and
 * none is applied twice.
 */
@HubTest
@Import({BatchFailureTest.FailingTimeline.class, BatchFailureTest.FailingSummary.class,
        BatchFailureTest.FailingDataset.class, BatchFailureTest.FailingAudit.class})
class BatchFailureTest {
    static final AtomicInteger FAILURES = new AtomicInteger();

    @ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
    static class FailingTimeline {
        final AtomicLong armed = new AtomicLong(Long.MAX_VALUE);

        @EventHandler
        void on(StudyEvent event, TrackingToken token) {
            failOnce(armed, token);
        }
    }

    @ProcessingGroup(SubjectSummaryProjection.PROCESSING_GROUP)
    static class FailingSummary {
        final AtomicLong armed = new AtomicLong(Long.MAX_VALUE);

        @EventHandler
        void on(StudyEvent event, TrackingToken token) {
            failOnce(armed, token);
        }
    }

    @ProcessingGroup(AnalysisDatasetProjection.PROCESSING_GROUP)
    static class FailingDataset {
        final AtomicLong armed = new AtomicLong(Long.MAX_VALUE);

        @EventHandler
        void on(StudyEvent event, TrackingToken token) {
            failOnce(armed, token);
        }
    }

    @ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
    static class FailingAudit {
        final AtomicLong armed = new AtomicLong(Long.MAX_VALUE);

        @EventHandler
        void on(StudyEvent event, TrackingToken token) {
            failOnce(armed, token);
        }
    }

    private static void failOnce(AtomicLong armed, TrackingToken token) {
        OptionalLong position = token.position();
        if (position.isPresent() && armed.compareAndSet(position.getAsLong(), Long.MAX_VALUE)) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("a handler fails halfway through the batch at position " + position.getAsLong());
        }
    }

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ReplayProof proof;
    @Autowired
    FailingTimeline timeline;
    @Autowired
    FailingSummary summary;
    @Autowired
    FailingDataset dataset;
    @Autowired
    FailingAudit audit;

    @Test
    void aBatchFailingHalfwayIsRolledBackAndHandledAgainLosingAndDuplicatingNothing() {
        var processors = java.util.stream.Stream.of(TimelineProjection.PROCESSING_GROUP,
                SubjectSummaryProjection.PROCESSING_GROUP, AnalysisDatasetProjection.PROCESSING_GROUP,
                AuditTrailProjection.PROCESSING_GROUP)
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        new Cohort().feed(intake, hub);
        long armed = jdbc.queryForObject("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'PAV-001' AND sequence_number = 9", Long.class);
        for (AtomicLong a : java.util.List.of(timeline.armed, summary.armed, dataset.armed, audit.armed)) {
            a.set(armed);
        }
        processors.forEach(StreamingEventProcessor::start);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);

        assertThat(FAILURES.get()).as("each projection failed once").isEqualTo(4);
        ReplayProof.Report report = proof.prove(false, Duration.ofSeconds(60));
        assertThat(report.equal()).as("%s", report).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM timeline_event", Integer.class)).isEqualTo(Cohort.EVENTS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_trail", Integer.class)).isEqualTo(Cohort.EVENTS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dataset_applied", Integer.class)).isEqualTo(Cohort.EVENTS);
        assertThat(jdbc.queryForObject("SELECT sum(events) FROM subject_summary", Integer.class)).isEqualTo(Cohort.EVENTS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM adqs", Integer.class)).isEqualTo(10);
    }
}
