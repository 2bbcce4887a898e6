package org.studyledger.hub.projection;

import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.studyledger.hub.audit.AuditTrailProjection;
import org.studyledger.hub.dataset.AnalysisDatasetProjection;
import org.studyledger.hub.summary.SubjectSummaryProjection;
import org.studyledger.hub.timeline.TimelineProjection;

/**
 * Every assertion of {@link ProjectionsApiTest} with the whole cohort in the ledger before the projection processors
 * start, so each segment's events come in one batch: a form recorded, corrected and retracted, a subject enrolled and
 * dosed, all within one batch, each seen by the next as if written already, and written once when the batch commits.
 */
class ProjectionsInOneBatchTest extends ProjectionsApiTest {
    @Autowired
    EventProcessingConfiguration processing;

    @Override
    @BeforeAll
    void feedTheLedger() {
        List<StreamingEventProcessor> processors = java.util.stream.Stream.of(TimelineProjection.PROCESSING_GROUP,
                        SubjectSummaryProjection.PROCESSING_GROUP, AnalysisDatasetProjection.PROCESSING_GROUP,
                        AuditTrailProjection.PROCESSING_GROUP)
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        cohort.feed(intake, hub);
        processors.forEach(StreamingEventProcessor::start);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
    }
}
