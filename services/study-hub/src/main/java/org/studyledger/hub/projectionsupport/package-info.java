/**
 * Not a projection: what every projection ({@code timeline}, {@code summary}, {@code dataset}, {@code audit}) shares.
 * A ledger event as a projection handler sees it (position, envelope header, payload; {@link LedgerEvent}), the batch
 * a projection collects over one unit of work of its processor and writes when it commits ({@link Batches}), the JDBC
 * value conversions ({@link Sql}), the processors' batch size ({@link ProjectionProperties}) and the processors'
 * failure policy ({@code ProjectionConfiguration}).
 */
package org.studyledger.hub.projectionsupport;
