/**
 * What every projection shares: a ledger event as a projection handler sees it (position, envelope header, payload),
 * the batch a projection collects over one unit of work of its processor and writes when it commits
 * ({@link org.studyledger.hub.projection.Batches}), and the processors' batch size
 * ({@link org.studyledger.hub.projection.ProjectionProperties}).
 */
package org.studyledger.hub.projection;
