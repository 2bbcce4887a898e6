/**
 * Throughput of the ledger path's parts measured one at a time on the test harness's infrastructure, and the raw
 * PostgreSQL {@code COPY} every measured rate is compared with.
 */
package org.studyledger.local.throughput;
