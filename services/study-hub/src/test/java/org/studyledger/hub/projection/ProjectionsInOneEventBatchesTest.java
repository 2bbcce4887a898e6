package org.studyledger.hub.projection;

import org.springframework.test.context.TestPropertySource;

/**
 * Every assertion of {@link ProjectionsApiTest} with each projection processor taking one ledger event per batch: what
 * a batch reads once and keeps (a subject's summary row and forms, its first dose, an assessment's form on the
 * timeline) must come back from the tables exactly as the batch that wrote it left it, so a correction or retraction in
 * a batch of its own says and derives what it says and derives in the batch of the form it changes.
 */
@TestPropertySource(properties = "studyledger.hub.projections.batch-size=1")
class ProjectionsInOneEventBatchesTest extends ProjectionsApiTest {
}
