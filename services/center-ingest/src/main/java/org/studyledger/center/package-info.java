/** The center ingest service: one deployable per study center. */
package org.studyledger.center;
