/**
 * The real-path benchmark: the local platform loaded through the centers' own intake, each stage of the path an event
 * takes (center, outbox to Kafka, hub ledger, every projection) timed, then freshness at a fixed offered load, a rebuild
 * of the projections, dataset reads live and as-of, the exports, and a raw PostgreSQL {@code COPY} of the same event rows
 * as the yardstick every rate is compared with. Writes {@code report.md} and {@code report.json}.
 */
package org.studyledger.local.benchmark;
