/** What a benchmark run measured, as JSON for tools and as Markdown for docs/benchmarks.md. */
package org.studyledger.benchmark.report;
