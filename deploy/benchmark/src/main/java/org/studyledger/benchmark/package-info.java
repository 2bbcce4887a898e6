/**
 * The export benchmark: loads a large synthetic cohort into a hub database, runs the hub in a child JVM with a small
 * fixed heap and measures each export through its HTTP endpoint (docs/benchmarks.md).
 */
package org.studyledger.benchmark;
